package fr.bts.gateway.ratelimit;

import io.vertx.core.Future;

import java.time.Duration;

/**
 * Where request budgets are counted. The default, {@link InMemoryRateLimitStore}, counts in this gateway
 * instance only; a store shared by several instances (Redis, say) implements this interface as a CDI bean
 * and replaces the default (README, "Rate limits"). Asynchronous (a Vert.x future, what the Vert.x Redis
 * client returns), so that a remote store never blocks an event loop.
 */
public interface RateLimitStore {

    /** Takes one request from the budget of {@code key} ({@code requests} per {@code period}). */
    Future<RateLimitDecision> acquire(String key, int requests, Duration period);
}
