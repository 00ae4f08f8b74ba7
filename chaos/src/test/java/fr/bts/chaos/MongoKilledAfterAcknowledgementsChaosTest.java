package fr.bts.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.bts.chaos.ChaosStack.Answer;
import static fr.bts.chaos.ChaosStack.expect;
import static fr.bts.chaos.ChaosStack.get;
import static fr.bts.chaos.ChaosStack.postJson;
import static fr.bts.chaos.SamFixture.CANDIDATE;
import static fr.bts.chaos.SamFixture.DOSSIERS;
import static fr.bts.chaos.SamFixture.RECTORAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability case of issue 10: the rectorat registers candidates and a candidate uploads attachments through the
 * gateway while the MongoDB wire server is killed with {@code kill -9} right after an acknowledgement. After
 * {@code ./suite up}, every acknowledged registration and attachment is there (the attachment byte for byte),
 * nothing is registered twice, and a retried registration replays its first answer. Before the fix 11 of 42
 * registrations and 12 of 42 attachments were lost.
 */
class MongoKilledAfterAcknowledgementsChaosTest {

    private static final int ACKS_BEFORE_KILL = Integer.parseInt(ChaosStack.env("CHAOS_MONGO_ACKS", "90"));

    private record Registration(String key, Map<String, Object> body, byte[] answer, String id) {
    }

    private record Attachment(String id, byte[] content) {
    }

    @Test
    void acknowledgedRegistrationsAndAttachmentsSurviveAKillOfTheWireServer() throws Exception {
        Figures figures = new Figures("mongo-killed-after-acks");
        SamFixture sam = new SamFixture();
        JsonNode own = expect(201, postJson(RECTORAT, DOSSIERS + "/dossiers", Map.of("Idempotency-Key", sam.run + "-own"),
                sam.registration(0, CANDIDATE)), "the candidate's own file");
        String file = DOSSIERS + "/dossiers/" + own.path("id").asText();

        List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
        List<Attachment> attachments = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Instant[] killedAt = new Instant[1];
        Runnable acknowledged = () -> {
            if (acks.incrementAndGet() == ACKS_BEFORE_KILL && killed.compareAndSet(false, true)) {
                killedAt[0] = ChaosStack.kill9("mongo");
            }
        };
        CountDownLatch done = new CountDownLatch(2);
        Thread registrar = new Thread(() -> {
            try {
                for (int i = 1; !killed.get(); i++) {
                    Map<String, Object> body = sam.registration(i, null);
                    String key = sam.run + "-registration-" + i;
                    Answer answer = postJson(RECTORAT, DOSSIERS + "/dossiers", Map.of("Idempotency-Key", key), body);
                    if (answer.status() != 201) {
                        break;
                    }
                    registrations.add(new Registration(key, body, answer.body(), answer.json().path("id").asText()));
                    acknowledged.run();
                }
            } finally {
                done.countDown();
            }
        }, "registrar");
        Thread uploader = new Thread(() -> {
            try {
                for (int i = 1; !killed.get(); i++) {
                    byte[] pdf = ("%PDF-1.4\n% chaos attachment " + i + " of run " + sam.run + "\n" + "x".repeat(64 * 1024) + "\n%%EOF\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    Answer answer = ChaosStack.send(CANDIDATE, "POST", file + "/attachments?epreuve=E4&fileName=chaos-" + i + ".pdf",
                            Map.of(), "application/pdf", pdf);
                    if (answer.status() != 201) {
                        break;
                    }
                    attachments.add(new Attachment(answer.json().path("id").asText(), pdf));
                    acknowledged.run();
                }
            } finally {
                done.countDown();
            }
        }, "uploader");
        registrar.start();
        uploader.start();
        done.await();
        assertTrue(killed.get(), "the load reached " + ACKS_BEFORE_KILL + " acknowledgements and the wire server was killed");

        Instant restart = Instant.now();
        ChaosStack.up();
        Instant recovered = ChaosStack.awaitAnswering(RECTORAT, file, Duration.ofMinutes(3), figures);

        int lostRegistrations = 0;
        for (Registration r : registrations) {
            if (get(RECTORAT, DOSSIERS + "/dossiers/" + r.id()).status() != 200) {
                lostRegistrations++;
            }
        }
        int duplicates = sam.duplicatedCandidateNumbers();

        Set<String> listed = new HashSet<>();
        expect(200, get(CANDIDATE, file + "/attachments"), "attachments").forEach(a -> listed.add(a.path("id").asText()));
        int lostAttachments = 0;
        for (Attachment a : attachments) {
            Answer download = get(CANDIDATE, file + "/attachments/" + a.id());
            if (!listed.contains(a.id()) || download.status() != 200 || !Arrays.equals(a.content(), download.body())) {
                lostAttachments++;
            }
        }

        int replays = 0;
        int identical = 0;
        for (Registration r : registrations.subList(Math.max(0, registrations.size() - 10), registrations.size())) {
            Answer replay = postJson(RECTORAT, DOSSIERS + "/dossiers", Map.of("Idempotency-Key", r.key()), r.body());
            replays++;
            if (replay.status() == 201 && Arrays.equals(r.answer(), replay.body())) {
                identical++;
            }
        }
        figures.put("registrationsAcknowledged", registrations.size()).put("registrationsLost", lostRegistrations)
                .put("attachmentsAcknowledged", attachments.size()).put("attachmentsLost", lostAttachments)
                .put("duplicates", duplicates).put("replays", replays).put("replaysIdentical", identical)
                .put("restartToAnswerMs", Duration.between(restart, recovered).toMillis())
                .put("killToAnswerMs", Duration.between(killedAt[0], recovered).toMillis()).report();
        assertEquals(0, lostRegistrations, "acknowledged registrations lost");
        assertEquals(0, lostAttachments, "acknowledged attachments lost");
        assertEquals(0, duplicates, "registrations stored twice");
        assertEquals(replays, identical, "replays identical to the first answer");
    }
}
