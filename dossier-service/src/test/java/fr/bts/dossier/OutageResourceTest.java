package fr.bts.dossier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import fr.bts.devstack.MongoTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.sam;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downstream failures answer exactly and fast (issue 10 item 3): the referential answering 503, garbage or nothing
 * in time; a snapshot while the referential is down answers from the versions kept in MongoDB by an earlier read
 * (a restarted instance has a cold memory cache) and a clear 503 when nothing was kept; readiness answers in time.
 */
@QuarkusTest
class OutageResourceTest {

    private static final String VERSIONS = "/api/referential/v1/certifications/";

    private static void answer(String certification, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        for (String version : new String[]{"1", "current"}) {
            ReferentialWireMock.server().stubFor(get(urlEqualTo(VERSIONS + certification + "/versions/" + version))
                    .atPriority(1).willReturn(response));
        }
    }

    private static Response register(String certification, String number) {
        Map<String, Object> body = sam("2041", number, "cand-out");
        body.put("certification", certification);
        return as(RECTORAT).contentType("application/json").body(body).post("/api/dossiers/v1/dossiers");
    }

    @Test
    void aReferentialAnswering503Is503WithRetryAfter() {
        answer("BTS-BUSY", aResponse().withStatus(503).withHeader("Retry-After", "30"));
        long t0 = System.nanoTime();
        register("BTS-BUSY", "VER-2041-00001").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", equalTo("urn:bts:problem:service-unavailable"));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "a failing referential answers within the bound");
    }

    @Test
    void aMalformedReferentialAnswerIs502() {
        answer("BTS-GARBAGE", okJson("{\"certification\": [1, 2"));
        register("BTS-GARBAGE", "VER-2041-00002").then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:bad-gateway"));
        answer("BTS-HALF", okJson("{\"unites\": []}"));
        register("BTS-HALF", "VER-2041-00003").then().statusCode(502).body("type", equalTo("urn:bts:problem:bad-gateway"));
    }

    @Test
    void aReferentialThatDoesNotAnswerIs503WithinTheBound() {
        answer("BTS-SLOW", okJson("{}").withFixedDelay(15_000));
        long t0 = System.nanoTime();
        register("BTS-SLOW", "VER-2041-00004").then().statusCode(503).header("Retry-After", notNullValue())
                .body("type", equalTo("urn:bts:problem:service-unavailable"));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(elapsedMs < 6500, "a hung referential costs one bounded attempt, took " + elapsedMs + " ms");
    }

    @Test
    void aColdInstanceTakesTheSnapshotFromTheVersionsKeptInMongoDbOrAnswers503() {
        answer("BTS-COLD", aResponse().withStatus(503));
        as(RECTORAT).get("/api/dossiers/v1/snapshots/2041/BTS-COLD").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue());

        // a read while the referential is up keeps the version and the number behind current
        as(RECTORAT).get("/api/dossiers/v1/snapshots/2041/BTS-SAM").then().statusCode(200).body("referentialVersion", equalTo(1));
        try (MongoClient mongo = MongoClients.create(MongoTestResource.connectionString())) {
            MongoCollection<Document> kept = mongo.getDatabase("dossiers").getCollection("referential_versions");
            Document version = kept.find(new Document("_id", "BTS-SAM/1")).first();
            assertNotNull(version, "the version read is kept");
            assertTrue(version.getString("document").contains("\"BTS-SAM\""));
            assertEquals(1, kept.find(new Document("_id", "BTS-SAM/current")).first().getInteger("number"));

            // what an earlier instance kept of BTS-COLD before this one started with an empty memory cache
            kept.insertOne(new Document(version).append("_id", "BTS-COLD/1").append("certification", "BTS-COLD"));
            kept.insertOne(new Document("_id", "BTS-COLD/current").append("certification", "BTS-COLD").append("number", 1));
        }
        as(RECTORAT).get("/api/dossiers/v1/snapshots/2041/BTS-COLD").then().statusCode(200)
                .body("certification", equalTo("BTS-COLD")).body("referentialVersion", equalTo(1));
    }

    @Test
    void readinessAnswersWithinOneSecond() {
        given().get("/q/health/ready").then().statusCode(200); // the first request of a fresh application warms it up
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'mongodb' }.status", equalTo("UP"));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(elapsedMs < 1000, "readiness took " + elapsedMs + " ms");
        }
    }
}
