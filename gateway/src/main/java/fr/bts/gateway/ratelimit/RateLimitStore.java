package fr.bts.gateway.ratelimit;

import io.vertx.core.Future;

import java.time.Duration;

/**
 * Where request budgets are counted: {@link InMemoryRateLimitStore} in this gateway instance, or
 * {@link RedisRateLimitStore} shared by every instance using the same Redis ({@code gateway.rate-limit.store},
 * see {@link RateLimitStores}). Another store can be a CDI bean of this type: it replaces the configured one.
 * Asynchronous (a Vert.x future), so that a remote store never blocks an event loop.
 */
public interface RateLimitStore {

    /** Takes one request from the budget of {@code key} ({@code requests} per {@code period}). */
    Future<RateLimitDecision> acquire(String key, int requests, Duration period);
}
