package fr.bts.gateway.ratelimit;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * Where request budgets are counted. The default, {@link InMemoryRateLimitStore}, counts in this gateway
 * instance only; a store shared by several instances (Redis, say) implements this interface as a CDI bean
 * and replaces the default (README, "Rate limits"). Asynchronous, so that a remote store never blocks an
 * event loop.
 */
public interface RateLimitStore {

    /** Takes one request from the budget of {@code key} ({@code requests} per {@code period}). */
    Uni<RateLimitDecision> acquire(String key, int requests, Duration period);
}
