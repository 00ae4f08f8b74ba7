package fr.bts.devstack;

import io.restassured.response.Response;

import java.io.IOException;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store going away under a running service (issue 10 item 3), through the {@link ProxiedStoreResource} proxy the
 * test cuts: refused like a killed server, then silent like a hung one. The first readiness answer after the cut is
 * DOWN, and readiness never waits for the store's own timeouts: each readiness request is sent with an HTTP client
 * timeout of {@value BoundedRequests#FACTOR} times the service's {@code bts.readiness.timeout} (well below the
 * stores' own timeouts, 2 to 5 s), and a silent store is reported DOWN by that configured bound ("did not answer
 * within …"), not by the store's error once its timeouts ran out. Requests answer 503 problem+json with
 * {@code Retry-After} within the service's bounds, never 500; once the store is back, readiness is UP and requests
 * succeed again (until then they answer 503: a pooled connection the outage broke is discarded when a request finds
 * it broken). The elapsed times are printed as the figures of the issue.
 *
 * @param store the store's name in messages, e.g. {@code MongoDB}
 * @param read a GET endpoint that reads the store and answers 200 to {@code token}
 * @param token a token allowed to call {@code read}
 * @param bounds the service's limits
 */
public record StoreOutageScenario(String store, String read, String token, Bounds bounds) {

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
        readinessUpWithin(bounds.recoveryMs()); // a fresh application's first check may still open its pool
        given().auth().oauth2(token).get(read).then().statusCode(200);

        proxy.refuse();
        long downAfter = readinessIsDown("refused", false);
        long refused = 0;
        for (int i = 0; i < bounds.refusedRequests(); i++) {
            refused = Math.max(refused, answers503("refused", bounds.refusedMs()));
        }
        proxy.restore();
        long upAfter = readinessUpWithin(bounds.recoveryMs());
        requestsRecover(bounds.recoveryMs());

        proxy.blackhole();
        long silent = answers503("silent", bounds.silentMs());
        long silentDownAfter = readinessIsDown("silent", true);
        proxy.restore();
        long silentUpAfter = readinessUpWithin(bounds.recoveryMs());
        requestsRecover(bounds.recoveryMs());

        System.out.printf("issue 10 figures: %1$s refused -> readiness DOWN answered in %2$d ms, requests 503 in <= %3$d ms, "
                        + "UP %4$d ms after restore; %1$s silent -> request 503 in %5$d ms, readiness DOWN answered in %6$d ms, UP %7$d ms after restore%n",
                store, downAfter, refused, upAfter, silent, silentDownAfter, silentUpAfter);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The service's readiness bound, {@code bts.readiness.timeout}. */
    private static Duration readinessBound() {
        return BoundedRequests.configured("bts.readiness.timeout");
    }

    /** One readiness request, failed if it takes longer than {@link BoundedRequests#FACTOR} times the configured bound. */
    private static Response readiness() {
        return BoundedRequests.withinFactorOf(readinessBound(), "readiness waited on the store, not on bts.readiness.timeout",
                request -> request.get("/q/health/ready"));
    }

    /**
     * The first readiness request after the cut reports the store DOWN; when the store is {@code silent}, by the
     * configured bound (the store itself would answer only at its own timeouts). Returns how long the answer took.
     */
    private static long readinessIsDown(String label, boolean silent) {
        long t0 = System.nanoTime();
        Response r = readiness();
        long answeredIn = millisSince(t0);
        assertEquals(503, r.statusCode(), label + ": readiness " + r.asString());
        String check = r.jsonPath().getString("checks.find { it.status == 'DOWN' }.name");
        assertNotNull(check, label + ": no check DOWN in " + r.asString());
        if (silent) {
            String detail = r.jsonPath().getString("checks.find { it.status == 'DOWN' }.data.detail");
            assertTrue(detail != null && detail.endsWith("did not answer within " + readinessBound().toMillis() + " ms"),
                    label + ": DOWN by the configured bound, not by the store's own timeout: " + r.asString());
        }
        return answeredIn;
    }

    /** Polls readiness (each request bounded as above) until it is UP again, at most {@code boundMs}; returns how long that took. */
    private static long readinessUpWithin(long boundMs) {
        long t0 = System.nanoTime();
        while (readiness().statusCode() != 200) {
            assertTrue(millisSince(t0) < boundMs, "readiness still DOWN " + boundMs + " ms after the store is back");
        }
        return millisSince(t0);
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
