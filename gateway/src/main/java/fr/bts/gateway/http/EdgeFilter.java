package fr.bts.gateway.http;

import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.commons.http.RequestIds;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.config.GatewayConfig;
import io.quarkus.arc.ClientProxy;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map.Entry;

/**
 * What every request and every answer of the gateway goes through, whatever serves it (the proxy, the
 * docs, health, metrics, an error page): the request id (kept when the caller sent a sane one, generated
 * otherwise, echoed on the answer), the header size limit (431), CORS, the security headers, and, when the
 * answer is over, one JSON access-log line ({@link AccessLog}) and the request's timer ({@link RequestMeters}).
 */
@ApplicationScoped
public class EdgeFilter {

    /* Names and values set on every answer, as constants whose hash and bytes are computed once. */
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized(GatewayKeys.REQUEST_ID_HEADER);
    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence FRAME_ANCESTORS_NONE = HttpHeaders.createOptimized("frame-ancestors 'none'");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence STRICT_TRANSPORT_SECURITY = HttpHeaders.createOptimized("Strict-Transport-Security");

    private final VertxProblemWriter problems;
    private final ConnectionGuard guard;
    private final AccessLog accessLog;
    private final RequestMeters meters;
    private final CorsPolicy cors;
    private final long maxHeaderSize;
    private final String hsts;

    EdgeFilter(GatewayConfig config, VertxProblemWriter problems, AccessLog accessLog, ConnectionGuard guard,
               RequestMeters meters) {
        // the beans themselves, not their client proxies: a proxy looks its bean up in the context on every call
        this.guard = ClientProxy.unwrap(guard);
        this.problems = ClientProxy.unwrap(problems);
        this.accessLog = ClientProxy.unwrap(accessLog);
        this.meters = ClientProxy.unwrap(meters);
        this.cors = new CorsPolicy(config.cors());
        this.maxHeaderSize = config.limits().maxHeaderSize().asLongValue();
        this.hsts = config.securityHeaders().strictTransportSecurity();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1000);
    }

    void handle(RoutingContext ctx) {
        guard.ensureInstalled();
        long start = System.nanoTime();
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String id = RequestIds.of(ctx);
        ctx.addHeadersEndHandler(v -> decorate(request, response, id));
        meters.started();
        ctx.addEndHandler(ar -> ended(ctx, start, ar.succeeded()));

        String framing = framingProblem(request);
        if (framing != null) {
            request.resume();
            response.putHeader(HttpHeaders.CONNECTION, "close");
            ctx.addEndHandler(ar -> request.connection().close());
            problems.write(ctx, ProblemType.BAD_REQUEST, framing);
            return;
        }
        if (headerSize(request.headers()) > maxHeaderSize) {
            request.resume();
            problems.write(ctx, ProblemType.custom("request-header-too-large", "Request headers too large", 431),
                    "The request headers are larger than " + maxHeaderSize + " bytes");
            return;
        }
        if (CorsPolicy.isPreflight(request)) {
            ctx.put(GatewayKeys.ROUTE, "cors-preflight");
            cors.preflight(ctx, problems);
            return;
        }
        ctx.next();
    }

    private void decorate(HttpServerRequest request, HttpServerResponse response, String requestId) {
        MultiMap headers = response.headers();
        headers.set(REQUEST_ID, requestId)
                .set(CONTENT_TYPE_OPTIONS, NOSNIFF)
                .set(REFERRER_POLICY, NO_REFERRER)
                .set(FRAME_OPTIONS, DENY);
        if (!headers.contains(CONTENT_SECURITY_POLICY)) {
            headers.set(CONTENT_SECURITY_POLICY, FRAME_ANCESTORS_NONE);
        }
        if (request.headers().contains(HttpHeaders.AUTHORIZATION) && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            // an answer for one caller's token is no one else's: never kept by a browser or shared cache
            headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
        if ("https".equals(request.scheme())) {
            headers.set(STRICT_TRANSPORT_SECURITY, hsts);
        }
        cors.decorate(request, response);
    }

    /**
     * Why the body of a request cannot be framed unambiguously (RFC 9112 §6.1, §6.3), or null: both
     * {@code Content-Length} and {@code Transfer-Encoding} (HTTP/1.0 requests, which the decoder lets through
     * with both), several {@code Content-Length} values, or a transfer coding other than {@code chunked}
     * alone. Such a request is answered 400 and its connection closed, never forwarded.
     */
    static String framingProblem(HttpServerRequest request) {
        MultiMap headers = request.headers();
        if (!headers.contains(HttpHeaders.TRANSFER_ENCODING) && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            return null;   // most requests: no body, nothing to frame (and no lists to build)
        }
        List<String> encodings = headers.getAll(HttpHeaders.TRANSFER_ENCODING);
        List<String> lengths = headers.getAll(HttpHeaders.CONTENT_LENGTH);
        if (!encodings.isEmpty() && !lengths.isEmpty()) {
            return "A request may not carry both Content-Length and Transfer-Encoding (RFC 9112 §6.1)";
        }
        if (lengths.size() > 1) {
            return "A request may carry one Content-Length only";
        }
        if (!encodings.isEmpty() && (encodings.size() > 1 || !"chunked".equalsIgnoreCase(encodings.get(0).trim()))) {
            return "The only transfer coding accepted is chunked";
        }
        return null;
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private void ended(RoutingContext ctx, long start, boolean completed) {
        HttpServerRequest request = ctx.request();
        meters.record(request.method().name(), ctx.normalizedPath(), ctx.response().getStatusCode(), completed, start,
                request.bytesRead(), ctx.response().bytesWritten());
        if (accessLog.enabled()) {
            log(ctx, request, start, completed);
        }
    }

    private void log(RoutingContext ctx, HttpServerRequest request, long start, boolean completed) {
        String client = ctx.get(GatewayKeys.CLIENT);
        String route = ctx.get(GatewayKeys.ROUTE);
        String instance = ctx.get(GatewayKeys.INSTANCE);
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "requestId", ctx.get(GatewayKeys.REQUEST_ID)).append(',');
        field(line, "client", client != null ? client : "ip:" + remote(request)).append(',');
        field(line, "route", route != null ? route : "gateway").append(',');
        field(line, "method", request.method().name()).append(',');
        field(line, "path", request.path()).append(',');
        line.append("\"status\":").append(ctx.response().getStatusCode())
                .append(",\"durationMs\":").append((System.nanoTime() - start) / 1_000_000)
                .append(",\"bytesSent\":").append(ctx.response().bytesWritten());
        if (instance != null) {
            field(line.append(','), "upstream", instance);
        }
        if (!completed) {
            line.append(",\"aborted\":true");
        }
        accessLog.record(line.append('}').toString());
    }

    /** {@code "name":"value"} with the value escaped as a JSON string (RFC 8259 §7). */
    static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        if (value == null) {
            return line.append("null");
        }
        line.append('"');
        if (plain(value)) {
            return line.append(value).append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }

    /** Whether a value can go into a JSON string as it is (the usual case: ids, paths, addresses). */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
