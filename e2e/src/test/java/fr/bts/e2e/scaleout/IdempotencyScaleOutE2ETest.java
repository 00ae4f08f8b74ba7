package fr.bts.e2e.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.bts.e2e.scaleout.GradingSession.DOSSIERS;
import static fr.bts.e2e.scaleout.GradingSession.EPREUVES;
import static fr.bts.e2e.scaleout.GradingSession.JURY;
import static fr.bts.e2e.scaleout.GradingSession.RECTORAT;
import static fr.bts.e2e.scaleout.GradingSession.SAM;
import static fr.bts.e2e.scaleout.GradingSession.at;
import static fr.bts.e2e.scaleout.GradingSession.json;
import static fr.bts.e2e.Fixtures.mark;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same {@code Idempotency-Key} sent to two instances at once executes once, and every caller ends with the first
 * answer (issue 14): a grade batch sent by eight jury-app threads to both evaluation instances together, and a
 * registration import sent to both dossier instances together — an import runs long enough that the instance which
 * did not claim the key answers 409 {@code idempotency-key-in-progress} with {@code Retry-After}, and the retry after
 * that delay gets the first answer, byte for byte.
 */
class IdempotencyScaleOutE2ETest {

    private static final int SENDERS = 8;
    private static final int IMPORT_ROWS = 400;

    @Test
    void aGradeBatchSentToBothEvaluationInstancesAtOnceRunsOnce() throws Exception {
        GradingSession session = GradingSession.get();
        String candidate = session.candidates.get(session.candidates.size() - 1);
        List<Map<String, Object>> batch = new ArrayList<>();
        EPREUVES.forEach(e -> batch.add(mark(candidate, e, "12.5")));
        String key = "scale-out-batch-" + UUID.randomUUID();
        AtomicInteger toldToWait = new AtomicInteger();

        List<Response> answers = together(SENDERS, i -> Retrying.untilDone(() -> at(Instances.evaluation(), i, JURY)
                .header("Idempotency-Key", key).body(Map.of("grades", batch)).post(session.path("/grades"))
                .then().extract().response(), toldToWait));

        Set<String> bodies = new HashSet<>();
        int firstAnswers = 0;
        for (Response answer : answers) {
            assertEquals(200, answer.statusCode(), answer::asString);
            bodies.add(answer.asString());
            firstAnswers += "false".equals(answer.header("Idempotency-Replayed")) ? 1 : 0;
        }
        assertEquals(1, firstAnswers, "one sender's request ran, every other answer is a replay");
        assertEquals(1, bodies.size(), "every sender has the first answer");
        assertEquals(EPREUVES.size(), json(answers.get(0)).path("created").asInt());
        long stored = 0;
        for (JsonNode g : session.grades(1).path("items")) {
            stored += candidate.equals(g.path("candidate").asText()) && EPREUVES.contains(g.path("epreuve").asText()) ? 1 : 0;
        }
        assertEquals(EPREUVES.size(), stored, "the batch was stored once");
        System.out.printf("scale-out idempotency (evaluation): %d senders on %d instances, 1 run, %d answers 409 in progress%n",
                SENDERS, Instances.evaluation().size(), toldToWait.get());
    }

    @Test
    void anImportSentToBothDossierInstancesAtOnceRunsOnceAndTheOtherIsToldToRetry() throws Exception {
        int year = GradingSession.freeYear(Set.of(GradingSession.get().year));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n = 1; n <= IMPORT_ROWS; n++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("session", Integer.toString(year));
            row.put("certification", SAM);
            row.put("candidateNumber", String.format("IMP-%d-%05d", year, n));
            row.put("lastName", "Import" + n);
            row.put("firstName", "Scale");
            row.put("birthDate", "2004-09-01");
            row.put("email", "scale-import-" + n + "@example.org");
            row.put("account", "scale-import-" + n);
            row.put("categorie", "CAT_C");
            row.put("voie", "FORMATION_CONTINUE");
            row.put("forme", "PROGRESSIVE");
            row.put("unites", List.of("U1", "U3", "U6"));
            row.put("unitesFacultatives", List.of());
            row.put("langues", Map.of());
            row.put("dispenses", List.of());
            row.put("benefices", List.of());
            rows.add(row);
        }
        at(Instances.dossier(), 0, RECTORAT).body(Map.of("dossierDeadline", Instant.now().plusSeconds(86400).toString()))
                .put(DOSSIERS + "/campaigns/" + year + "/" + SAM).then().log().ifValidationFails().statusCode(200);
        assertEquals(0, registered(year), "year " + year + " is free");
        String key = "scale-out-import-" + UUID.randomUUID();
        AtomicInteger toldToWait = new AtomicInteger();

        List<Response> answers = together(4, i -> Retrying.untilDone(() -> at(Instances.dossier(), i, RECTORAT)
                .header("Idempotency-Key", key).body(rows).post(DOSSIERS + "/imports").then().extract().response(), toldToWait));

        Set<String> bodies = new HashSet<>();
        for (Response answer : answers) {
            assertEquals(200, answer.statusCode(), answer::asString);
            bodies.add(answer.getHeader("Content-Type") + " " + answer.asString());
        }
        assertEquals(1, bodies.size(), "every sender has the first answer, byte for byte");
        assertEquals(IMPORT_ROWS, json(answers.get(0)).path("created").asInt(), "the one run created every row");
        assertEquals(IMPORT_ROWS, registered(year), "nobody registered twice");
        assertTrue(toldToWait.get() > 0, "the instance that did not run the import answered 409 in progress while it ran");
        System.out.printf("scale-out idempotency (dossier): 4 senders on %d instances, 1 run of %d rows, %d answers 409 in progress%n",
                Instances.dossier().size(), IMPORT_ROWS, toldToWait.get());
    }

    private static long registered(int year) {
        return at(Instances.dossier(), 1, RECTORAT).queryParam("session", year).queryParam("certification", SAM)
                .get(DOSSIERS + "/dossiers").then().statusCode(200).extract().jsonPath().getLong("totalItems");
    }

    /** Runs {@code n} senders at the same moment (sender i talks to instance i % 2) and returns their final answers. */
    static List<Response> together(int n, java.util.function.IntFunction<Response> sender) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return sender.apply(index);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(300, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
