package fr.bts.gateway;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * second instance only when that cannot execute it twice. In order: each test starts from the state the
 * previous one left.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    @Test
    @Order(1)
    void spreadsRequestsOverBothInstances() {
        assertEquals(Set.of("pair-a", "pair-b"), servedBy(10));
    }

    @Test
    @Order(2)
    void aKilledInstanceCostsNoIdempotentRequestAndLeavesTheRotation() {
        servedBy(4);
        Stubs.kill("pair-a");
        // the pooled connections to pair-a are closed and its port refuses: every request still gets its answer
        assertEquals(Set.of("pair-b"), servedBy(40));
        String token = token();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(token).contentType("application/json").body("{\"n\":" + i + "}")
                    .when().post("/api/pair/v1/items")
                    .then().statusCode(200).header("X-Backend", "pair-b");
        }
    }

    @Test
    @Order(3)
    void aRevivedInstanceIsReadmittedByItsHealthCheck() {
        Stubs.revive("pair-a");
        // ejected for 5 minutes: only a passing readiness check brings it back within the bound
        long deadline = System.nanoTime() + 20_000_000_000L;
        boolean back = false;
        while (!back && System.nanoTime() < deadline) {
            back = servedBy(4).contains("pair-a");
        }
        assertTrue(back, "pair-a serves requests again once it is back");
        assertEquals(Set.of("pair-a", "pair-b"), servedBy(10));
    }

    @Test
    @Order(4)
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
    @Order(5)
    void anIdempotentRequestDroppedByOneInstanceIsTriedOnTheOther() {
        long before = Stubs.count("pair-a") + Stubs.count("pair-b");
        given().auth().oauth2(token()).when().get("/api/pair/v1/drop")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        assertEquals(before + 2, Stubs.count("pair-a") + Stubs.count("pair-b"), "the GET was tried on both instances");
    }
}
