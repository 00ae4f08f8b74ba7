package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.StoreProxy;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL going away under a running service (issue 10 item 3), through a proxy the test cuts: refused like a
 * killed server, then silent like a hung one. Readiness answers within one second and is DOWN within five; requests
 * answer 503 problem+json with {@code Retry-After} within the configured bounds, never 500; once the database is
 * back, readiness is UP and requests succeed again. The elapsed times are printed as the figures of the issue.
 */
@QuarkusTest
@TestProfile(DatabaseOutageResourceTest.ThroughProxy.class)
class DatabaseOutageResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String RECTORAT = TestTokens.token("rectorat-besancon", "besancon", "rectorat");

    /** The service's datasource goes through {@link StoreProxy} to the test PostgreSQL. */
    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxyResource.class));
        }
    }

    public static class ProxyResource implements QuarkusTestResourceLifecycleManager {
        static StoreProxy proxy;

        @Override
        public Map<String, String> start() {
            try {
                proxy = new StoreProxy(URI.create(PostgresTestResource.jdbcUrl().substring("jdbc:".length())).getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/app");
        }

        /** After PostgresTestResource, so that its URL is known and this one wins. */
        @Override
        public int order() {
            return 100;
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // the test JVM is ending
            }
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Polls readiness until it reports {@code up}, each answer within one second; returns how long that took. */
    private static long readinessBecomes(boolean up, long boundMs) {
        long t0 = System.nanoTime();
        while (true) {
            long t = System.nanoTime();
            int status = given().get("/q/health/ready").statusCode();
            long answeredIn = millisSince(t);
            assertTrue(answeredIn < 1000, "readiness answered in " + answeredIn + " ms");
            if ((status == 200) == up) {
                return millisSince(t0);
            }
            assertTrue(millisSince(t0) < boundMs, "readiness still " + (up ? "DOWN" : "UP") + " after " + boundMs + " ms");
        }
    }

    private static long answers503(String label, long boundMs) {
        long t0 = System.nanoTime();
        Response r = given().auth().oauth2(RECTORAT).get(SESSIONS);
        long elapsed = millisSince(t0);
        assertEquals(503, r.statusCode(), label + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), label + ": " + r.contentType());
        assertEquals("urn:bts:problem:service-unavailable", r.jsonPath().getString("type"));
        assertNotNull(r.header("Retry-After"), label + ": Retry-After");
        assertTrue(elapsed < boundMs, label + " answered in " + elapsed + " ms");
        return elapsed;
    }

    /**
     * Requests succeed again within {@code boundMs}; until then they answer 503 (a pooled connection that the outage
     * broke is discarded when a request finds it broken), never anything else.
     */
    private static void requestsRecover(long boundMs) {
        long t0 = System.nanoTime();
        while (true) {
            Response r = given().auth().oauth2(RECTORAT).get(SESSIONS);
            if (r.statusCode() == 200) {
                return;
            }
            assertEquals(503, r.statusCode(), "while recovering: " + r.asString());
            assertTrue(millisSince(t0) < boundMs, "requests still fail " + boundMs + " ms after the database is back");
        }
    }

    @Test
    void aDeadOrSilentDatabaseIsA503WithRetryAfterAndReadinessFollowsIt() throws IOException {
        given().get("/q/health/ready").then().statusCode(200);
        given().auth().oauth2(RECTORAT).get(SESSIONS).then().statusCode(200);

        ProxyResource.proxy.refuse();
        long downAfter = readinessBecomes(false, 5000);
        long refused = 0;
        for (int i = 0; i < 5; i++) {
            refused = Math.max(refused, answers503("refused", 5000));
        }
        ProxyResource.proxy.restore();
        long upAfter = readinessBecomes(true, 10_000);
        requestsRecover(10_000);

        ProxyResource.proxy.blackhole();
        long silent = answers503("silent", 8000);
        long silentDownAfter = readinessBecomes(false, 5000);
        ProxyResource.proxy.restore();
        long silentUpAfter = readinessBecomes(true, 10_000);
        requestsRecover(10_000);

        System.out.printf("issue 10 figures: database refused -> readiness DOWN after %d ms, requests 503 in <= %d ms, "
                        + "UP %d ms after restore; database silent -> request 503 in %d ms, readiness DOWN after %d ms, UP %d ms after restore%n",
                downAfter, refused, upAfter, silent, silentDownAfter, silentUpAfter);
    }
}
