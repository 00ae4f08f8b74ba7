package fr.bts.dossier;

import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.StoreProxy;
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

import static fr.bts.dossier.Fixtures.RECTORAT;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MongoDB going away under a running dossier-service (issue 10 item 3), through a proxy the test cuts: refused like a
 * killed server, then silent like a hung one. Readiness answers within one second and is DOWN within five; requests
 * answer 503 problem+json with {@code Retry-After} within the configured bounds (they took 30 s and answered 500
 * before), never 500; once the store is back, readiness is UP and requests succeed. The times are printed.
 */
@QuarkusTest
@TestProfile(MongoOutageResourceTest.ThroughProxy.class)
class MongoOutageResourceTest {

    static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    /** The service's MongoDB client goes through {@link StoreProxy} to the test wire server. */
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
                proxy = new StoreProxy(URI.create(MongoTestResource.connectionString()).getPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + proxy.port());
        }

        /** After MongoTestResource, so that its address is known and this one wins. */
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
        Response r = given().auth().oauth2(RECTORAT).get(DOSSIERS);
        long elapsed = millisSince(t0);
        assertEquals(503, r.statusCode(), label + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), label + ": " + r.contentType());
        assertEquals("urn:bts:problem:service-unavailable", r.jsonPath().getString("type"));
        assertNotNull(r.header("Retry-After"), label + ": Retry-After");
        assertTrue(elapsed < boundMs, label + " answered in " + elapsed + " ms");
        return elapsed;
    }

    private static void requestsRecover(long boundMs) {
        long t0 = System.nanoTime();
        while (true) {
            Response r = given().auth().oauth2(RECTORAT).get(DOSSIERS);
            if (r.statusCode() == 200) {
                return;
            }
            assertEquals(503, r.statusCode(), "while recovering: " + r.asString());
            assertTrue(millisSince(t0) < boundMs, "requests still fail " + boundMs + " ms after the store is back");
        }
    }

    @Test
    void aDeadOrSilentStoreIsA503WithRetryAfterAndReadinessFollowsIt() throws IOException {
        given().get("/q/health/ready").then().statusCode(200);
        given().auth().oauth2(RECTORAT).get(DOSSIERS).then().statusCode(200);

        ProxyResource.proxy.refuse();
        long downAfter = readinessBecomes(false, 5000);
        long refused = 0;
        for (int i = 0; i < 3; i++) {
            refused = Math.max(refused, answers503("refused", 5000));
        }
        ProxyResource.proxy.restore();
        long upAfter = readinessBecomes(true, 15_000);
        requestsRecover(15_000);

        ProxyResource.proxy.blackhole();
        long silent = answers503("silent", 6000);
        long silentDownAfter = readinessBecomes(false, 5000);
        ProxyResource.proxy.restore();
        long silentUpAfter = readinessBecomes(true, 15_000);
        requestsRecover(15_000);

        System.out.printf("issue 10 figures: MongoDB refused -> readiness DOWN after %d ms, requests 503 in <= %d ms, "
                        + "UP %d ms after restore; MongoDB silent -> request 503 in %d ms, readiness DOWN after %d ms, UP %d ms after restore%n",
                downAfter, refused, upAfter, silent, silentDownAfter, silentUpAfter);
    }
}
