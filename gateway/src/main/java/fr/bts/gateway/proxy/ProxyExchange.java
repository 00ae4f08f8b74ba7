package fr.bts.gateway.proxy;

import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.http.GatewayKeys;
import fr.bts.gateway.routing.RouteFamily;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request on its way through the gateway, once it is allowed: picks an instance ({@link Backend#choose}),
 * streams the request body up and the answer back with back-pressure in both directions (never a whole body
 * in memory), and turns an unreachable, broken or silent backend into a problem within the configured
 * timeouts. A request goes to another instance only when that is safe: the connection could not be opened
 * (nothing was sent), or the method is idempotent, the request has no body and nothing of the answer was
 * sent to the caller yet. Every outcome is reported to the backend's failure detection.
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private final RoutingContext ctx;
    private final HttpServerRequest in;
    private final HttpServerResponse out;
    private final RouteFamily route;
    private final Backend backend;
    private final VertxProblemWriter problems;
    private final BackendAnswers answers;
    private final String clientIp;
    private final PublicUrl.View view;
    private final String requestId;
    private final String uri;
    private final AnswerRelay relay;
    private final Set<Backend.Member> tried = new HashSet<>(4);
    /** The instance of the attempt under way, counted in its in-flight exchanges until {@link #release()}. */
    private Backend.Member active;
    private final GatewayConfig.Limits limits;
    private HttpClientRequest upstream;
    /** The gateway refused the body (too large, too slow) and answered itself: the upstream failure that follows is its doing. */
    private boolean refused;

    ProxyExchange(RoutingContext ctx, RouteFamily route, Backend backend, VertxProblemWriter problems, String clientIp,
                  PublicUrl.View view, long bufferUpTo, GatewayConfig.Limits limits) {
        this.limits = limits;
        this.ctx = ctx;
        this.in = ctx.request();
        this.out = ctx.response();
        this.route = route;
        this.backend = backend;
        this.problems = problems;
        this.answers = new BackendAnswers(ctx, backend, problems);
        this.relay = new AnswerRelay(ctx, backend, bufferUpTo);
        String query = in.query();
        this.uri = query == null ? ctx.normalizedPath() : ctx.normalizedPath() + "?" + query;
        this.clientIp = clientIp;
        this.view = view;
        this.requestId = ctx.get(GatewayKeys.REQUEST_ID);
    }

    void start() {
        ctx.addEndHandler(ar -> {
            release();
            if (ar.failed() && upstream != null) {
                upstream.reset();
            }
        });
        attempt();
    }

    private void attempt() {
        Backend.Member member = backend.choose(tried);
        tried.add(member);
        active = member;
        member.inFlight.incrementAndGet();
        Backend.Instance instance = member.instance;
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.ssl())
                .setURI(uri)
                .setConnectTimeout(backend.config().connectTimeout().toMillis())
                .setIdleTimeout(backend.config().readTimeout().toMillis());
        backend.client().request(options).onComplete(ar -> {
            if (ar.succeeded()) {
                send(member, ar.result());
            } else {
                connectFailed(member, ar.cause());
            }
        });
    }

    /** Nothing was sent: whatever the method, the request may go to another instance. */
    private void connectFailed(Backend.Member member, Throwable cause) {
        backend.failed(member, Exchanges.unreachable(cause));
        release();
        if (!out.closed() && tried.size() < backend.members().size()) {
            LOG.debugf("%s instance %s could not be reached (%s), trying another one", backend.name(), member.instance, cause);
            attempt();
            return;
        }
        answers.failed(member.instance, cause);
    }

    /** The exchange failed before any answer came back: retried only when that cannot execute it twice. */
    private void exchangeFailed(Backend.Member member, Throwable cause) {
        if (cause instanceof StreamResetException) {
            // the gateway reset the exchange itself: the caller went away or its body was refused; not the backend's doing
            release();
            upstream = null;
            return;
        }
        backend.failed(member, false);
        release();
        upstream = null;
        boolean safe = Exchanges.idempotent(in.method()) && !Exchanges.hasBody(in) && !(cause instanceof TimeoutException);
        if (safe && !out.headWritten() && !out.closed() && tried.size() < backend.members().size()) {
            LOG.debugf("%s instance %s failed (%s) on an idempotent request, trying another one", backend.name(),
                    member.instance, cause);
            attempt();
            return;
        }
        answers.failed(member.instance, cause);
    }

    private void release() {
        Backend.Member member = active;
        if (member != null) {
            active = null;
            member.inFlight.decrementAndGet();
        }
    }

    private void send(Backend.Member member, HttpClientRequest request) {
        Backend.Instance instance = member.instance;
        upstream = request;
        request.exceptionHandler(e -> LOG.debugf("Exchange with %s instance %s ended: %s", backend.name(), instance, e.toString()));
        ctx.put(GatewayKeys.INSTANCE, member.address);
        if (out.closed()) {
            request.reset();
            return;
        }
        ForwardedHeaders.request(in.headers(), clientIp, view, requestId, request.headers());
        Future<HttpClientResponse> answer;
        if (Exchanges.hasBody(in)) {
            if ("100-continue".equalsIgnoreCase(in.getHeader(HttpHeaders.EXPECT))) {
                out.writeContinue();
            }
            LimitedBody body = new LimitedBody(in, route.maxBodySize(), this::bodyTooLarge, this::bodyBroken);
            watch(body, System.nanoTime());
            answer = request.send(body);
        } else {
            in.resume();
            answer = request.send();
        }
        answer.onComplete(ar -> {
            if (ar.succeeded()) {
                relay.relay(member, ar.result());
            } else if (!refused) {
                exchangeFailed(member, ar.cause());
            }
        });
    }

    /**
     * The body timeouts: a body silent for {@code gateway.limits.body-idle-timeout}, or not whole after
     * {@code body-timeout}, is refused with a 408 and the backend exchange dropped, so that a slow client
     * never holds a backend connection for the backend's own read timeout. One timer per exchange, set again
     * for what is left rather than reset on every chunk.
     */
    private void watch(LimitedBody body, long started) {
        long idle = limits.bodyIdleTimeout().toNanos();
        long total = limits.bodyTimeout().toNanos();
        long now = System.nanoTime();
        long wait = Math.min(idle - (now - body.lastChunk()), total - (now - started));
        ctx.vertx().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1), id -> {
            if (body.finished() || refused || out.ended() || out.closed()) {
                return;
            }
            long at = System.nanoTime();
            if (at - body.lastChunk() >= idle) {
                bodyTimedOut("No byte of the request body came for " + limits.bodyIdleTimeout().toSeconds() + " s");
            } else if (at - started >= total) {
                bodyTimedOut("The request body did not arrive whole within " + limits.bodyTimeout().toSeconds() + " s");
            } else {
                watch(body, started);
            }
        });
    }

    private void bodyTimedOut(String detail) {
        refused = true;
        if (upstream != null) {
            upstream.reset();
        }
        out.putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addEndHandler(ar -> in.connection().close());
        problems.write(ctx, ProblemType.custom("request-timeout", "Request timeout", 408), detail);
    }

    /**
     * The caller's body could not be read (malformed chunked framing, the caller gone): a 400 if the caller
     * is still there, the backend exchange dropped, and nothing counted against the backend instance (a
     * client sending bad chunks must not be able to take instances out of rotation).
     */
    private void bodyBroken(Throwable cause) {
        if (refused) {
            return;
        }
        refused = true;
        if (upstream != null) {
            upstream.reset();
        }
        LOG.debugf("Request body to %s could not be read: %s", backend.name(), cause.toString());
        if (!out.closed() && !out.headWritten()) {
            out.putHeader(HttpHeaders.CONNECTION, "close");
            ctx.addEndHandler(ar -> in.connection().close());
            problems.write(ctx, ProblemType.BAD_REQUEST, "The request body could not be read (malformed chunked encoding?)");
        }
    }

    private void bodyTooLarge() {
        refused = true;
        if (upstream != null) {
            upstream.reset();
        }
        BackendAnswers.rejectTooLarge(ctx, problems, route);
    }


}
