package fr.bts.gateway.proxy;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.gateway.routing.RouteFamily;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** The gateway's own answers to a proxied request that failed: the backend's failures and a body over the limit. */
final class BackendAnswers {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private final RoutingContext ctx;
    private final Backend backend;
    private final VertxProblemWriter problems;

    BackendAnswers(RoutingContext ctx, Backend backend, VertxProblemWriter problems) {
        this.ctx = ctx;
        this.backend = backend;
        this.problems = problems;
    }

    /**
     * The last attempt failed before the answer started: 503 with {@code Retry-After} when the service
     * could not be reached, timed out or dropped the exchange (it is down or restarting: come back later),
     * 502 only when what came back was not a well-formed HTTP answer.
     */
    void failed(Backend.Instance instance, Throwable cause) {
        HttpServerResponse out = ctx.response();
        if (out.closed()) {
            return;
        }
        if (out.headWritten()) {
            out.reset();
            return;
        }
        ctx.request().resume();
        String service = backend.name();
        if (cause instanceof TimeoutException) {
            LOG.warnf("%s instance %s timed out: %s", service, instance, cause.getMessage());
            unavailable("The " + service + " service did not answer in time");
        } else if (Exchanges.unreachable(cause) || cause instanceof ConnectTimeoutException) {
            LOG.warnf("%s instance %s unreachable: %s", service, instance, cause.getMessage());
            unavailable("The " + service + " service is unreachable");
        } else if (cause instanceof IOException || cause instanceof HttpClosedException || cause instanceof StreamResetException) {
            LOG.warnf("%s instance %s dropped the exchange: %s", service, instance, cause.toString());
            unavailable("The " + service + " service closed the exchange before answering");
        } else {
            LOG.warnf("%s instance %s sent a malformed answer: %s", service, instance, cause.toString());
            problems.write(ctx, ProblemType.BAD_GATEWAY, "The " + service + " service sent a malformed answer");
        }
    }

    private void unavailable(String detail) {
        int seconds = backend.config().retryAfterSeconds();
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(seconds));
        problems.write(ctx, Problem.of(ProblemType.SERVICE_UNAVAILABLE, detail + "; retry in " + seconds + " s")
                .with("retryAfter", seconds));
    }

    /** What a lingering close still reads and drops of a refused body, at most. */
    static final long LINGER_BYTES = 1024 * 1024;
    /** How long a lingering close waits for the rest of a refused body, at most. */
    static final long LINGER_MILLIS = 5000;

    /**
     * A 413 problem, then the connection is closed once the caller has had the chance to read it: the rest
     * of the body is not worth forwarding, but it is still drained (see {@link #lingeringClose}).
     */
    static void rejectTooLarge(RoutingContext ctx, VertxProblemWriter problems, RouteFamily route) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addEndHandler(ar -> lingeringClose(ctx));
        problems.write(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                + route.maxBodySize() + " bytes accepted on " + route.name());
    }

    /**
     * Closes the caller's connection the way RFC 9112 §9.6 asks of a server that answers before the request
     * body is in: closing at once, with body bytes still unread, makes the TCP stack reset the connection,
     * and the reset can discard the answer before the caller has read it (a caller still writing sees a
     * broken pipe instead of the 413). So the rest of the body is read and dropped until it ends, or until
     * {@link #LINGER_BYTES} more arrive, or {@link #LINGER_MILLIS} pass, and the connection is closed then.
     */
    static void lingeringClose(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        HttpConnection connection = in.connection();
        if (in.isEnded()) {
            connection.close();
            return;
        }
        Vertx vertx = ctx.vertx();
        long[] dropped = {0};
        long timer = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        Runnable close = () -> {
            vertx.cancelTimer(timer);
            connection.close();
        };
        in.exceptionHandler(e -> close.run());
        in.endHandler(v -> close.run());
        in.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > LINGER_BYTES) {
                close.run();
            }
        });
        in.resume();
    }
}
