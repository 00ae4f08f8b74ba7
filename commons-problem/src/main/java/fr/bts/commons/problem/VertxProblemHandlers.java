package fr.bts.commons.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import fr.bts.commons.text.ControlCharacters;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Problem answers for what never reaches the REST layer: a path no resource serves, a body over the
 * configured size limit, an authentication failure raised by the HTTP layer, a failure in a Vert.x route.
 * Together with {@link ProblemMappers} this guarantees that no HTML error page and no stack trace leaves
 * a service.
 */
@ApplicationScoped
public class VertxProblemHandlers {

    private static final Logger LOG = Logger.getLogger(VertxProblemHandlers.class);

    @Inject
    VertxProblemWriter writer;

    @Inject
    RequestLimits limits;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBodySize;

    /**
     * Limits checked here, under the hard limits of the HTTP decoder ({@code quarkus.http.limits.max-initial-line-length}
     * and {@code max-header-size}, set higher), so that going over them is a 414 / 431 problem rather than the
     * decoder's bodiless answer.
     */
    @ConfigMapping(prefix = "bts.http.limits")
    public interface RequestLimits {
        /** Longest request target (path and query), in characters. */
        @WithDefault("4096")
        int maxUriLength();

        /** Largest total size of the request headers (names and values), in bytes. */
        @WithDefault("20480")
        int maxHeaderSize();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 20).handler(this::refuseOddRequest);
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
            router.errorHandler(status, ctx -> write(ctx, status));
        }
    }

    /**
     * Refuses, before any route decodes it, a request target no resource can serve (issue 11): a path or query
     * whose percent-encoding is invalid ({@code %zz}, not UTF-8), a decoded path with a control character or a
     * character no identifier of the suite has ({@code %00}, {@code %22}), a query parameter whose name or value
     * breaks {@link ControlCharacters}, a target {@link java.net.URI} cannot parse. Each is a 400 problem naming the
     * part, and nothing is logged as an error. Quarkus makes the last check itself before any route, with an
     * empty 400; {@link ServiceMain} turns that one off ({@code vertx.disableURIValidation}) so that this one
     * answers instead, with a problem body.
     */
    void refuseOddRequest(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > limits.maxUriLength()) {
            send(ctx, Problem.of(ProblemType.URI_TOO_LONG, "The request target is longer than "
                    + limits.maxUriLength() + " characters"));
            return;
        }
        long headerSize = 0;
        for (var header : request.headers()) {
            headerSize += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerSize > limits.maxHeaderSize()) {
            send(ctx, Problem.of(ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than "
                    + limits.maxHeaderSize() + " bytes"));
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBodySize.asLongValue()) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            send(ctx, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than this service accepts ("
                    + maxBodySize.asLongValue() + " bytes)"));
            return;
        }
        refuseOddTarget(ctx);
    }

    void refuseOddTarget(RoutingContext ctx) {
        if (RequestTarget.plainlyAccepted(ctx.request().uri())) {
            ctx.next();
            return;
        }
        Problem.Violation refused = RequestTarget.refusal(ctx.request().path(), ctx.request().query());
        if (refused == null && !RequestTarget.isUri(ctx.request().uri())) {
            refused = new Problem.Violation("target", "is not a valid URI reference");
        }
        if (refused == null) {
            ctx.next();
            return;
        }
        send(ctx, Problem.of(ProblemType.BAD_REQUEST, "The request target is refused: " + refused.field() + " "
                + refused.message(), java.util.List.of(refused)));
    }

    /** Writes {@code problem} as the answer, with its status (the one writer, {@link VertxProblemWriter}). */
    public void send(RoutingContext ctx, Problem problem) {
        writer.write(ctx, problem);
    }

    private void write(RoutingContext ctx, int status) {
        Throwable failure = ctx.failure();
        int effective = statusOf(failure, status);
        Problem problem = Problem.of(ProblemType.forStatus(effective), detail(effective, ctx));
        if (effective >= 500 && !ctx.response().headWritten()) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(failure, "Unexpected error %s on %s", errorId, ctx.request().path());
            problem = Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; quote error id " + errorId)
                    .with("errorId", errorId);
        }
        writer.write(ctx, problem);
    }

    private static int statusOf(Throwable failure, int status) {
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            return 401;
        }
        if (failure instanceof ForbiddenException) {
            return 403;
        }
        return status;
    }

    private static String detail(int status, RoutingContext ctx) {
        return switch (status) {
            case 401 -> "A valid bearer token is required";
            case 403 -> "Your roles do not allow this operation";
            case 404 -> "No resource at " + VertxProblemWriter.safePath(ctx);
            case 405 -> "This method is not allowed on " + VertxProblemWriter.safePath(ctx);
            case 413 -> "The request body is larger than this endpoint accepts";
            case 414 -> "The request URI is too long";
            case 415 -> "This media type is not accepted here";
            case 431 -> "The request headers are too large";
            default -> "The request could not be processed";
        };
    }
}
