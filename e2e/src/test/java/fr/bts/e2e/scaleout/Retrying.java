package fr.bts.e2e.scaleout;

import io.restassured.response.Response;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A client that sends an {@code Idempotency-Key} request as a jury app or a rectorat system does: while the first
 * request with the key runs, the answer is 409 {@code idempotency-key-in-progress} with {@code Retry-After}, and the
 * client sends the same request again after that delay (a bounded number of times).
 */
final class Retrying {

    static final String IN_PROGRESS = "urn:bts:problem:idempotency-key-in-progress";
    private static final int MAX_ATTEMPTS = 120;

    private Retrying() {
    }

    /** Sends until the answer is not "in progress"; counts the 409s seen in {@code toldToWait}. */
    static Response untilDone(Supplier<Response> send, AtomicInteger toldToWait) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Response response = send.get();
            if (response.statusCode() != 409 || !IN_PROGRESS.equals(response.jsonPath().getString("type"))) {
                return response;
            }
            assertEquals("application/problem+json", response.contentType().split(";")[0]);
            String retryAfter = response.header("Retry-After");
            assertNotNull(retryAfter, "a 409 in progress says when to come back");
            toldToWait.incrementAndGet();
            try {
                Thread.sleep(Long.parseLong(retryAfter.trim()) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("still in progress after " + MAX_ATTEMPTS + " attempts");
    }
}
