package fr.bts.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
 * Scale-out case of issue 14, on the stack of {@code ./suite chaos scaleout} (two instances of each service behind one
 * gateway). A BTS-SAM session is set up through the gateway and opened for grading; 20 jury apps (one candidate each,
 * its four written épreuves) send grade batches through the gateway, each naming the versions it updates, each with
 * its own {@code Idempotency-Key}, resent with the same key as a real jury app does when no answer, a 503 or a 409
 * "still in progress" comes back (waiting as {@code Retry-After} says). After {@code CHAOS_SCALEOUT_KILL_AFTER}
 * acknowledged batches the last evaluation instance is killed with {@code kill -9}; the load goes on through the
 * other one. {@code ./suite up} brings it back, the gateway readmits it, and one more round runs on both.
 *
 * <p>Counted and asserted: both instances served before the kill and after the readmission (the gateway's access log
 * names the instance of every request); the gateway took the killed instance out of rotation, sent it no request
 * while it was out, and acknowledged batches meanwhile; every batch was acknowledged in the end; 0 acknowledged
 * writes lost (every grade holds the version, note and comment of its last acknowledged batch, each acknowledged
 * batch moved its grades one version on); 0 duplicates (one row per grade, one audit entry per acknowledged batch:
 * no batch ran twice); the audit chain verifies; replays of acknowledged batches are byte-identical.
 */
class ScaleOutChaosTest {

    private static final int CLIENTS = Integer.parseInt(ChaosStack.env("CHAOS_SCALEOUT_CLIENTS", "20"));
    private static final int ROUNDS = Integer.parseInt(ChaosStack.env("CHAOS_SCALEOUT_ROUNDS", "12"));
    private static final int KILL_AFTER = Integer.parseInt(ChaosStack.env("CHAOS_SCALEOUT_KILL_AFTER", "80"));
    /** How long a jury app keeps resending one batch: above the idempotency lease (30 s) that a killed run leaves. */
    private static final Duration RESEND_WITHIN = Duration.parse(ChaosStack.env("CHAOS_SCALEOUT_RESEND_WITHIN", "PT2M"));
    private static final String SERVICE = "evaluation";

    /** One acknowledged batch: who sent it, when, through which request id, what it wrote and what came back. */
    private record Ack(int client, int round, String key, Map<String, Object> body, byte[] answer, String requestId,
                       Instant sent, Map<String, Long> versions, String comment, BigDecimal note) {
    }

    /** One attempt of a batch: its request id, when it was sent, the status that came back (0: none). */
    private record Attempt(String requestId, Instant sent, int status) {
    }

    private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> durations = Collections.synchronizedList(new ArrayList<>());
    private final Figures figures = new Figures("scaleout-evaluation-killed");

