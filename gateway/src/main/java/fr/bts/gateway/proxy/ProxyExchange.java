package fr.bts.gateway.proxy;

import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.http.GatewayKeys;
import fr.bts.gateway.http.ProblemWriter;
import fr.bts.gateway.routing.RouteFamily;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request on its way through the gateway, once it is allowed: picks an instance round-robin (the next
 * one when an instance refuses the connection, since nothing was sent yet), streams the request body up
 * and the answer back with back-pressure in both directions (never a whole body in memory), and turns a
 * refused, reset or silent backend into a 502 / 504 problem within the configured timeouts.
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private final RoutingContext ctx;
    private final HttpServerRequest in;
    private final HttpServerResponse out;
    private final RouteFamily route;
    private final Backend backend;
    private final ProblemWriter problems;
    private final MultiMap upstreamHeaders;
    private final String uri;
    private final int first;
    private final long bufferUpTo;
    private int attempts;
    private HttpClientRequest upstream;
    private boolean tooLarge;

    ProxyExchange(RoutingContext ctx, RouteFamily route, Backend backend, ProblemWriter problems, String clientIp,
                  long bufferUpTo) {
        this.bufferUpTo = bufferUpTo;
        this.ctx = ctx;
        this.in = ctx.request();
        this.out = ctx.response();
        this.route = route;
        this.backend = backend;
        this.problems = problems;
        String query = in.query();
        this.uri = query == null ? ctx.normalizedPath() : ctx.normalizedPath() + "?" + query;
        this.upstreamHeaders = ForwardedHeaders.request(in.headers(), clientIp, in.scheme(), in.getHeader(HttpHeaders.HOST),
                ctx.get(GatewayKeys.REQUEST_ID));
        this.first = backend.nextIndex();
    }

    void start() {
        ctx.addEndHandler(ar -> {
            if (ar.failed() && upstream != null) {
                upstream.reset();
            }
        });
        connect();
    }

    private void connect() {
        Backend.Instance instance = backend.instance(first + attempts);
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.ssl())
                .setURI(uri)
                .setHeaders(upstreamHeaders)
                .setConnectTimeout(backend.config().connectTimeout().toMillis())
                .setIdleTimeout(backend.config().readTimeout().toMillis());
        backend.client().request(options).onComplete(ar -> {
            if (ar.succeeded()) {
                send(instance, ar.result());
            } else {
                connectFailed(instance, ar.cause());
            }
        });
    }

    private void connectFailed(Backend.Instance instance, Throwable cause) {
        attempts++;
        boolean unreachable = cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)
                || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException;
        if (unreachable && attempts < backend.instances().size() && !out.closed()) {
            LOG.debugf("%s instance %s refused the connection, trying the next one", backend.name(), instance);
            connect();
            return;
        }
        failed(instance, cause);
    }

    private void send(Backend.Instance instance, HttpClientRequest request) {
        upstream = request;
        request.exceptionHandler(e -> LOG.debugf("Exchange with %s instance %s ended: %s", backend.name(), instance, e.toString()));
        ctx.put(GatewayKeys.INSTANCE, instance);
        if (out.closed()) {
            request.reset();
            return;
        }
        Future<HttpClientResponse> answer;
        if (hasBody(in)) {
            if ("100-continue".equalsIgnoreCase(in.getHeader(HttpHeaders.EXPECT))) {
                out.writeContinue();
            }
            answer = request.send(new LimitedBody(in, route.maxBodySize(), this::bodyTooLarge));
        } else {
            in.resume();
            answer = request.send();
        }
        answer.onComplete(ar -> {
            if (ar.succeeded()) {
                relay(ar.result());
            } else if (!tooLarge) {
                failed(instance, ar.cause());
            }
        });
    }

    private void relay(HttpClientResponse response) {
        if (out.closed() || out.ended()) {
            response.request().reset();
            return;
        }
        out.setStatusCode(response.statusCode());
        if (response.statusMessage() != null) {
            out.setStatusMessage(response.statusMessage());
        }
        ForwardedHeaders.response(response.headers(), out.headers());
        int status = response.statusCode();
        boolean bodyless = in.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
        long length = bodyless ? -1 : declaredLength(response.headers().get(HttpHeaders.CONTENT_LENGTH));
        if (length >= 0 && length <= bufferUpTo) {
            gather(response, (int) length);
            return;
        }
        if (!bodyless && length < 0) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onFailure(this::interrupted);
    }

    /**
     * A small answer of known length is gathered and written with its head in one go: one system call
     * instead of one per chunk that arrived, which is most of what relaying costs for documents of a few
     * dozen kilobytes. The bytes go into a buffer of Netty's pool, outside the heap (no garbage per answer,
     * no copy to a direct buffer for the socket write), returned to the pool once written or abandoned;
     * memory stays bounded by {@code gateway.relay.buffer-up-to} per exchange.
     */
    private void gather(HttpClientResponse response, int length) {
        PooledBody body = new PooledBody(length);
        ctx.addEndHandler(ar -> body.abandon());
        response.exceptionHandler(e -> {
            body.abandon();
            interrupted(e);
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

    /**
     * A pooled direct buffer returned to the pool exactly once: when the socket write that carries it has
     * completed, or when the exchange ends without it being handed to the response. Once handed over, only
     * the write's completion releases it: Netty may still be writing it when the exchange's end handlers run.
     */
    static final class PooledBody {
        /** Buffers taken and not yet returned: 0 whenever no answer is in flight (a metric, and what the tests check). */
        static final AtomicInteger IN_USE = new AtomicInteger();

        private final ByteBuf bytes;
        private boolean handedOver;
        private boolean released;

        PooledBody(int length) {
            this.bytes = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
            IN_USE.incrementAndGet();
        }

        void append(Buffer chunk) {
            if (!released && !handedOver) {
                bytes.writeBytes(chunk.getByteBuf());
            }
        }

        /** A view for the response (Vert.x does not release it after writing). */
        Buffer handOver() {
            handedOver = true;
            return Buffer.buffer(bytes);
        }

        void written() {
            release();
        }

        void abandon() {
            if (!handedOver) {
                release();
            }
        }

        private void release() {
            if (!released) {
                released = true;
                bytes.release();
                IN_USE.decrementAndGet();
            }
        }
    }

    private void interrupted(Throwable e) {
        LOG.debugf("Answer of %s interrupted: %s", backend.name(), e.getMessage());
        if (!out.closed()) {
            out.reset();
        }
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void bodyTooLarge() {
        tooLarge = true;
        if (upstream != null) {
            upstream.reset();
        }
        rejectTooLarge(ctx, problems, route);
    }

    /** A 413 problem, then the connection is closed: the rest of the body is not worth reading. */
    static void rejectTooLarge(RoutingContext ctx, ProblemWriter problems, RouteFamily route) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addEndHandler(ar -> ctx.request().connection().close());
        problems.write(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                + route.maxBodySize() + " bytes accepted on " + route.name());
    }

    private void failed(Backend.Instance instance, Throwable cause) {
        if (out.closed()) {
            return;
        }
        if (out.headWritten()) {
            out.reset();
            return;
        }
        in.resume();
        String service = backend.name();
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            LOG.warnf("%s instance %s timed out: %s", service, instance, cause.getMessage());
            problems.write(ctx, ProblemType.GATEWAY_TIMEOUT, "The " + service + " service did not answer in time");
        } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException) {
            LOG.warnf("%s instance %s unreachable: %s", service, instance, cause.getMessage());
            problems.write(ctx, ProblemType.BAD_GATEWAY, "The " + service + " service is unreachable");
        } else {
            LOG.warnf("%s instance %s failed: %s", service, instance, cause.toString());
            problems.write(ctx, ProblemType.BAD_GATEWAY, "The " + service + " service closed the exchange");
        }
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase().contains("chunked");
    }
}
