package fr.bts.gateway;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real instances of one service ({@code pair-a}, {@code pair-b} of {@link StubBackends}): the gateway
 * spreads requests over both, fails over when one is killed (no error for idempotent requests, the dead
 * instance out of rotation), re-admits it once its readiness check passes again, and sends a request to a
 * second instance only when that cannot execute it twice. Independent tests: each starts once both instances
 * serve, and a test that kills an instance revives it before it ends.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class BalancingResourceTest {

    private static String token() {
        return TestTokens.token("rectorat-versailles", "versailles", "rectorat");
    }

    private static Set<String> servedBy(int requests) {
        Set<String> served = new HashSet<>();
        List<Integer> statuses = new ArrayList<>();
        String token = token();
        for (int i = 0; i < requests; i++) {
            Response response = given().auth().oauth2(token).when().get("/api/pair/v1/items/" + i);
            statuses.add(response.statusCode());
            served.add(response.header("X-Backend"));
        }
        assertEquals(List.of(200), statuses.stream().distinct().toList(), "every request answered 200: " + statuses);
        return served;
    }

    @BeforeEach
    void bothInstancesServe() {
        awaitServing("pair-a");
        awaitServing("pair-b");
    }

    /** Bounded poll (20 s) until {@code instance} answers again: a revived one is re-admitted by its readiness check. */
    private static void awaitServing(String instance) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        boolean back = false;
        while (!back && System.nanoTime() < deadline) {
            back = servedBy(4).contains(instance);
        }
        assertTrue(back, instance + " serves requests");
    }

    @Test
    void spreadsRequestsOverBothInstances() {
        assertEquals(Set.of("pair-a", "pair-b"), servedBy(10));
    }

    @Test
    void aKilledInstanceCostsNoIdempotentRequestAndLeavesTheRotation() {
        servedBy(4);
        Stubs.kill("pair-a");
        try {
            // the pooled connections to pair-a are closed and its port refuses: every request still gets its answer
            assertEquals(Set.of("pair-b"), servedBy(40));
            String token = token();
            for (int i = 0; i < 5; i++) {
                given().auth().oauth2(token).contentType("application/json").body("{\"n\":" + i + "}")
                        .when().post("/api/pair/v1/items")
                        .then().statusCode(200).header("X-Backend", "pair-b");
            }
        } finally {
            Stubs.revive("pair-a");
        }
    }

    @Test
    void aRevivedInstanceIsReadmittedByItsHealthCheck() {
        Stubs.kill("pair-a");
        // out of rotation: the requests that found it dead took it out, none failed
        assertEquals(Set.of("pair-b"), servedBy(10));
        Stubs.revive("pair-a");
        // ejected for 5 minutes: only a passing readiness check brings it back within the bound
        awaitServing("pair-a");
        assertEquals(Set.of("pair-a", "pair-b"), servedBy(10));
    }

    @Test
    void aNonIdempotentRequestIsNeverSentToASecondInstance() {
        long before = Stubs.count("pair-a") + Stubs.count("pair-b");
        given().auth().oauth2(token()).contentType("application/json").body("{\"grade\":12}")
                .when().post("/api/pair/v1/drop")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", org.hamcrest.Matchers.equalTo("urn:bts:problem:service-unavailable"));
        assertEquals(before + 1, Stubs.count("pair-a") + Stubs.count("pair-b"), "the POST reached one instance only");
    }

    @Test
    void anIdempotentRequestDroppedByOneInstanceIsTriedOnTheOther() {
        long before = Stubs.count("pair-a") + Stubs.count("pair-b");
        given().auth().oauth2(token()).when().get("/api/pair/v1/drop")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        assertEquals(before + 2, Stubs.count("pair-a") + Stubs.count("pair-b"), "the GET was tried on both instances");
    }
}
