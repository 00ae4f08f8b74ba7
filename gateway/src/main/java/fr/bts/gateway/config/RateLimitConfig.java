package fr.bts.gateway.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The rate limits of {@code gateway.rate-limit} (a part of {@link GatewayConfig}). */
public interface RateLimitConfig {
    @WithDefault("true")
    boolean enabled();

    /** Budget of a caller without a token, per client IP. */
    Budget anonymous();

    /** Budget of a caller with a token, per client id ({@code azp}). */
    Budget authenticated();

    /** Budgets of named clients (by {@code azp}) that differ from {@link #authenticated()}. */
    Map<String, Budget> clients();

    /** Clients tracked at most by the in-memory store; idle entries are dropped first. */
    @WithDefault("100000")
    int maxTrackedClients();

    /**
     * Where budgets are counted: {@code memory} (this instance only) or {@code redis} (shared by every
     * gateway instance pointed at the same Redis).
     */
    @WithDefault("memory")
    Store store();

    Redis redis();


    enum Store {
        MEMORY, REDIS
    }

    interface Redis {
        /** {@code redis://[:password@]host:port[/db]}, or {@code rediss://} for TLS; required with the redis store. */
        Optional<String> url();

        /** Prefix of the bucket keys, so that several suites can share one Redis. */
        @WithDefault("bts-gateway:rate:")
        String keyPrefix();

        /**
         * Longest wait for Redis on a request; past it, or when Redis fails, the request goes through
         * unlimited (a limiter outage must not become an API outage) and the failure is logged.
         */
        @WithDefault("250ms")
        Duration timeout();

        /** Connections to Redis kept by this gateway instance. */
        @WithDefault("16")
        int maxPoolSize();
    }

    interface Budget {
        /** Requests allowed per period (a token bucket: bursts up to this, refilled evenly). */
        int requests();

        @WithDefault("1m")
        Duration period();
    }
}
