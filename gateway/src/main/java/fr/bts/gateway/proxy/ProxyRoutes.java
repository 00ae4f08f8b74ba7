package fr.bts.gateway.proxy;

import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.http.GatewayKeys;
import fr.bts.gateway.ratelimit.ClientKey;
import fr.bts.gateway.ratelimit.RateLimitDecision;
import fr.bts.gateway.ratelimit.RateLimiter;
import fr.bts.gateway.routing.RouteFamily;
import fr.bts.gateway.security.VerifiedTokens;
import io.micrometer.core.instrument.Gauge;
import io.quarkus.arc.ClientProxy;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy route: for a path of a route family, checks in order the declared body size (413), the token
 * (401, validated by quarkus-oidc: signature, issuer, audience, expiry), the family's coarse role rule
 * (403) and the caller's rate budget (429); only then is the request forwarded. A refused request never
 * reaches a backend. This is a Vert.x route, not a JAX-RS resource, so that bodies stream.
 */
@ApplicationScoped
public class ProxyRoutes {

    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    private static final long STORE_FAILURE_LOG_SECONDS = 10;
    private static final long MAX_BUFFER_UP_TO = 16L * 1024 * 1024;
    /** Set once a refused token is being answered: both the identity's subscriber and the HTTP layer's failure report it. */
    private static final String TOKEN_REFUSED = "bts.gateway.token-refused";
    /** Just before Quarkus' authentication handler (order -200), after the edge filter and the request-target checks. */
    static final int BEFORE_AUTHENTICATION = -201;

    private final Backends backends;
    private final VertxProblemWriter problems;
    private final RateLimiter rateLimiter;
    private final VerifiedTokens verifiedTokens;
    private final PublicUrl publicUrl;
    private final long bufferUpTo;
    private final GatewayConfig.Limits limits;
    private final LongAdder storeFailures = new LongAdder();
    private final AtomicLong lastStoreFailureLog = new AtomicLong(System.nanoTime() - STORE_FAILURE_LOG_SECONDS * 1_000_000_000L);

