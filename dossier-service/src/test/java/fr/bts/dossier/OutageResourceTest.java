package fr.bts.dossier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import fr.bts.devstack.BoundedRequests;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.client.ReferentialClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
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
 * "In time" is the configured bound of what is under test, not a number of milliseconds: each such request is sent
 * with a client timeout of three times that bound ({@link BoundedRequests}), and the test checks the answer and how
 * many attempts the referential saw.
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
        return register(given(), certification, number);
    }

    private static Response register(RequestSpecification request, String certification, String number) {
        Map<String, Object> body = sam("2041", number, "cand-out");
        body.put("certification", certification);
        return request.auth().oauth2(RECTORAT).contentType("application/json").body(body).post("/api/dossiers/v1/dossiers");
    }

    /** The bound of one attempt at the referential, the binding one (application.properties). */
    private static Duration attemptBound() {
        return Duration.ofMillis(ConfigProvider.getConfig().getValue(
                "quarkus.fault-tolerance.\"fr.bts.dossier.client.ReferentialClient/version\".timeout.value", Long.class));
    }

    /** How many times the client asks a failing referential: once, then its retries ({@code @Retry} of the client). */
    private static int attempts() throws NoSuchMethodException {
        Method version = ReferentialClient.class.getMethod("version", String.class, String.class);
        return 1 + ConfigProvider.getConfig().getOptionalValue(
                "quarkus.fault-tolerance.\"fr.bts.dossier.client.ReferentialClient/version\".retry.max-retries", Integer.class)
                .orElse(version.getAnnotation(Retry.class).maxRetries());
    }

    /** A registration sent with a client timeout of three attempts' bounds: the service must answer before it fires. */
    private static Response boundedRegister(String certification, String number, String why) {
        return BoundedRequests.withinFactorOf(attemptBound(), why, request -> register(request, certification, number));
    }

    private static int referentialRequests(String certification) {
        return ReferentialWireMock.server().countRequestsMatching(
                getRequestedFor(urlMatching(VERSIONS + certification + "/versions/.*")).build()).getCount();
    }

    @Test
    void aReferentialAnswering503Is503WithRetryAfter() throws NoSuchMethodException {
        answer("BTS-BUSY", aResponse().withStatus(503).withHeader("Retry-After", "30"));
        boundedRegister("BTS-BUSY", "VER-2041-00001", "a failing referential is asked a bounded number of times")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", equalTo("urn:bts:problem:service-unavailable"))
                .body("detail", equalTo("referential-service is failing (HTTP 503), retry later"));
        assertEquals(attempts(), referentialRequests("BTS-BUSY"), "asked once and retried maxRetries times, no more");
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
        boundedRegister("BTS-SLOW", "VER-2041-00004", "a hung referential costs one bounded attempt")
                .then().statusCode(503).header("Retry-After", notNullValue())
                .body("type", equalTo("urn:bts:problem:service-unavailable"))
                .body("detail", equalTo("referential-service did not answer in time"));
        assertEquals(1, referentialRequests("BTS-SLOW"), "a timed-out attempt is not retried");
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
    void readinessAnswersWithinItsConfiguredBound() {
        given().get("/q/health/ready").then().statusCode(200); // the first request of a fresh application warms it up
        Duration bound = BoundedRequests.configured("bts.readiness.timeout");
        for (int i = 0; i < 5; i++) {
            BoundedRequests.withinFactorOf(bound, "readiness is bounded by bts.readiness.timeout",
                    request -> request.get("/q/health/ready"))
                    .then().statusCode(200).body("checks.find { it.name == 'mongodb' }.status", equalTo("UP"));
        }
    }
}
