package fr.bts.gateway;

import fr.bts.devstack.BoundedRequests;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing and forwarding: what a backend receives and what the caller gets back, through real sockets. */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ProxyResourceTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static String rectorat() {
        return TestTokens.token("rectorat-versailles", "versailles", "rectorat");
    }

    @Test
    void forwardsMethodPathQueryBodyAndAuthorizationIntact() {
        String token = rectorat();
        given().urlEncodingEnabled(false).auth().oauth2(token)
                .contentType("application/json").header("X-Custom", "kept").header("Cookie", "a=b")
                .body("{\"nom\":\"Dupont\",\"prénom\":\"Élise\"}")
                .when().post("/api/dossiers/v1/dossiers?session=2026&q=%C3%A9l%C3%A8ve&q=2")
                .then().statusCode(200)
                .header("X-Backend", "dossier")
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/dossiers/v1/dossiers?session=2026&q=%C3%A9l%C3%A8ve&q=2"))
                .body("body", equalTo("{\"nom\":\"Dupont\",\"prénom\":\"Élise\"}"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.x-custom", equalTo("kept"))
                .body("headers.cookie", equalTo("a=b"))
                .body("headers.content-type", equalTo("application/json"));
    }

    @Test
    void overwritesForwardingHeadersWithWhatTheGatewaySaw() {
        given().auth().oauth2(rectorat())
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example").header("Forwarded", "for=6.6.6.6")
                .header("X-Real-IP", "6.6.6.6").header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-Trusted-Proxy", "true")
                .header("X-Forwarded-Ssl", "on")
                .when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", matchesPattern("localhost:\\d+"))
                .body("headers.x-forwarded-port", equalTo(Integer.toString(RestAssured.port)))
                .body("headers.x-forwarded-prefix", nullValue())
                .body("headers.x-forwarded-trusted-proxy", nullValue())
                .body("headers.x-forwarded-ssl", nullValue())
                .body("headers.forwarded", nullValue())
                .body("headers.x-real-ip", nullValue())
                .body("headers.host", matchesPattern("127\\.0\\.0\\.1:\\d+"));
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() {
        given().auth().oauth2(rectorat())
                .header("Connection", "keep-alive, X-Secret-Hop").header("X-Secret-Hop", "no")
                .header("TE", "trailers")
                .when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(200)
                .header("X-Hop", nullValue())
                .header("Access-Control-Allow-Origin", nullValue())
                .body("headers.x-secret-hop", nullValue())
                .body("headers.te", nullValue());
    }

    @Test
    void generatesARequestIdWhenAbsentForwardsAndEchoesIt() {
        Response response = given().auth().oauth2(rectorat()).when().get("/api/dossiers/v1/dossiers");
        String id = response.header("X-Request-Id");
        assertTrue(id != null && id.matches(UUID), "generated request id: " + id);
        assertEquals(id, response.jsonPath().getString("headers.x-request-id"));
    }

    @Test
    void keepsTheCallersRequestIdWhenSaneAndReplacesItOtherwise() {
        given().auth().oauth2(rectorat()).header("X-Request-Id", "rectorat-import-42")
                .when().get("/api/dossiers/v1/dossiers")
                .then().header("X-Request-Id", "rectorat-import-42")
                .body("headers.x-request-id", equalTo("rectorat-import-42"));
        given().auth().oauth2(rectorat()).header("X-Request-Id", "<script>alert(1)</script>")
                .when().get("/api/dossiers/v1/dossiers")
                .then().header("X-Request-Id", matchesPattern(UUID))
                .body("headers.x-request-id", matchesPattern(UUID));
    }

    @Test
    void propagatesTheW3cTraceContext() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(rectorat())
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").header("tracestate", "bts=1")
                .when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(200)
                .body("headers.traceparent", matchesPattern("00-" + traceId + "-[0-9a-f]{16}-0[01]"))
                .body("headers.tracestate", equalTo("bts=1"));
    }

    @Test
    void balancesTheInstancesOfAServiceRoundRobin() {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(given().when().get("/api/referential/v1/certifications/BTS-GPME")
                    .then().statusCode(200).extract().header("X-Backend"));
        }
        assertEquals(Set.of("referential-a", "referential-b"), new HashSet<>(served));
        for (int i = 1; i < served.size(); i++) {
            assertNotEquals(served.get(i - 1), served.get(i), "consecutive requests go to other instances: " + served);
        }
    }

    @Test
    void skipsAnInstanceThatRefusesConnections() {
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(rectorat()).when().get("/api/evaluations/v1/sessions")
                    .then().statusCode(200).header("X-Backend", "evaluation");
        }
    }

    /**
     * The downed service's connect timeout is a minute (StubBackends): each request is sent with a client timeout of a
     * third of it, so a gateway that waited for the connect timeout instead of taking the refusal at once fails the
     * test by that client timeout, whatever the machine's load.
     */
    @Test
    void aDownedServiceIsA503ProblemWithRetryAfterAtOnce() {
        Duration clientTimeout = BoundedRequests.configured("gateway.services.down.connect-timeout").dividedBy(BoundedRequests.FACTOR);
        String why = "a refused connection must not wait for the connect timeout";
        BoundedRequests.within(clientTimeout, why, request -> request.auth().oauth2(rectorat()).get("/api/down/v1/warm-up"))
                .then().statusCode(503);
        BoundedRequests.within(clientTimeout, why, request -> request.auth().oauth2(rectorat()).get("/api/down/v1/anything"))
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("urn:bts:problem:service-unavailable"))
                .body("status", equalTo(503))
                .body("retryAfter", equalTo(5))
                .body("requestId", matchesPattern(UUID))
                .body("detail", containsString("The down service is unreachable"));
    }

    @Test
    void aSlowServiceIsA503ProblemWithRetryAfterAfterItsReadTimeout() {
        given().auth().oauth2(rectorat()).when().get("/api/evaluations/v1/sessions").then().statusCode(200);
        long reached = Stubs.count("evaluation");
        try {
            // the backend holds its answer until released: the 503 can only come from the gateway's read timeout (1 s)
            given().auth().oauth2(rectorat()).when().get("/api/evaluations/v1/slow")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("urn:bts:problem:service-unavailable"))
                    .body("detail", containsString("did not answer in time"));
            assertEquals(reached + 1, Stubs.count("evaluation"), "the request reached the backend once (no retry after a timeout)");
            assertEquals(0L, Stubs.stats("evaluation").getLong("slowAnswered"), "answered before the backend did");
        } finally {
            Stubs.release("evaluation");
        }
    }

    @Test
    void aBackendsOwn503PassesThroughWithItsRetryAfter() {
        given().auth().oauth2(rectorat()).when().get("/api/dossiers/v1/unavailable?retryAfter=17")
                .then().statusCode(503)
                .header("X-Backend", "dossier")
                .header("Retry-After", "17")
                .contentType("application/problem+json")
                .body("detail", equalTo("store down (from the backend)"));
    }

    @Test
    void aBackendsOwn503WithoutRetryAfterGetsOne() {
        given().auth().oauth2(rectorat()).when().get("/api/dossiers/v1/unavailable")
                .then().statusCode(503)
                .header("X-Backend", "dossier")
                .header("Retry-After", "5")
                .body("detail", equalTo("store down (from the backend)"));
    }

    @Test
    void aMalformedUpstreamAnswerIsA502Problem() {
        given().auth().oauth2(rectorat()).when().post("/api/broken/v1/anything")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:bad-gateway"));
    }

    @Test
    void backendAnswersPassThroughUntouchedErrorsIncluded() {
        given().auth().oauth2(rectorat()).when().delete("/api/dossiers/v1/dossiers/42/missing")
                .then().statusCode(404)
                .header("X-Backend", "dossier")
                .contentType("application/problem+json")
                .body("detail", equalTo("no dossier 42 (from the backend)"));
    }
}
