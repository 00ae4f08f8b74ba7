package fr.bts.dossier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.service.IdempotencyWiring;
import fr.bts.dossier.api.RegistrationInput;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.gpme;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idempotency records: they expire after {@code dossier.idempotency.retention} (an older one is never replayed, the
 * request runs anew, and the periodic purge deletes it), and a key in progress is leased (409 with Retry-After while
 * the lease lives, taken over by the same request once it ran out). Records are aged by rewriting their dates in the
 * wire server, so nothing waits.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class IdempotencyExpiryResourceTest {

    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";
    /** The scope of the Versailles rectorat's keys: académie, then the token's subject. */
    private static final String SCOPE = "versailles/sub-rectorat-versailles/";

    @Inject
    MongoClient mongo;

    @Inject
    Idempotency idempotency;

    @Inject
    DossierConfig config;

    @Inject
    Scheduler scheduler;

    @Inject
    ObjectMapper json;

    private MongoCollection<Document> records() {
        return mongo.getDatabase("dossiers").getCollection(IdempotencyWiring.COLLECTION);
    }

    private void age(String key, Duration age) {
        long changed = records().updateOne(Filters.eq("_id", SCOPE + key),
                Updates.set("createdAt", Date.from(Instant.now().minus(age)))).getModifiedCount();
        assertEquals(1, changed);
    }

    private static Response create(String key, Map<String, Object> body) {
        return as(RECTORAT).header("Idempotency-Key", key).contentType("application/json").body(body).post(DOSSIERS);
    }

    /** The fingerprint the service computes for a creation with this body. */
    private String createFingerprint(Map<String, Object> body) throws Exception {
        return Idempotency.fingerprint("create", json.writeValueAsBytes(json.convertValue(body, RegistrationInput.class)));
    }

    @Test
    void aKeyOlderThanTheRetentionIsNotReplayedButRunsAsANewRequest() {
        Duration retention = config.idempotency().retention();
        Map<String, Object> first = gpme("2051", "VER-2051-00001", "cand-x1");
        Response created = create("create-x", first);
        created.then().statusCode(201);

        // within the retention: replayed, and another request under the key is still a reuse
        age("create-x", retention.minusMinutes(1));
        create("create-x", first).then().statusCode(201).header("Location", equalTo(created.header("Location")));
        create("create-x", gpme("2051", "VER-2051-00002", "cand-x2")).then().statusCode(422)
                .body("type", equalTo("urn:bts:problem:idempotency-key-reused"));

        // after it: the same request runs again (and meets the candidate it registered the first time)...
        age("create-x", retention.plusMinutes(1));
        create("create-x", first).then().statusCode(409).body("type", equalTo("urn:bts:problem:duplicate-candidate-number"));
        // ...and another request under the key is a new one, whose answer is replayed from then on
        Response second = create("create-x", gpme("2051", "VER-2051-00002", "cand-x2"));
        second.then().statusCode(201).header("Location", not(equalTo(created.header("Location"))));
        age("create-x", retention.plusMinutes(1));
        Response third = create("create-x", gpme("2051", "VER-2051-00003", "cand-x3"));
        third.then().statusCode(201);
        create("create-x", gpme("2051", "VER-2051-00003", "cand-x3")).then().statusCode(201)
                .header("Location", equalTo(third.header("Location")));
        assertEquals(3, (int) as(RECTORAT).queryParam("session", "2051").get(DOSSIERS).then().extract().path("totalItems"));
    }

    @Test
    void aRecordWithoutCreationDateCountsAsExpired() {
        records().insertOne(new Document("_id", SCOPE + "undated-x").append("fingerprint", "0").append("runId", "r")
                .append("status", 201).append("body", "{}"));
        create("undated-x", gpme("2052", "VER-2052-00001", "cand-y1")).then().statusCode(201).body("candidateNumber", equalTo("VER-2052-00001"));
        Document record = records().find(Filters.eq("_id", SCOPE + "undated-x")).first();
        assertEquals(201, record.getInteger("status"));
        assertTrue(record.getDate("createdAt").toInstant().isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void aKeyInProgressAnswers409WithRetryAfterUntilItsLeaseRunsOutThenTheSameRequestTakesOver() throws Exception {
        Map<String, Object> body = gpme("2053", "VER-2053-00001", "cand-z1");
        // another instance claimed the key for this very request and is still running it
        records().insertOne(new Document("_id", SCOPE + "running-z").append("fingerprint", createFingerprint(body))
                .append("runId", "run-z").append("owner", "other-instance")
                .append("leaseUntil", Date.from(Instant.now().plusSeconds(30))).append("createdAt", new Date()));

        create("running-z", body).then().statusCode(409).contentType("application/problem+json")
                .header("Retry-After", "1").body("type", equalTo("urn:bts:problem:idempotency-key-in-progress"));
        create("running-z", gpme("2053", "VER-2053-00002", "cand-z2")).then().statusCode(422)
                .body("type", equalTo("urn:bts:problem:idempotency-key-reused"));
        assertEquals(0, (int) as(RECTORAT).queryParam("session", "2053").get(DOSSIERS).then().extract().path("totalItems"));

        // that instance died: once its lease ran out, the retry takes the run over and its answer is kept
        records().updateOne(Filters.eq("_id", SCOPE + "running-z"), Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1))));
        Response taken = create("running-z", body);
        taken.then().statusCode(201).header("ETag", "\"v1\"");
        create("running-z", body).then().statusCode(201).header("Location", equalTo(taken.header("Location")))
                .body(equalTo(taken.asString()));
        Document record = records().find(Filters.eq("_id", SCOPE + "running-z")).first();
        assertEquals("run-z", record.getString("runId"), "a takeover continues the same run");
        assertEquals(201, record.getInteger("status"));
        assertEquals(1, (int) as(RECTORAT).queryParam("session", "2053").get(DOSSIERS).then().extract().path("totalItems"));
    }

    @Test
    void aCreationWhoseWorkerDiedAfterStoringTheFileIsAnsweredWithThatFileByTheTakeover() throws Exception {
        Map<String, Object> body = gpme("2054", "VER-2054-00001", "cand-v1");
        Response first = create("stored-v", body);
        first.then().statusCode(201);
        // the worker stored the file and died before recording its answer
        records().updateOne(Filters.eq("_id", SCOPE + "stored-v"), Updates.combine(Updates.unset("status"), Updates.unset("headers"),
                Updates.unset("body"), Updates.set("owner", "dead"), Updates.set("leaseUntil", Date.from(Instant.now().minusSeconds(1)))));

        create("stored-v", body).then().statusCode(201).header("Location", equalTo(first.header("Location")))
                .body("id", equalTo(first.path("id")));
        assertEquals(1, (int) as(RECTORAT).queryParam("session", "2054").get(DOSSIERS).then().extract().path("totalItems"));
    }

    @Test
    void malformedKeysAre400AndRunNothing() {
        create("has space", gpme("2055", "VER-2055-00001", "cand-u1")).then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        create("k".repeat(256), gpme("2055", "VER-2055-00001", "cand-u1")).then().statusCode(400);
        create("k".repeat(255), gpme("2055", "VER-2055-00001", "cand-u1")).then().statusCode(201);
        assertEquals(1, (int) as(RECTORAT).queryParam("session", "2055").get(DOSSIERS).then().extract().path("totalItems"));
    }

    @Test
    void thePurgeDeletesRecordsOlderThanTheRetentionAndKeepsYoungerOnesAndLiveLeases() {
        assertTrue(scheduler.getScheduledJobs().stream().anyMatch(job -> job.getMethodDescription().contains("purgeExpired")),
                "the purge runs periodically");
        Duration retention = config.idempotency().retention();
        for (int i = 1; i <= 5; i++) {
            records().insertOne(record("purge/expired-" + i, Instant.now().minus(retention).minusSeconds(3600L * i)));
        }
        records().insertOne(record("purge/undated", null));
        records().insertOne(record("purge/live", Instant.now().minus(retention).plusSeconds(300)));
        records().insertOne(record("purge/fresh", Instant.now()));
        // old but still running under a live lease: not the purge's to delete; a dead one is
        records().insertOne(record("purge/running", Instant.now().minus(retention).minusSeconds(60))
                .append("leaseUntil", Date.from(Instant.now().plusSeconds(30))).append("status", null));
        records().insertOne(record("purge/dead", Instant.now().minus(retention).minusSeconds(60))
                .append("leaseUntil", Date.from(Instant.now().minusSeconds(30))).append("status", null));
        Instant cutoff = Instant.now().minus(retention);
        long younger = records().countDocuments(Filters.gte("createdAt", Date.from(cutoff)));
        assertTrue(younger >= 2);

        assertTrue(idempotency.purgeOlderThan(cutoff) >= 7);
        // a second instance purging the same records finds nothing more to delete
        assertEquals(0, idempotency.purgeOlderThan(cutoff));

        assertEquals(0, records().countDocuments(Filters.regex("_id", "^purge/(expired|undated|dead)")));
        assertEquals(1, records().countDocuments(Filters.eq("_id", "purge/live")));
        assertEquals(1, records().countDocuments(Filters.eq("_id", "purge/fresh")));
        assertEquals(1, records().countDocuments(Filters.eq("_id", "purge/running")));
        assertEquals(younger + 1, records().countDocuments());
    }

    private static Document record(String id, Instant createdAt) {
        Document d = new Document("_id", id).append("fingerprint", "h").append("runId", "r").append("status", 200)
                .append("headers", "Content-Type: application/json\n").append("body", "{}");
        if (createdAt != null) {
            d.append("createdAt", Date.from(createdAt));
        }
        return d;
    }
}
