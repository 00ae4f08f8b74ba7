package fr.bts.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway does is driven by this configuration: where each service runs, which path
 * prefixes go to which service and under which access rule, the rate-limit budgets, CORS, limits and
 * documentation. Defaults live in {@code application.properties}; production values come from the
 * environment (README, "Configuration").
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * The gateway's public URL ({@code https://api.example.fr}, or with a path prefix {@code https://example.fr/bts})
     * that the services name in every absolute link; the same on every gateway instance of a deployment. Absent: the
     * scheme and {@code Host} each request reached the gateway by ({@link fr.bts.gateway.proxy.PublicUrl}).
     */
    Optional<URI> publicUrl();

    /** Backend services by name ({@code referential}, {@code dossier}, {@code evaluation}). */
    Map<String, Service> services();

    /** Route families by name; each sends a set of path prefixes to one service. */
    Map<String, Route> routes();

    RateLimit rateLimit();

    Cors cors();

    Limits limits();

    Docs docs();

    SecurityHeaders securityHeaders();

    TokenCache tokenCache();

    AccessLog accessLog();

    Relay relay();

    interface Service {
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
    }

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

    interface Route {
        /** Path prefixes, matched on segment boundaries ({@code /api/dossiers} matches {@code /api/dossiers/v1}). */
        List<String> prefixes();

        /** Name of the service in {@link GatewayConfig#services()}. */
        String service();

        /** Prefixes readable (GET, HEAD) without a token. */
        Optional<List<String>> publicReads();

        /** Roles of which a caller needs one to read (GET, HEAD); absent = any valid token. */
        Optional<List<String>> readRoles();

        /** Roles of which a caller needs one to write (POST, PUT, PATCH, DELETE); absent = any valid token. */
        Optional<List<String>> writeRoles();

        /** Largest request body accepted on this family (then 413). */
        @WithDefault("10M")
        MemorySize maxBodySize();

        /** Paths of the family whose roles differ from the family's ({@code evaluations.path-rules.attestation-requests}). */
        Map<String, PathRule> pathRules();
    }

    interface PathRule {
        /** The path, {@code *} standing for exactly one segment ({@code /api/evaluations/v1/sessions/*}). */
        String path();

        /** Roles of which a caller needs one to read this path; absent = the family's. */
        Optional<List<String>> readRoles();

        /** Roles of which a caller needs one to write this path; absent = the family's. */
        Optional<List<String>> writeRoles();
    }

    interface RateLimit {
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
    }

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

    interface Cors {
        /** Exact origins allowed ({@code https://moodle.example.fr}); empty = no cross-origin caller. */
        Optional<List<String>> allowedOrigins();

        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
        List<String> allowedMethods();

        @WithDefault("Authorization,Content-Type,Accept,If-Match,If-None-Match,Idempotency-Key,X-Request-Id,traceparent,tracestate")
        List<String> allowedHeaders();

        @WithDefault("X-Request-Id,ETag,Location,Link,Retry-After,RateLimit-Limit,RateLimit-Remaining")
        List<String> exposedHeaders();

        @WithDefault("10m")
        Duration maxAge();
    }

    interface Limits {
        /** Largest total size of the request headers (then 431). */
        @WithDefault("16K")
        MemorySize maxHeaderSize();

        /**
         * Longest time from the first byte of a request head to its end (then 408 and the connection is
         * closed): headers trickled in one line at a time never hold a connection longer.
         */
        @WithDefault("10s")
        Duration headerTimeout();

        /** Longest silence within a request body being forwarded (then 408, the backend exchange is dropped). */
        @WithDefault("10s")
        Duration bodyIdleTimeout();

        /** Longest time a request body may take to arrive whole, however steadily it trickles (then 408). */
        @WithDefault("10m")
        Duration bodyTimeout();
    }

    interface Docs {
        /** How long a service's OpenAPI document is reused before being fetched again. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** Time allowed to fetch one service's document or readiness. */
        @WithDefault("3s")
        Duration fetchTimeout();

        @WithDefault("BTS suite API")
        String title();
    }

    interface SecurityHeaders {
        /** Sent when the request came over https. */
        @WithDefault("max-age=31536000; includeSubDomains")
        String strictTransportSecurity();
    }

    interface TokenCache {
        /** Reuse the identity of a token verified before (same bytes) instead of checking its signature again. */
        @WithDefault("true")
        boolean enabled();

        /** Longest time a verified token is reused (never past its own expiry). */
        @WithDefault("60s")
        Duration ttl();

        @WithDefault("10000")
        int maxEntries();
    }

    interface AccessLog {
        /** How often gathered access-log lines are written out (a line waits at most this long). */
        @WithDefault("200ms")
        Duration flushInterval();

        /** Lines waiting to be written beyond which new ones are dropped (and counted in a warning). */
        @WithDefault("100000")
        int maxPending();
    }

    interface Relay {
        /**
         * Answers that declare a {@code Content-Length} up to this size are gathered and written to the caller
         * in one go, as most proxies buffer small answers; larger or chunked answers stream with back-pressure.
         * 0 streams everything.
         */
        @WithDefault("128K")
        MemorySize bufferUpTo();
    }
}