    ProxyRoutes(Backends backends, VertxProblemWriter problems, RateLimiter rateLimiter, VerifiedTokens verifiedTokens,
                PublicUrl publicUrl, GatewayConfig config, MeterRegistry metrics) {
        Gauge.builder("gateway.relay.pooled.buffers", PooledBody.IN_USE, AtomicInteger::get)
                .description("Answers gathered in pooled buffers and not yet written (stays near 0; growth is a leak)")
                .register(metrics);
        this.bufferUpTo = config.relay().bufferUpTo().asLongValue();
        this.limits = config.limits();
        if (bufferUpTo < 0 || bufferUpTo > MAX_BUFFER_UP_TO) {
            throw new IllegalStateException("gateway.relay.buffer-up-to must be between 0 and 16M (it is held per "
                    + "exchange in memory): " + bufferUpTo);
        }
        // the beans themselves, not their client proxies: a proxy looks its bean up in the context on every call
        this.backends = ClientProxy.unwrap(backends);
        this.problems = ClientProxy.unwrap(problems);
        this.rateLimiter = ClientProxy.unwrap(rateLimiter);
        this.verifiedTokens = ClientProxy.unwrap(verifiedTokens);
        this.publicUrl = ClientProxy.unwrap(publicUrl);
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_AUTHENTICATION).handler(this::handleKnown);
        router.route().handler(this::handle).failureHandler(this::authenticationFailed);
    }

    /**
     * Before Quarkus' authentication handlers: a proxied request without a token, or with a token this gateway has
     * verified already ({@link VerifiedTokens}), is decided here, and skips the per-request set-up of a deferred
     * identity that it would not use. Any other token goes on to {@link #handle}, after authentication, where
     * quarkus-oidc verifies it.
     */
    void handleKnown(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        SecurityIdentity known = authorization == null ? null : verifiedTokens.get(authorization);
        if (authorization != null && known == null) {
            ctx.next();
            return;
        }
        RouteFamily route = admit(ctx);
        if (route != null) {
            authorize(ctx, route, route.access(ctx.request().method().name(), ctx.normalizedPath()), known);
        }
    }

    /**
     * The HTTP layer ends a request whose token does not verify with a failure of its own (the deferred
     * identity failed): on the proxied paths that failure gets the gateway's answer, budget counted.
     */
    private void authenticationFailed(RoutingContext ctx) {
        if (ctx.get(GatewayKeys.ROUTE) != null && ctx.failure() instanceof AuthenticationFailedException) {
            invalidToken(ctx);
        } else {
            ctx.next();
        }
    }

    /**
     * The family of a proxied path, its request paused until it is forwarded and its declared size checked (413
     * before anything else); null when the path is not proxied (passed on) or the request was answered.
     */
    private RouteFamily admit(RoutingContext ctx) {
        Optional<RouteFamily> match = backends.routes().match(ctx.normalizedPath());
        if (match.isEmpty()) {
            ctx.next();
            return null;
        }
        RouteFamily route = match.get();
        HttpServerRequest in = ctx.request();
        in.pause();
        ctx.put(GatewayKeys.ROUTE, route.name());
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                reject(ctx, ProblemType.BAD_REQUEST, "Content-Length is not a number");
                return null;
            }
            if (declared > route.maxBodySize()) {
                BackendAnswers.rejectTooLarge(ctx, problems, route);
                return null;
            }
        }
        return route;
    }

    void handle(RoutingContext ctx) {
        RouteFamily route = admit(ctx);
        if (route == null) {
            return;
        }
        HttpServerRequest in = ctx.request();
        RouteFamily.Access access = route.access(in.method().name(), ctx.normalizedPath());
        String authorization = in.getHeader(HttpHeaders.AUTHORIZATION);
        Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (authorization == null || deferred == null) {
            authorize(ctx, route, access, null);
            return;
        }
        SecurityIdentity known = verifiedTokens.get(authorization);
        if (known != null) {
            authorize(ctx, route, access, known);
            return;
        }
        Context context = Vertx.currentContext();
        Executor onRequestContext = task -> onContext(context, task);
        deferred.invoke(identity -> verifiedTokens.put(authorization, identity))
                .emitOn(onRequestContext).subscribe().with(
                        identity -> authorize(ctx, route, access, identity),
                        failure -> {
                            if (failure instanceof AuthenticationFailedException) {
                                invalidToken(ctx);
                            } else {
                                LOG.errorf(failure, "Token validation could not be performed");
                                reject(ctx, ProblemType.SERVICE_UNAVAILABLE, "Tokens cannot be validated at the moment");
                            }
                        });
    }

    /**
     * A token that does not verify is the caller's IP spending its anonymous budget, like a call without
     * token: guessing tokens or flooding with garbage ones ends in 429 as any other flood does.
     */
    private void invalidToken(RoutingContext ctx) {
        if (ctx.get(TOKEN_REFUSED) != null) {
            return;
        }
        ctx.put(TOKEN_REFUSED, Boolean.TRUE);
        ClientKey client = ClientKey.of(null, clientIp(ctx));
        ctx.put(GatewayKeys.CLIENT, client.key());
        Context context = Vertx.currentContext();
        rateLimiter.acquire(client.key(), null, true).onComplete(ar -> onContext(context, () -> {
            if (ar.failed()) {
                storeFailed(ar.cause());
            } else if (!ar.result().allowed()) {
                tooManyRequests(ctx, ar.result());
                return;
            }
            reject(ctx, ProblemType.UNAUTHORIZED, "The bearer token is invalid, expired or not meant for this API");
        }));
    }

    private static String clientIp(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    private void authorize(RoutingContext ctx, RouteFamily route, RouteFamily.Access access, SecurityIdentity identity) {
        boolean anonymous = identity == null || identity.isAnonymous();
        if (anonymous && !access.anonymousAllowed()) {
            reject(ctx, ProblemType.UNAUTHORIZED, "A valid bearer token is required");
            return;
        }
        if (!anonymous && !access.anyOfRoles().isEmpty() && access.anyOfRoles().stream().noneMatch(identity::hasRole)) {
            reject(ctx, ProblemType.FORBIDDEN, "This operation on " + route.name() + " needs one of the roles "
                    + access.anyOfRoles());
            return;
        }
        String ip = clientIp(ctx);
        ClientKey client = ClientKey.of(identity, ip);
        ctx.put(GatewayKeys.CLIENT, client.key());
        Context context = Vertx.currentContext();
        rateLimiter.acquire(client.key(), client.clientId(), client.anonymous()).onComplete(ar -> onContext(context, () -> {
            if (ar.succeeded()) {
                admitted(ctx, route, ar.result(), ip);
            } else {
                storeFailed(ar.cause());
                admitted(ctx, route, RateLimitDecision.unlimited(), ip);
            }
        }));
    }

    private void admitted(RoutingContext ctx, RouteFamily route, RateLimitDecision decision, String ip) {
        if (decision.limit() != Integer.MAX_VALUE) {
            ctx.response().putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
                    .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
        }
        if (!decision.allowed()) {
            tooManyRequests(ctx, decision);
            return;
        }
        new ProxyExchange(ctx, route, backends.get(route.service()), problems, ip, publicUrl.of(ctx.request()), bufferUpTo,
                limits).start();
    }

    private void tooManyRequests(RoutingContext ctx, RateLimitDecision decision) {
        long seconds = decision.retryAfterSeconds();
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ctx.request().resume();
        problems.write(ctx, Problem.of(ProblemType.TOO_MANY_REQUESTS,
                "The request budget of this client is spent; retry in " + seconds + " s").with("retryAfter", seconds));
    }

    /**
     * A store that fails (Redis down) fails every request: one error line per {@value #STORE_FAILURE_LOG_SECONDS}
     * seconds, with the number of requests let through meanwhile, instead of one per request.
     */
    private void storeFailed(Throwable cause) {
        storeFailures.increment();
        long now = System.nanoTime();
        long last = lastStoreFailureLog.get();
        if (now - last >= STORE_FAILURE_LOG_SECONDS * 1_000_000_000L && lastStoreFailureLog.compareAndSet(last, now)) {
            LOG.errorf("Rate-limit store failed (%s); %d requests let through unlimited since the last report",
                    cause.toString(), storeFailures.sumThenReset());
        }
    }

    private void reject(RoutingContext ctx, ProblemType type, String detail) {
        ctx.request().resume();
        problems.write(ctx, type, detail);
    }

    private static void onContext(Context context, Runnable task) {
        if (context == null || Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }
}
