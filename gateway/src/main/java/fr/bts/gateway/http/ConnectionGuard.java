package fr.bts.gateway.http;

import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.config.GatewayConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.http.impl.HttpServerConnectionHandler;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway does with each HTTP/1.1 connection before any request of it is routed, where neither
 * Quarkus nor Vert.x offers a hook: its request decoder becomes a {@link GuardedRequestDecoder} (two framings
 * refused, a time limit on request heads), and a request that cannot be decoded (a request line over the
 * limit: 414, headers over the HTTP layer's limit: 431, bad framing: 400) is answered as a problem instead
 * of Vert.x' empty answer. Vert.x calls a server's connection handler for every new connection before its
 * first byte is decoded; Quarkus does not set one on its HTTP servers, so the gateway sets it, on each server
 * instance of the HTTP verticles, as each reports that it listens ({@link HttpServerStart}). Connections
 * accepted before that (only in the instant after a server instance opened its port) keep Vert.x' own
 * behaviour.
 */
@ApplicationScoped
public class ConnectionGuard implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class);
    private static final String WEB_VERTICLE = "io.quarkus.vertx.http.runtime.VertxHttpRecorder$WebDeploymentVerticle";
    static final ProblemType URI_TOO_LONG = ProblemType.custom("uri-too-long", "URI too long", 414);
    static final ProblemType HEADERS_TOO_LARGE = ProblemType.custom("request-header-too-large", "Request headers too large", 431);
    static final ProblemType REQUEST_TIMEOUT = ProblemType.custom("request-timeout", "Request timeout", 408);

    private final Vertx vertx;
    private final VertxProblemWriter problems;
    private final long headerTimeoutNanos;
    private final byte[] headTimedOut;
    private final AtomicInteger guarded = new AtomicInteger();
    /** The options of the HTTP server, known once it listens. */
    private HttpServerOptions options;
    /** Whether every HTTP verticle deployed was found listening and guarded. */
    private volatile boolean complete;

    ConnectionGuard(Vertx vertx, VertxProblemWriter problems, GatewayConfig config) {
        this.vertx = vertx;
        this.problems = problems;
        this.headerTimeoutNanos = config.limits().headerTimeout().toNanos();
        this.headTimedOut = rawAnswer(408, "Request Timeout", problems.json(Problem.of(REQUEST_TIMEOUT,
                "The request head did not arrive within " + config.limits().headerTimeout().toSeconds() + " s")
                .withInstance(URI.create("/"))));
    }

    /**
     * HTTP/2 in clear text (h2c, by upgrade or prior knowledge) is off on the gateway's port: its upgrade
     * handler sits between the request decoder and the connection and does not survive the decoder being
     * swapped. Browsers never speak h2c; HTTP/2 over TLS (ALPN) is unaffected.
     */
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    /** Each HTTP server instance reports that it listens (an asynchronous event): its connections are guarded from then on. */
    void listening(@ObservesAsync HttpServerStart event) {
        install(event.options());
    }

    /** The HTTP verticles are deployed by then: every instance that the events may have missed is guarded too. */
    void started(@Observes StartupEvent event) {
        install(null);
    }

    private synchronized void install(HttpServerOptions listening) {
        if (listening != null) {
            options = listening;
        }
        if (options == null || complete) {
            return;
        }
        try {
            guardAll();
        } catch (RuntimeException e) {
            // the internals changed: requests must still flow; EdgeResourceTest fails the build in that case
            complete = true;
            LOG.errorf(e, "Connections of the HTTP server could not be guarded: request framing, head timeouts and "
                    + "problem answers of the HTTP layer fall back to Vert.x' own behaviour");
        }
    }

    private void guardAll() {
        VertxInternal internal = (VertxInternal) vertx;
        int seen = 0;
        int done = 0;
        for (String id : internal.deploymentIDs()) {
            Deployment deployment = internal.getDeployment(id);
            if (deployment == null) {
                continue;
            }
            for (Verticle verticle : deployment.getVerticles()) {
                if (WEB_VERTICLE.equals(verticle.getClass().getName())) {
                    seen++;
                    if (guard(verticle, "httpServer", options)) {
                        done++;
                    }
                }
            }
        }
        complete = seen > 0 && done == seen;
        LOG.debugf("Connections of %d HTTP server instances guarded", guarded.get());
    }

    /**
     * Called on requests until every server instance is guarded: the listening events may have come before
     * the HTTP verticles were registered as deployed, and then the first requests finish the work.
     */
    void ensureInstalled() {
        if (!complete) {
            install(null);
        }
    }

    /**
     * Sets this guard as the connection handler of one server instance (keeping the one it had, if any);
     * false while the instance does not listen yet.
     */
    private boolean guard(Verticle verticle, String field, HttpServerOptions options) {
        try {
            Object server = read(verticle, verticle.getClass(), field);
            if (!(server instanceof TCPServerBase)) {
                return false;
            }
            Object worker = read(server, TCPServerBase.class, "childHandler");
            if (worker == null) {
                return false;
            }
            Object handler = read(worker, worker.getClass(), "connectionHandler");
            if (!(handler instanceof HttpServerConnectionHandler connections)) {
                throw new IllegalStateException("unexpected connection handler " + handler);
            }
            Field user = HttpServerConnectionHandler.class.getDeclaredField("connectionHandler");
            user.setAccessible(true);
            @SuppressWarnings("unchecked")
            Handler<HttpConnection> previous = (Handler<HttpConnection>) user.get(connections);
            if (previous instanceof Guarded) {
                return true;
            }
            user.set(connections, new Guarded(previous, options));
            guarded.incrementAndGet();
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("The gateway could not guard the connections of its HTTP server", e);
        }
    }

    private static Object read(Object target, Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** The connection handler: runs the server's own, then guards the connection. */
    private final class Guarded implements Handler<HttpConnection> {
        private final Handler<HttpConnection> previous;
        private final HttpServerOptions options;

        Guarded(Handler<HttpConnection> previous, HttpServerOptions options) {
            this.previous = previous;
            this.options = options;
        }

        @Override
        public void handle(HttpConnection connection) {
            if (previous != null) {
                previous.handle(connection);
            }
            if (connection instanceof Http1xServerConnection http1) {
                http1.invalidRequestHandler(ConnectionGuard.this::invalid);
                ChannelPipeline pipeline = http1.channelHandlerContext().pipeline();
                ChannelHandler decoder = pipeline.get("httpDecoder");
                // the h2c upgrade handler keeps the decoder it was built with: with it in the pipeline the decoder
                // cannot be swapped (h2c is turned off on the gateway, see customizeHttpServer)
                if (decoder instanceof VertxHttpRequestDecoder && !(decoder instanceof GuardedRequestDecoder)
                        && pipeline.get("h2c") == null) {
                    pipeline.replace("httpDecoder", "httpDecoder", new GuardedRequestDecoder(options, headerTimeoutNanos, headTimedOut));
                }
            }
        }
    }

    /** A request that could not be decoded: a problem answer, and the connection closed (its framing is lost). */
    void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Problem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = Problem.of(URI_TOO_LONG, "The request line is longer than the HTTP layer accepts");
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = Problem.of(HEADERS_TOO_LARGE, "The request headers are larger than the HTTP layer accepts");
        } else if (cause instanceof GuardedRequestDecoder.ConflictingFraming) {
            problem = Problem.of(ProblemType.BAD_REQUEST, "A request may not carry both Content-Length and "
                    + "Transfer-Encoding (RFC 9112 §6.1)");
        } else {
            problem = Problem.of(ProblemType.BAD_REQUEST, "The request is not valid HTTP/1.1");
        }
        byte[] body = problems.json(problem.withInstance(URI.create("/")));
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(body))
                .onComplete(ar -> request.connection().close());
    }

    /** A whole HTTP/1.1 answer as bytes, for when the connection has no request to answer through. */
    private static byte[] rawAnswer(int status, String reason, byte[] body) {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: " + Problem.MEDIA_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
