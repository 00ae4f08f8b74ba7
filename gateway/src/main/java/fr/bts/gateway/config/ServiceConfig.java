package fr.bts.gateway.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One backend service of {@code gateway.services.<name>} (a part of {@link GatewayConfig}). */
public interface ServiceConfig {
    /** Base URLs of the instances ({@code http://host:port}), balanced round-robin. */
    List<String> instances();

    /** Time allowed to open a TCP connection to an instance (then 504). */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time allowed without any byte from the instance once the request is sent (then 504). */
    @WithDefault("30s")
    Duration readTimeout();

    /** Pooled keep-alive connections per instance and per event loop. */
    @WithDefault("64")
    int maxConnections();

    /** Readiness path of each instance, polled by the gateway's own readiness check. */
    @WithDefault("/q/health/ready")
    String healthPath();

    /** Where each instance serves its OpenAPI document as JSON; absent = not documented. */
    Optional<String> openapiPath();

    /** How a request picks among the instances that are in rotation. */
    @WithDefault("least-in-flight")
    Balancing balancing();

    /** Passive failure detection: when an instance is taken out of rotation for its failures. */
    Ejection ejection();

    /** Active health checks of each instance's {@link #healthPath()}. */
    HealthCheck healthCheck();

    /** Seconds sent in {@code Retry-After} when the service cannot be reached (503). */
    @WithDefault("5")
    int retryAfterSeconds();


    enum Balancing {
        /** Each request to the next instance in turn. */
        ROUND_ROBIN,
        /** The instance with the fewest exchanges under way, in turn among equals. */
        LEAST_IN_FLIGHT
    }

    interface Ejection {
        /**
         * Consecutive failed exchanges (connection refused or broken, timeout, 5xx answer) after which an
         * instance is taken out of rotation; a refused connection counts as this many at once.
         */
        @WithDefault("3")
        int consecutiveFailures();

        /** How long an ejected instance stays out of rotation (a passing health check re-admits it sooner). */
        @WithDefault("10s")
        Duration duration();
    }

    interface HealthCheck {
        @WithDefault("true")
        boolean enabled();

        /** Time between two checks of an instance. */
        @WithDefault("5s")
        Duration interval();

        /** Time allowed for one check; a slower answer counts as a failed check. */
        @WithDefault("2s")
        Duration timeout();
    }
}