    @Test
    void theGatewayFailsOverWhenAnEvaluationInstanceIsKilledUnderLoad() throws Exception {
        List<String> instances = ChaosStack.instances(SERVICE);
        assertTrue(instances.size() >= 2, "the scale-out case needs two evaluation instances (./suite chaos scaleout), found " + instances);
        int victim = instances.size();
        String victimUrl = instances.get(victim - 1);
        ChaosStack.awaitRotation(SERVICE, victim, true, Duration.ofMinutes(1));

        SamFixture sam = new SamFixture();
        String grades = EVALUATIONS + "/sessions/" + sam.gradingSession(CLIENTS) + "/grades";
        long auditBefore = auditVerification().path("entries").asLong();

        // rounds 0..ROUNDS-1 under load, the victim killed after KILL_AFTER acknowledgements
        Map<Integer, Map<String, Long>> versions = new HashMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            versions.put(c, new HashMap<>());
        }
        CountDownLatch killNow = new CountDownLatch(1);
        AtomicInteger acknowledged = new AtomicInteger();
        Instant[] killedAt = new Instant[1];
        Instant[] outAt = new Instant[1];
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        Future<?> killer = pool.submit(() -> {
            killNow.await();
            killedAt[0] = ChaosStack.kill9(ChaosStack.component(SERVICE, victim));
            outAt[0] = ChaosStack.awaitRotation(SERVICE, victim, false, Duration.ofSeconds(30));
            return null;
        });
        List<Future<?>> apps = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            apps.add(pool.submit(() -> {
                for (int round = 0; round < ROUNDS && failures.isEmpty(); round++) {
                    Ack ack = batch(sam, grades, client, round, versions.get(client));
                    if (ack == null) {
                        return;
                    }
                    if (acknowledged.incrementAndGet() == KILL_AFTER) {
                        killNow.countDown();
                    }
                }
            }));
        }
        for (Future<?> app : apps) {
            app.get();
        }
        killNow.countDown();   // a load too short to reach KILL_AFTER still kills, and the assertions below say so
        killer.get();
        Instant loadEnded = Instant.now();

        Instant restart = Instant.now();
        ChaosStack.up();
        Instant readmitted = ChaosStack.awaitRotation(SERVICE, victim, true, Duration.ofMinutes(2));

        // one more round from every jury app, with both instances in rotation again
        Instant finalRound = Instant.now();
        List<Future<?>> last = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            last.add(pool.submit(() -> batch(sam, grades, client, ROUNDS, versions.get(client))));
        }
        for (Future<?> app : last) {
            app.get();
        }
        pool.shutdown();

        // where each request went, from the gateway's access log
        Map<String, String> upstream = ChaosStack.upstreams(attempts.stream().map(Attempt::requestId).toList(), Duration.ofSeconds(10));
        Map<String, Integer> servedBeforeKill = served(upstream, a -> a.sent().isBefore(killedAt[0]));
        Map<String, Integer> servedAfterReadmission = served(upstream, a -> !a.sent().isBefore(finalRound));
        long sentToVictimWhileOut = attempts.stream().filter(a -> a.sent().isAfter(outAt[0]) && a.sent().isBefore(restart))
                .filter(a -> victimUrl.equals(upstream.get(a.requestId()))).count();
        long acknowledgedWhileDown = acks.stream().filter(a -> a.sent().isAfter(killedAt[0]) && a.sent().isBefore(restart)).count();
        long attemptsAfterKill = attempts.stream().filter(a -> a.sent().isAfter(killedAt[0])).count();
        long failedAttemptsUnderKill = attempts.stream().filter(a -> a.status() != 200 && a.sent().isBefore(restart)).count();
        long failedAttemptsAfterReadmission = attempts.stream().filter(a -> a.status() != 200 && !a.sent().isBefore(finalRound)).count();
        long slowestMs = durations.stream().mapToLong(Long::longValue).max().orElse(0);

        // what is stored
        JsonNode stored = expect(200, get(RECTORAT, grades + "?size=500"), "grades after the load");
        Map<String, List<JsonNode>> byPair = new HashMap<>();
        stored.path("items").forEach(g -> byPair.computeIfAbsent(g.path("candidate").asText() + "/" + g.path("epreuve").asText(),
                k -> new ArrayList<>()).add(g));
        Map<String, Ack> lastAck = new HashMap<>();
        Map<String, List<Ack>> ackedByClient = new TreeMap<>();
        for (Ack ack : acks) {
            ackedByClient.computeIfAbsent(Integer.toString(ack.client()), k -> new ArrayList<>()).add(ack);
        }
        int lost = 0;
        int versionGaps = 0;
        for (List<Ack> clientAcks : ackedByClient.values()) {
            clientAcks.sort((a, b) -> Integer.compare(a.round(), b.round()));
            for (int i = 1; i < clientAcks.size(); i++) {
                for (Map.Entry<String, Long> grade : clientAcks.get(i).versions().entrySet()) {
                    if (grade.getValue() != clientAcks.get(i - 1).versions().get(grade.getKey()) + 1) {
                        versionGaps++;
                    }
                }
            }
            Ack newest = clientAcks.get(clientAcks.size() - 1);
            newest.versions().keySet().forEach(pair -> lastAck.put(pair, newest));
        }
        int duplicates = 0;
        for (Map.Entry<String, Ack> e : lastAck.entrySet()) {
            List<JsonNode> rows = byPair.getOrDefault(e.getKey(), List.of());
            duplicates += Math.max(0, rows.size() - 1);
            Ack ack = e.getValue();
            boolean present = rows.stream().anyMatch(g -> g.path("version").asLong() == ack.versions().get(e.getKey())
                    && ack.comment().equals(g.path("commentaire").asText()) && g.path("note").decimalValue().compareTo(ack.note()) == 0);
            if (!present) {
                lost++;
            }
        }
        JsonNode verification = auditVerification();
        long auditEntries = verification.path("entries").asLong() - auditBefore;

        // replays of acknowledged batches through the gateway, whichever instance answers them now
        int replays = 0;
        int identical = 0;
        List<Ack> sample = new ArrayList<>(acks.subList(0, Math.min(5, acks.size())));
        sample.addAll(acks.subList(Math.max(0, acks.size() - 5), acks.size()));
        for (Ack ack : sample) {
            Answer replay = postJson(JURY, grades, Map.of("Idempotency-Key", ack.key()), ack.body());
            replays++;
            if (replay.status() == 200 && Arrays.equals(ack.answer(), replay.body()) && "true".equals(replay.header("Idempotency-Replayed"))) {
                identical++;
            }
        }

        figures.put("instances", instances.size()).put("clients", CLIENTS).put("batchesSent", CLIENTS * (ROUNDS + 1))
                .put("batchesAcknowledged", acks.size()).put("gradeWritesAcknowledged", acks.size() * WRITTEN.size())
                .put("attempts", attempts.size()).put("notAcknowledgedUnderKill", failedAttemptsUnderKill)
                .put("notAcknowledgedAfterReadmission", failedAttemptsAfterReadmission).put("slowestAnswerMs", slowestMs)
                .put("servedBeforeKill", servedBeforeKill).put("servedAfterReadmission", servedAfterReadmission)
                .put("killedAfterAcks", KILL_AFTER).put("killToOutOfRotationMs", Duration.between(killedAt[0], outAt[0]).toMillis())
                .put("acknowledgedWhileDown", acknowledgedWhileDown).put("sentToKilledInstanceWhileOut", sentToVictimWhileOut)
                .put("loadAfterKillMs", Duration.between(killedAt[0], loadEnded).toMillis())
                .put("upToInRotationMs", Duration.between(restart, readmitted).toMillis())
                .put("lost", lost).put("versionGaps", versionGaps).put("duplicates", duplicates)
                .put("auditEntriesAdded", auditEntries).put("auditValid", verification.path("valid").asBoolean())
                .put("replays", replays).put("replaysIdentical", identical).put("attemptsAfterKill", attemptsAfterKill).report();

        assertEquals(List.of(), failures, "answers a jury app cannot retry");
        assertEquals(CLIENTS * (ROUNDS + 1), acks.size(), "every batch acknowledged in the end");
        assertTrue(acks.size() > KILL_AFTER, "the kill came under load");
        assertEquals(instances.size(), servedBeforeKill.size(), "every instance served before the kill: " + servedBeforeKill);
        assertEquals(instances.size(), servedAfterReadmission.size(), "every instance served after the readmission: " + servedAfterReadmission);
        assertTrue(acknowledgedWhileDown > 0, "batches acknowledged through the other instance while " + victimUrl + " was down");
        assertEquals(0, sentToVictimWhileOut, "requests sent to " + victimUrl + " while the gateway had it out of rotation");
        assertEquals(0, lost, "acknowledged grade writes lost");
        assertEquals(0, versionGaps, "acknowledged batches that did not move their grades exactly one version on");
        assertEquals(0, duplicates, "duplicated grades");
        assertEquals(acks.size(), auditEntries, "one execution (audit entry) per acknowledged batch: no batch ran twice");
        assertTrue(verification.path("valid").asBoolean(), () -> "audit chain: " + verification);
        assertEquals(replays, identical, "replays identical to the first answer");
    }

    /**
     * One grade batch of jury app {@code client} (its candidate's four written épreuves), resent with the same key
     * until it is acknowledged: on no answer, a 503, a 429 or a 409 "in progress", after {@code Retry-After}. Anything
     * else is a failure of the case. Returns the acknowledgement, null after a failure.
     */
    private Ack batch(SamFixture sam, String grades, int client, int round, Map<String, Long> versions) {
        String candidate = sam.candidateNumber(client + 1);
        BigDecimal note = BigDecimal.valueOf((client + round) % 41).divide(BigDecimal.valueOf(2));
        String comment = "scale-out batch " + client + "-" + round;
        List<Map<String, Object>> items = new ArrayList<>();
        for (String epreuve : WRITTEN) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("candidate", candidate);
            item.put("epreuve", epreuve);
            item.put("statut", "NOTE");
            item.put("note", note);
            item.put("commentaire", comment);
            Long version = versions.get(candidate + "/" + epreuve);
            if (version != null) {
                item.put("version", version);
            }
            items.add(item);
        }
        Map<String, Object> body = Map.of("grades", items);
        String key = sam.run + "-scaleout-" + client + "-" + round;
        Instant deadline = Instant.now().plus(RESEND_WITHIN);
        for (int attempt = 0; ; attempt++) {
            String requestId = "scaleout-" + sam.run.substring(0, 8) + "-" + client + "-" + round + "-" + attempt;
            Instant sent = Instant.now();
            Answer answer = postJson(JURY, grades, Map.of("Idempotency-Key", key, "X-Request-Id", requestId), body);
            attempts.add(new Attempt(requestId, sent, answer.status()));
            durations.add(Duration.between(sent, Instant.now()).toMillis());
            figures.status(answer.status());
            if (answer.status() == 200) {
                Map<String, Long> written = new LinkedHashMap<>();
                answer.json().path("items").forEach(i -> written.put(i.path("candidate").asText() + "/" + i.path("epreuve").asText(),
                        i.path("version").asLong()));
                versions.putAll(written);
                Ack ack = new Ack(client, round, key, body, answer.body(), requestId, sent, written, comment, note);
                acks.add(ack);
                return ack;
            }
            boolean retryable = answer.status() == 0 || answer.status() == 503 || answer.status() == 429
                    || answer.status() == 409 && answer.text().contains("idempotency-key-in-progress");
            if (!retryable || Instant.now().isAfter(deadline)) {
                failures.add("client " + client + " round " + round + " attempt " + attempt + ": " + answer.status() + " " + answer.text());
                return null;
            }
            String after = answer.header("Retry-After");
            ChaosStack.pause(Duration.ofSeconds(after != null && after.matches("\\d+") ? Math.min(Long.parseLong(after), 5) : 1));
        }
    }

    /** Acknowledged requests per instance (its URL → count) among the attempts {@code which} selects. */
    private Map<String, Integer> served(Map<String, String> upstream, Predicate<Attempt> which) {
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (attempts) {
            attempts.stream().filter(a -> a.status() == 200).filter(which).map(a -> upstream.get(a.requestId()))
                    .filter(u -> u != null).forEach(u -> counts.merge(u, 1, Integer::sum));
        }
        return counts;
    }

    private static JsonNode auditVerification() {
        return expect(200, get(RECTORAT, EVALUATIONS + "/audit/verify"), "audit verify");
    }
}
