package fr.bts.evaluation.rest;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Downstream failures answer exactly and fast (issue 10 item 3), against WireMock: dossier-service or the referential
 * answering 503 is a 503 with {@code Retry-After} (not a 502), a malformed answer is a 502, a downstream that does not
 * answer is a 503 within its bound; the session is unchanged. Readiness waits on no downstream service. Uses the académie
 * dijon, which no other test uses.
 */
@QuarkusTest
class DownstreamFailureResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String RECTORAT = TestTokens.token("rectorat-dijon", "dijon", "rectorat");

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String openSession(int year, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder snapshot) {
        DownstreamWireMock.server.stubFor(get(urlEqualTo("/api/dossiers/v1/snapshots/" + year + "/BTS-SAM")).willReturn(snapshot));
        return as(RECTORAT).body(Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", year))
                .post(SESSIONS).then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse startGrading(String session) {
        return as(RECTORAT).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING"))
                .post(SESSIONS + "/" + session + "/transitions").then();
    }

    @Test
    void dossierServiceAnswering503PassesThroughAs503WithRetryAfter() {
        String session = openSession(2032, aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:bts:problem:service-unavailable\",\"status\":503}"));
        startGrading(session).statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", is("urn:bts:problem:service-unavailable")).body("detail", containsString("dossier-service"));
        as(RECTORAT).get(SESSIONS + "/" + session).then().statusCode(200).body("status", is("OPEN"));
    }

    @Test
    void aMalformedSnapshotIs502() {
        String session = openSession(2033, okJson("{\"candidates\": [ {\"candidateNumber\": "));
        startGrading(session).statusCode(502).contentType("application/problem+json").body("type", is("urn:bts:problem:bad-gateway"));
        as(RECTORAT).get(SESSIONS + "/" + session).then().statusCode(200).body("status", is("OPEN"));
    }

    /**
     * The configured timeout, not dossier-service, ends the wait: the caller's HTTP client gives up at three times the
     * configured timeout, and dossier-service answers only at twice that; exactly one attempt reached it (a timed-out
     * call is not retried).
     */
    @Test
    void aDossierServiceThatDoesNotAnswerIs503WithinTheBound() {
        long configured = ConfigProvider.getConfig().getValue(
                "quarkus.fault-tolerance.\"fr.bts.evaluation.client.DossierClient/snapshot\".timeout.value", Long.class);
        int clientTimeout = Math.toIntExact(3 * configured);
        String session = openSession(2034, okJson("{}").withFixedDelay(2 * clientTimeout));
        RestAssuredConfig bounded = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", clientTimeout).setParam("http.socket.timeout", clientTimeout));
        io.restassured.response.Response answer;
        try {
            answer = as(RECTORAT).config(bounded).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING"))
                    .post(SESSIONS + "/" + session + "/transitions");
        } catch (RuntimeException e) {
            throw new AssertionError("no answer within " + clientTimeout + " ms: the call waited on dossier-service, not on its "
                    + configured + " ms timeout", e);
        }
        answer.then().statusCode(503).header("Retry-After", notNullValue()).body("type", is("urn:bts:problem:service-unavailable"));
        assertEquals(1, DownstreamWireMock.server.countRequestsMatching(
                getRequestedFor(urlEqualTo("/api/dossiers/v1/snapshots/2034/BTS-SAM")).build()).getCount(), "one bounded attempt");
        as(RECTORAT).get(SESSIONS + "/" + session).then().statusCode(200).body("status", is("OPEN"));
    }

    @Test
    void theReferentialAnswering503Is503WithRetryAfter() {
        DownstreamWireMock.server.stubFor(get(urlEqualTo("/api/referential/v1/certifications/BTS-SAM/versions/7"))
                .willReturn(aResponse().withStatus(503)));
        as(RECTORAT).body(Map.of("certification", "BTS-SAM", "referentialVersion", "7", "year", 2035))
                .post(SESSIONS).then().statusCode(503).header("Retry-After", is("5"))
                .body("type", is("urn:bts:problem:service-unavailable")).body("detail", containsString("referential-service"));
    }

    @Test
    void readinessNamesTheDatabaseAndNeverWaitsOnADownstreamService() {
        // Readiness is bounded by its own probe (commons BoundedProbe, its bound tested in BoundedProbeTest), not by a
        // downstream service: it calls none of them, so a hung referential or dossier-service cannot slow it.
        given().get("/q/health/ready").then().statusCode(200); // the first request of a fresh application warms it up
        int downstreamCalls = DownstreamWireMock.server().getAllServeEvents().size();
        for (int i = 0; i < 5; i++) {
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'database' }.status", is("UP"))
                    .body("checks.name", everyItem(is("database")));
        }
        assertEquals(downstreamCalls, DownstreamWireMock.server().getAllServeEvents().size(),
                "readiness called a downstream service");
    }
}
