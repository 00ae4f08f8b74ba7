package fr.bts.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What every request and every answer of the gateway goes through, whatever serves it (the proxy, the
 * docs, health, metrics, an error page): the request id (kept when the caller sent a sane one, generated
 * otherwise, echoed on the answer), the header size limit (431), CORS, the security headers, and one
 * JSON access-log line on the {@value #ACCESS_LOG} category when the answer is over.
 */
@ApplicationScoped
public class EdgeFilter {

    public static final String ACCESS_LOG = "fr.bts.gateway.access";

    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOG);
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final ProblemWriter problems;
    private final ObjectMapper mapper;
    private final CorsPolicy cors;
    private final long maxHeaderSize;
    private final String hsts;

    EdgeFilter(GatewayConfig config, ProblemWriter problems, ObjectMapper mapper) {
        this.problems = problems;
        this.mapper = mapper;
        this.cors = new CorsPolicy(config.cors());
        this.maxHeaderSize = config.limits().maxHeaderSize().asLongValue();
        this.hsts = config.securityHeaders().strictTransportSecurity();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1000);
    }

    void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String requestId = request.getHeader(GatewayKeys.REQUEST_ID_HEADER);
        if (requestId == null || !SANE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = randomId();
        }
        ctx.put(GatewayKeys.REQUEST_ID, requestId);
        String id = requestId;
        ctx.addHeadersEndHandler(v -> decorate(request, response, id));
        ctx.addEndHandler(ar -> log(ctx, start, ar.succeeded()));

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

    /**
     * A version-4 UUID from a thread-local generator: request ids must be unique, not unpredictable, and
     * {@link UUID#randomUUID()} would serialise every event loop on one shared SecureRandom.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private void decorate(HttpServerRequest request, HttpServerResponse response, String requestId) {
        MultiMap headers = response.headers();
        headers.set(GatewayKeys.REQUEST_ID_HEADER, requestId)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        }
        if ("https".equals(request.scheme())) {
            headers.set("Strict-Transport-Security", hsts);
        }
        cors.decorate(request, response);
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private void log(RoutingContext ctx, long start, boolean completed) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        HttpServerRequest request = ctx.request();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", ctx.get(GatewayKeys.REQUEST_ID));
        String client = ctx.get(GatewayKeys.CLIENT);
        line.put("client", client != null ? client : "ip:" + remote(request));
        String route = ctx.get(GatewayKeys.ROUTE);
        line.put("route", route != null ? route : "gateway");
        line.put("method", request.method().name());
        line.put("path", request.path());
        line.put("status", ctx.response().getStatusCode());
        line.put("durationMs", (System.nanoTime() - start) / 1_000_000);
        line.put("bytesSent", ctx.response().bytesWritten());
        Object instance = ctx.get(GatewayKeys.INSTANCE);
        if (instance != null) {
            line.put("upstream", instance.toString());
        }
        if (!completed) {
            line.put("aborted", true);
        }
        try {
            ACCESS.info(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            ACCESS.warn("Access log line could not be written", e);
        }
    }

    static String remote(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
