package fr.bts.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.bts.chaos.ChaosStack.Answer;
import static fr.bts.chaos.ChaosStack.expect;
import static fr.bts.chaos.ChaosStack.get;
import static fr.bts.chaos.ChaosStack.postJson;
import static fr.bts.chaos.SamFixture.EVALUATIONS;
import static fr.bts.chaos.SamFixture.JURY;
import static fr.bts.chaos.SamFixture.RECTORAT;
import static fr.bts.chaos.SamFixture.WRITTEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability case of issue 10: jury apps update grades through the gateway (idempotent batches, each naming the
 * version it updates); PostgreSQL's postmaster is killed with {@code kill -9} right after an acknowledgement. After
 * {@code ./suite up}, every acknowledged update is there (its version and its comment), no grade is duplicated, and
 * a retried batch replays its first answer byte for byte. Before the fix 12 of 209 acknowledged updates were gone.
 */
class PostgresKilledAfterAcknowledgementsChaosTest {

    private static final int CANDIDATES = 10;
    private static final int ACKS_BEFORE_KILL = Integer.parseInt(ChaosStack.env("CHAOS_PG_ACKS", "150"));
    private static final int WRITERS = 2;

    /** The last acknowledged write of one grade (candidate/épreuve). */
    private record Acked(String key, Map<String, Object> body, byte[] answer, long version, String comment) {
    }

    @Test
    void acknowledgedGradeUpdatesSurviveAKillOfThePostmaster() throws Exception {
        Figures figures = new Figures("postgres-killed-after-acks");
        SamFixture sam = new SamFixture();
        String session = sam.gradingSession(CANDIDATES);
        String grades = EVALUATIONS + "/sessions/" + session + "/grades";
        List<String[]> pairs = new ArrayList<>();
        for (int i = 1; i <= CANDIDATES; i++) {
            for (String epreuve : WRITTEN) {
                pairs.add(new String[] {sam.candidateNumber(i), epreuve});
            }
        }

        Map<String, Acked> acked = new ConcurrentHashMap<>();
        List<Acked> everyAck = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> inFlightAtKill = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(WRITERS);
        Instant[] killedAt = new Instant[1];
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                Map<String, Long> versions = new HashMap<>();
                try {
                    for (int n = 0; !killed.get(); n++) {
                        String[] pair = pairs.get(writer + WRITERS * (n % (pairs.size() / WRITERS)));
                        String id = pair[0] + "/" + pair[1];
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("candidate", pair[0]);
                        item.put("epreuve", pair[1]);
                        item.put("statut", "NOTE");
                        item.put("note", BigDecimal.valueOf(n % 41).divide(BigDecimal.valueOf(2)));
                        item.put("commentaire", "chaos write " + writer + "-" + n);
                        if (versions.containsKey(id)) {
                            item.put("version", versions.get(id));
                        }
                        Map<String, Object> body = Map.of("grades", List.of(item));
                        String key = sam.run + "-grade-" + writer + "-" + n;
                        inFlightAtKill.put(id, true);
                        Answer answer = postJson(JURY, grades, Map.of("Idempotency-Key", key), body);
                        if (answer.status() != 200) {
                            break;   // the kill: the load stops at the first failed write
                        }
                        inFlightAtKill.remove(id);
                        long version = answer.json().path("items").get(0).path("version").asLong();
                        versions.put(id, version);
                        Acked ack = new Acked(key, body, answer.body(), version, (String) item.get("commentaire"));
                        acked.put(id, ack);
                        everyAck.add(ack);
                        if (acks.incrementAndGet() == ACKS_BEFORE_KILL && killed.compareAndSet(false, true)) {
                            killedAt[0] = ChaosStack.kill9("postgres");
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "grade-writer-" + w);
            thread.start();
        }
        done.await();
        assertTrue(killed.get(), "the load reached " + ACKS_BEFORE_KILL + " acknowledgements and PostgreSQL was killed");

        Instant restart = Instant.now();
        ChaosStack.up();
        Instant recovered = ChaosStack.awaitAnswering(RECTORAT, grades + "?size=500", Duration.ofMinutes(3), figures);

        JsonNode stored = expect(200, get(RECTORAT, grades + "?size=500"), "grades after the crash");
        Map<String, List<JsonNode>> byPair = new HashMap<>();
        stored.path("items").forEach(g -> byPair.computeIfAbsent(g.path("candidate").asText() + "/" + g.path("epreuve").asText(),
                k -> new ArrayList<>()).add(g));
        int lost = 0;
        int duplicates = 0;
        for (Map.Entry<String, Acked> e : acked.entrySet()) {
            List<JsonNode> rows = byPair.getOrDefault(e.getKey(), List.of());
            duplicates += Math.max(0, rows.size() - 1);
            boolean present = rows.stream().anyMatch(g -> g.path("version").asLong() == e.getValue().version()
                    && e.getValue().comment().equals(g.path("commentaire").asText()));
            // a write in flight at the kill may have committed without its answer: a later version is not a loss
            boolean overtaken = inFlightAtKill.containsKey(e.getKey())
                    && rows.stream().anyMatch(g -> g.path("version").asLong() > e.getValue().version());
            if (!present && !overtaken) {
                lost++;
            }
        }

        int replays = 0;
        int identical = 0;
        List<Acked> sample = new ArrayList<>(everyAck.subList(0, Math.min(5, everyAck.size())));
        sample.addAll(everyAck.subList(Math.max(0, everyAck.size() - 10), everyAck.size()));
        for (Acked ack : sample) {
            Answer replay = postJson(JURY, grades, Map.of("Idempotency-Key", ack.key()), ack.body());
            replays++;
            if (replay.status() == 200 && Arrays.equals(ack.answer(), replay.body()) && "true".equals(replay.header("Idempotency-Replayed"))) {
                identical++;
            }
        }
        figures.put("acknowledged", everyAck.size()).put("grades", acked.size()).put("lost", lost).put("duplicates", duplicates)
                .put("replays", replays).put("replaysIdentical", identical)
                .put("restartToAnswerMs", Duration.between(restart, recovered).toMillis())
                .put("killToAnswerMs", Duration.between(killedAt[0], recovered).toMillis()).report();
        assertEquals(0, lost, "acknowledged grade updates lost");
        assertEquals(0, duplicates, "duplicated grades");
        assertEquals(replays, identical, "replays identical to the first answer");
    }
}
