package fr.bts.gateway.ratelimit;

import java.time.Duration;

/**
 * The answer of a {@link RateLimitStore}: whether the request may go, what is left, and when to come back.
 *
 * @param retryAfter when refused, how long until one request is available again
 */
public record RateLimitDecision(boolean allowed, int limit, int remaining, Duration retryAfter) {

    public static RateLimitDecision unlimited() {
        return new RateLimitDecision(true, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO);
    }

    /** Whole seconds for {@code Retry-After}, never 0 for a refusal. */
    public long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
