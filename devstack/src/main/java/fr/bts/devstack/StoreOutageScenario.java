package fr.bts.devstack;

import io.restassured.response.Response;

import java.io.IOException;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store going away under a running service (issue 10 item 3), through the {@link ProxiedStoreResource} proxy the
 * test cuts: refused like a killed server, then silent like a hung one. Readiness answers within one second and is
 * DOWN within five; requests answer 503 problem+json with {@code Retry-After} within the service's bounds, never
 * 500; once the store is back, readiness is UP and requests succeed again (until then they answer 503: a pooled
 * connection the outage broke is discarded when a request finds it broken). The elapsed times are printed as the
 * figures of the issue.
 *
 * @param store the store's name in messages, e.g. {@code MongoDB}
 * @param read a GET endpoint that reads the store and answers 200 to {@code token}
 * @param token a token allowed to call {@code read}
 * @param bounds the service's limits
 */
public record StoreOutageScenario(String store, String read, String token, Bounds bounds) {

    private static final long READINESS_ANSWER_MS = 1000;
    private static final long READINESS_DOWN_MS = 5000;

    /**
     * @param refusedRequests how many requests are sent while the store refuses connections
     * @param refusedMs the bound on each of their answers
     * @param silentMs the bound on the answer of a request while the store is silent
     * @param recoveryMs the bound on readiness UP, then on requests succeeding, after the store is back
     */
    public record Bounds(int refusedRequests, long refusedMs, long silentMs, long recoveryMs) {
    }

    /** Runs the scenario on the running application: refused, restored, silent, restored. */
    public void run() throws IOException {
        StoreProxy proxy = ProxiedStoreResource.proxy();
        given().get("/q/health/ready").then().statusCode(200);
        given().auth().oauth2(token).get(read).then().statusCode(200);

        proxy.refuse();
        long downAfter = readinessBecomes(false, READINESS_DOWN_MS);
        long refused = 0;
        for (int i = 0; i < bounds.refusedRequests(); i++) {
            refused = Math.max(refused, answers503("refused", bounds.refusedMs()));
        }
        proxy.restore();
        long upAfter = readinessBecomes(true, bounds.recoveryMs());
        requestsRecover(bounds.recoveryMs());

        proxy.blackhole();
        long silent = answers503("silent", bounds.silentMs());
        long silentDownAfter = readinessBecomes(false, READINESS_DOWN_MS);
        proxy.restore();
        long silentUpAfter = readinessBecomes(true, bounds.recoveryMs());
        requestsRecover(bounds.recoveryMs());

        System.out.printf("issue 10 figures: %1$s refused -> readiness DOWN after %2$d ms, requests 503 in <= %3$d ms, "
                        + "UP %4$d ms after restore; %1$s silent -> request 503 in %5$d ms, readiness DOWN after %6$d ms, UP %7$d ms after restore%n",
                store, downAfter, refused, upAfter, silent, silentDownAfter, silentUpAfter);
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
            assertTrue(answeredIn < READINESS_ANSWER_MS, "readiness answered in " + answeredIn + " ms");
            if ((status == 200) == up) {
                return millisSince(t0);
            }
            assertTrue(millisSince(t0) < boundMs, "readiness still " + (up ? "DOWN" : "UP") + " after " + boundMs + " ms");
        }
    }

    private long answers503(String label, long boundMs) {
        long t0 = System.nanoTime();
        Response r = given().auth().oauth2(token).get(read);
        long elapsed = millisSince(t0);
        assertEquals(503, r.statusCode(), label + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), label + ": " + r.contentType());
        assertEquals("urn:bts:problem:service-unavailable", r.jsonPath().getString("type"));
        assertNotNull(r.header("Retry-After"), label + ": Retry-After");
        assertTrue(elapsed < boundMs, label + " answered in " + elapsed + " ms");
        return elapsed;
    }

    private void requestsRecover(long boundMs) {
        long t0 = System.nanoTime();
        while (true) {
            Response r = given().auth().oauth2(token).get(read);
            if (r.statusCode() == 200) {
                return;
            }
            assertEquals(503, r.statusCode(), "while recovering: " + r.asString());
            assertTrue(millisSince(t0) < boundMs, "requests still fail " + boundMs + " ms after the store is back");
        }
    }
}
