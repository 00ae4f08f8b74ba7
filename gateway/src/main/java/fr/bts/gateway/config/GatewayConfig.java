package fr.bts.gateway.config;

import fr.bts.commons.security.token.TokenCacheSettings;
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
    Map<String, ServiceConfig> services();

    /** Route families by name; each sends a set of path prefixes to one service. */
    Map<String, Route> routes();

    RateLimitConfig rateLimit();

    Cors cors();

    Limits limits();

    Docs docs();

    SecurityHeaders securityHeaders();

    TokenCache tokenCache();

    AccessLog accessLog();

    Relay relay();

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

        /** Anyone may call this path with any method, without a token (counted as anonymous by the rate limit). */
        @WithDefault("false")
        boolean anonymous();
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

    /** The gateway's verified-token cache: the services' settings, under {@code gateway.token-cache}. */
    interface TokenCache extends TokenCacheSettings {
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
