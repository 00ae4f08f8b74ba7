package fr.bts.dossier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.model.IdempotencyRecord;
import fr.bts.dossier.repository.IdempotencyRepository;
import fr.bts.dossier.service.Idempotency;
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
import java.util.Map;

import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.gpme;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idempotency records expire after {@code dossier.idempotency.retention}: an older one is never replayed (the
 * request runs anew) and the periodic purge deletes it. Records are aged by rewriting their {@code createdAt} in the
 * wire server, so nothing waits.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class IdempotencyExpiryResourceTest {

    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    @Inject
    IdempotencyRepository records;

    @Inject
    Idempotency idempotency;

    @Inject
    DossierConfig config;

    @Inject
    Scheduler scheduler;

    private void age(String key, Duration age) {
        long changed = records.mongoCollection().updateOne(Filters.eq("_id", "versailles/create/" + key),
                Updates.set("createdAt", Instant.now().minus(age))).getModifiedCount();
        assertEquals(1, changed);
    }

    private static Response create(String key, Map<String, Object> body) {
        return as(RECTORAT).header("Idempotency-Key", key).contentType("application/json").body(body).post(DOSSIERS);
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
        records.mongoCollection().withDocumentClass(Document.class).insertOne(new Document("_id", "versailles/create/undated-x")
                .append("requestHash", "0").append("status", 201).append("body", "{}"));
        create("undated-x", gpme("2052", "VER-2052-00001", "cand-y1")).then().statusCode(201).body("candidateNumber", equalTo("VER-2052-00001"));
        IdempotencyRecord record = records.findById("versailles/create/undated-x");
        assertEquals(201, record.status);
        assertTrue(record.createdAt != null && record.createdAt.isAfter(Instant.now().minusSeconds(60)));
    }

    @Test
    void thePurgeDeletesRecordsOlderThanTheRetentionAndKeepsYoungerOnes() {
        assertTrue(scheduler.getScheduledJobs().stream().anyMatch(job -> job.getMethodDescription().contains("purgeExpired")),
                "the purge runs periodically");
        Duration retention = config.idempotency().retention();
        for (int i = 1; i <= 5; i++) {
            records.persist(record("purge/expired-" + i, Instant.now().minus(retention).minusSeconds(3600L * i)));
        }
        records.persist(record("purge/undated", null));
        records.persist(record("purge/live", Instant.now().minus(retention).plusSeconds(300)));
        records.persist(record("purge/fresh", Instant.now()));
        Instant cutoff = Instant.now().minus(retention);
        long younger = records.mongoCollection().countDocuments(Filters.gte("createdAt", cutoff));
        assertTrue(younger >= 2);

        idempotency.purgeOlderThan(cutoff);

        assertEquals(0, records.mongoCollection().countDocuments(Filters.regex("_id", "^purge/(expired|undated)")));
        assertTrue(records.findByIdOptional("purge/live").isPresent());
        assertTrue(records.findByIdOptional("purge/fresh").isPresent());
        assertEquals(younger, records.count());
    }

    private static IdempotencyRecord record(String id, Instant createdAt) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = id;
        record.requestHash = "h";
        record.status = 200;
        record.body = "{}";
        record.createdAt = createdAt;
        return record;
    }
}
