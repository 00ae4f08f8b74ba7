package fr.bts.gateway.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * The answer of a backend on its way back to the caller ({@link ProxyExchange}): status and headers, then the
 * body streamed with back-pressure, or gathered whole when it is small ({@code gateway.relay.buffer-up-to}).
 */
final class AnswerRelay {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private final RoutingContext ctx;
    private final HttpServerRequest in;
    private final HttpServerResponse out;
    private final Backend backend;
    private final long bufferUpTo;

    AnswerRelay(RoutingContext ctx, Backend backend, long bufferUpTo) {
        this.ctx = ctx;
        this.in = ctx.request();
        this.out = ctx.response();
        this.backend = backend;
        this.bufferUpTo = bufferUpTo;
    }

    void relay(Backend.Member member, HttpClientResponse response) {
        int status = response.statusCode();
        if (status >= 500) {
            backend.failed(member, false);
        } else {
            backend.succeeded(member);
        }
        if (out.closed() || out.ended()) {
            response.request().reset();
            return;
        }
        out.setStatusCode(status);
        if (response.statusMessage() != null) {
            out.setStatusMessage(response.statusMessage());
        }
        ForwardedHeaders.response(response.headers(), out.headers());
        if (status == 503 && !out.headers().contains(HttpHeaders.RETRY_AFTER)) {
            out.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(backend.config().retryAfterSeconds()));
        }
        boolean bodyless = in.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
        long length = bodyless ? -1 : Exchanges.declaredLength(response.headers().get(HttpHeaders.CONTENT_LENGTH));
        if (length >= 0 && length <= bufferUpTo) {
            gather(member, response, (int) length);
            return;
        }
        if (!bodyless && length < 0) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onFailure(e -> interrupted(member, e));
    }

    /**
     * A small answer of known length is gathered and written with its head in one go: one system call
     * instead of one per chunk that arrived, which is most of what relaying costs for documents of a few
     * dozen kilobytes. The bytes go into a buffer of Netty's pool, outside the heap (no garbage per answer,
     * no copy to a direct buffer for the socket write), returned to the pool once written or abandoned;
     * memory stays bounded by {@code gateway.relay.buffer-up-to} per exchange.
     */
    private void gather(Backend.Member member, HttpClientResponse response, int length) {
        PooledBody body = new PooledBody(length);
        ctx.addEndHandler(ar -> body.abandon());
        response.exceptionHandler(e -> {
            body.abandon();
            interrupted(member, e);
        });
        response.handler(body::append);
        response.endHandler(v -> {
            if (out.closed() || out.ended()) {
                body.abandon();
            } else {
                Buffer whole = body.handOver();
                try {
                    out.end(whole).onComplete(ar -> body.written());
                } catch (RuntimeException e) {
                    body.written();
                    throw e;
                }
            }
        });
    }

    private void interrupted(Backend.Member member, Throwable e) {
        LOG.debugf("Answer of %s interrupted: %s", backend.name(), e.getMessage());
        if (!out.closed()) {
            backend.failed(member, false);
        }
        if (!out.closed()) {
            out.reset();
        }
    }
}
