package fr.bts.gateway.http;

import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS with an explicit allow-list of origins: a preflight from an allowed origin asking for allowed
 * methods and headers gets 204 with the grants; any other preflight gets a 403 problem. Actual requests
 * from an allowed origin get {@code Access-Control-Allow-Origin} and the exposed headers; from any other
 * origin they get no CORS header at all, so the browser keeps the answer from the page. Bearer tokens,
 * not cookies: credentials are never allowed.
 */
final class CorsPolicy {

    private final Set<String> origins;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final String maxAge;

    CorsPolicy(GatewayConfig.Cors config) {
        this.origins = Set.copyOf(config.allowedOrigins().orElse(List.of()).stream().map(String::trim).toList());
        this.methods = config.allowedMethods().stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        this.headers = config.allowedHeaders().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowMethods = String.join(", ", config.allowedMethods());
        this.allowHeaders = String.join(", ", config.allowedHeaders());
        this.exposeHeaders = String.join(", ", config.exposedHeaders());
        this.maxAge = Long.toString(config.maxAge().toSeconds());
    }

    static boolean isPreflight(HttpServerRequest request) {
        return request.method() == HttpMethod.OPTIONS
                && request.getHeader(HttpHeaders.ORIGIN) != null
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    /** Answers a preflight: 204 with the grants, or a 403 problem saying what is not allowed. */
    void preflight(RoutingContext ctx, VertxProblemWriter problems) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD).trim().toUpperCase(Locale.ROOT);
        String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!origins.contains(origin)) {
            problems.write(ctx, ProblemType.custom("cors-origin-not-allowed", "Origin not allowed", 403),
                    "Origin " + origin + " is not allowed to call this API");
            return;
        }
        if (!methods.contains(method)) {
            problems.write(ctx, ProblemType.custom("cors-method-not-allowed", "Cross-origin method not allowed", 403),
                    "Method " + method + " is not allowed cross-origin");
            return;
        }
        if (requested != null) {
            List<String> refused = Arrays.stream(requested.split(","))
                    .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty() && !headers.contains(h)).toList();
            if (!refused.isEmpty()) {
                problems.write(ctx, ProblemType.custom("cors-header-not-allowed", "Cross-origin header not allowed", 403),
                        "Headers " + refused + " are not allowed cross-origin");
                return;
            }
        }
        response.setStatusCode(204)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, allowMethods)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders)
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge)
                .end();
    }

    /** Grants (or withholds) an actual cross-origin answer, overriding whatever a backend said. */
    void decorate(HttpServerRequest request, HttpServerResponse response) {
        response.headers()
                .remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
                .remove(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return;
        }
        response.headers().add(HttpHeaders.VARY, "Origin");
        if (origins.contains(origin)) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
        }
    }
}
