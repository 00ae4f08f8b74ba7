package fr.bts.dossier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.service.IdempotencyWiring;
import fr.bts.dossier.service.ImportService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.gpme;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retries of a bulk import converge (issue 10, "retries converge"): an import whose worker was killed midway is
 * completed by the same-key retry to exactly the requested rows with the report of an uncrashed run, and the same key
 * sent by several clients at once runs once, every client ending with the first answer.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class ImportCrashResourceTest {

    private static final String IMPORTS = "/api/dossiers/v1/imports";
    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";
    private static final String SCOPE = "versailles/sub-rectorat-versailles/";
    /** %test.dossier.imports.max-rows: the largest import the test profile accepts. */
    private static final int ROWS = 50;

    @Inject
    MongoClient mongo;

    @Inject
    ObjectMapper json;

    private MongoCollection<Document> records() {
        return mongo.getDatabase("dossiers").getCollection(IdempotencyWiring.COLLECTION);
    }

    private MongoCollection<Document> dossiers() {
        return mongo.getDatabase("dossiers").getCollection("dossiers");
    }

    private static List<Map<String, Object>> rows(String session) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            String number = String.format("VER-%s-%05d", session, i);
            rows.add(i % 2 == 0 ? gpme(session, number, "cand-" + session + "-" + i) : sam(session, number, "cand-" + session + "-" + i));
        }
        return rows;
    }

    private byte[] bytes(Object body) throws Exception {
        return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static Response post(String key, byte[] body) {
        return as(RECTORAT).header("Idempotency-Key", key).contentType("application/json").body(body).post(IMPORTS);
    }

    /** The stored files of a session: candidate number → id. */
    private Map<String, String> stored(String session) {
        List<Document> files = dossiers().find(Filters.and(Filters.eq("academie", "versailles"), Filters.eq("session", session)))
                .into(new ArrayList<>());
        Map<String, String> byNumber = files.stream().collect(Collectors.toMap(d -> d.getString("candidateNumber"), d -> d.getString("_id")));
        assertEquals(files.size(), byNumber.size(), "one file per candidate number");
        return byNumber;
    }

    /** A report with the ids of the files left out: what two runs over different files have in common. */
    private static List<String> withoutIds(Response report) {
        List<Map<String, Object>> rows = report.path("rows");
        List<String> out = new ArrayList<>(List.of("total=" + report.path("total"), "created=" + report.path("created"),
                "updated=" + report.path("updated"), "unchanged=" + report.path("unchanged"), "rejected=" + report.path("rejected")));
        rows.forEach(r -> out.add(r.get("row") + "/" + r.get("candidateNumber") + "/" + r.get("outcome") + "/" + r.get("errors")));
        return out;
    }

    @Test
    void anImportKilledMidwayIsCompletedByTheSameKeyRetryToExactlyTheRequestedRowsWithTheUncrashedReport() throws Exception {
        List<Map<String, Object>> rows = rows("2091");
        byte[] full = bytes(rows);

        // the worker that was killed: it stored the first 20 rows of the import under the key's run (the same code
        // path, the same run, so the same documents)...
        int storedBeforeTheCrash = 20;
        Response partial = post("crash-2091", bytes(rows.subList(0, storedBeforeTheCrash)));
        partial.then().statusCode(200).body("created", equalTo(storedBeforeTheCrash));
        // ...and died before answering: what it leaves is the key in progress for the whole import, under its lease
        String fingerprint = Idempotency.fingerprint("imports", ImportService.request("application/json", full));
        records().updateOne(Filters.eq("_id", SCOPE + "crash-2091"), Updates.combine(Updates.set("fingerprint", fingerprint),
                Updates.set("owner", "killed-worker"), Updates.set("leaseUntil", Date.from(Instant.now().plusSeconds(30))),
                Updates.unset("status"), Updates.unset("headers"), Updates.unset("body")));
        Map<String, String> beforeRetry = stored("2091");
        assertEquals(storedBeforeTheCrash, beforeRetry.size());

        // while its lease lives, the retry is told to come back
        post("crash-2091", full).then().statusCode(409).header("Retry-After", "1")
                .body("type", equalTo("urn:bts:problem:idempotency-key-in-progress"));
        assertEquals(storedBeforeTheCrash, stored("2091").size());

        // once the lease ran out, the same-key retry takes the run over and completes it
        records().updateOne(Filters.eq("_id", SCOPE + "crash-2091"), Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1))));
        Response retry = post("crash-2091", full);
        retry.then().statusCode(200).body("total", equalTo(ROWS)).body("created", equalTo(ROWS))
                .body("updated", equalTo(0)).body("unchanged", equalTo(0)).body("rejected", equalTo(0));

        // exactly the requested rows: none missing, no duplicate, the rows stored before the crash kept as they were
        Map<String, String> after = stored("2091");
        Set<String> requested = rows.stream().map(r -> (String) r.get("candidateNumber")).collect(Collectors.toSet());
        assertEquals(requested, after.keySet());
        beforeRetry.forEach((number, id) -> assertEquals(id, after.get(number), number + " keeps its file"));
        List<Map<String, Object>> reported = retry.path("rows");
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> row = reported.get(i);
            assertEquals(i + 1, row.get("row"));
            assertEquals("CREATED", row.get("outcome"));
            assertEquals(after.get((String) row.get("candidateNumber")), row.get("id"), "row " + (i + 1) + " reports its file");
        }

        // the report is the one an uncrashed run gives (the same rows in another session, ids aside)
        Response uncrashed = post("no-crash-2092", bytes(rows("2092")));
        uncrashed.then().statusCode(200);
        assertEquals(withoutIds(uncrashed), withoutIds(retry).stream().map(s -> s.replace("2091", "2092")).toList());

        // and from now on it is the answer of the key, byte for byte
        assertEquals(retry.asString(), post("crash-2091", full).then().statusCode(200).extract().asString());
        assertEquals(ROWS, stored("2091").size());
        // the run marker is stored, never shown
        as(RECTORAT).get(DOSSIERS + "/" + after.get("VER-2091-00001")).then().statusCode(200).body("$", not(hasKey("importRun")));
        assertEquals(ROWS, dossiers().countDocuments(Filters.and(Filters.eq("session", "2091"), Filters.exists("importRun"))));
    }

    @Test
    void anImportWhoseWorkerDiedAfterUpdatingRowsReportsThemUpdatedOnTheRetry() throws Exception {
        List<Map<String, Object>> rows = rows("2093").subList(0, 10);
        post("seed-2093", bytes(rows)).then().statusCode(200).body("created", equalTo(10));
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
            copy.put("lastName", "Changé");
            changed.add(copy);
        }
        byte[] full = bytes(changed);
        // the worker updated the first 4 rows and was killed
        post("update-2093", bytes(changed.subList(0, 4))).then().statusCode(200).body("updated", equalTo(4));
        records().updateOne(Filters.eq("_id", SCOPE + "update-2093"), Updates.combine(
                Updates.set("fingerprint", Idempotency.fingerprint("imports", ImportService.request("application/json", full))),
                Updates.set("owner", "killed-worker"), Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1))),
                Updates.unset("status"), Updates.unset("headers"), Updates.unset("body")));

        Response retry = post("update-2093", full);
        retry.then().statusCode(200).body("updated", equalTo(10)).body("unchanged", equalTo(0)).body("created", equalTo(0));
        assertEquals(10, dossiers().countDocuments(Filters.and(Filters.eq("session", "2093"), Filters.eq("lastName", "Changé"))));
        assertEquals(10, dossiers().countDocuments(Filters.and(Filters.eq("session", "2093"), Filters.eq("version", 2))),
                "each row written once by the run");
    }

    @Test
    void theSameKeySentByFourClientsAtOnceRunsOnceAndEveryClientEndsWithTheFirstAnswer() throws Exception {
        byte[] body = bytes(rows("2094"));
        int clients = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Response>>> answers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Callable<List<Response>> client = () -> {
                    start.await();
                    List<Response> seen = new ArrayList<>();
                    // a client retries after Retry-After while the first request runs (bounded)
                    for (int attempt = 0; attempt < 500; attempt++) {
                        Response answer = post("together-2094", body);
                        seen.add(answer);
                        if (answer.statusCode() != 409) {
                            return seen;
                        }
                        assertEquals("1", answer.header("Retry-After"));
                        assertEquals("urn:bts:problem:idempotency-key-in-progress", answer.path("type"));
                        Thread.sleep(20);
                    }
                    return seen;
                };
                answers.add(pool.submit(client));
            }
            start.countDown();
            Set<String> finals = new HashSet<>();
            for (Future<List<Response>> f : answers) {
                List<Response> seen = f.get();
                Response last = seen.get(seen.size() - 1);
                assertEquals(200, last.statusCode());
                finals.add(last.asString());
            }
            assertEquals(1, finals.size(), "every client ends with the same answer, byte for byte");
            assertEquals(ROWS, io.restassured.path.json.JsonPath.from(finals.iterator().next()).getInt("created"));
            assertEquals(ROWS, stored("2094").size(), "the import ran once");
            assertEquals(ROWS, dossiers().countDocuments(Filters.and(Filters.eq("session", "2094"), Filters.eq("version", 1))));
        } finally {
            pool.shutdownNow();
        }
    }
}
