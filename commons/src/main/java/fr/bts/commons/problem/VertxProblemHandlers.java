package fr.bts.commons.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import fr.bts.commons.text.ControlCharacters;
import org.jboss.logging.Logger;

import java.net.URI;
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
    ObjectMapper mapper;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 20).handler(this::refuseOddTarget);
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
            router.errorHandler(status, ctx -> write(ctx, status));
        }
    }

    /**
     * Refuses, before any route decodes it, a request target no resource can serve (issue 11): a path or query
     * whose percent-encoding is invalid ({@code %zz}, not UTF-8), a decoded path with a control character or a
     * character no identifier of the suite has ({@code %00}, {@code %22}), a query parameter whose name or value
     * breaks {@link ControlCharacters}. Each is a 400 problem naming the part, and nothing is logged as an error.
     */
    void refuseOddTarget(RoutingContext ctx) {
        Problem.Violation refused = RequestTarget.refusal(ctx.request().path(), ctx.request().query());
        if (refused == null) {
            ctx.next();
            return;
        }
        send(ctx, Problem.of(ProblemType.BAD_REQUEST, "The request target is refused: " + refused.field() + " "
                + refused.message(), java.util.List.of(refused)));
    }

    /** Writes {@code problem} as the answer, with its status; the instance is the request path when it is valid. */
    public void send(RoutingContext ctx, Problem problem) {
        try {
            byte[] body = mapper.writeValueAsBytes(problem.instance() == null
                    ? problem.withInstance(URI.create(safePath(ctx))) : problem);
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(problem.status()).end();
        }
    }

    private void write(RoutingContext ctx, int status) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        Throwable failure = ctx.failure();
        int effective = statusOf(failure, status);
        Problem problem = Problem.of(ProblemType.forStatus(effective), detail(effective, ctx));
        if (effective >= 500) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(failure, "Unexpected error %s on %s", errorId, ctx.request().path());
            problem = Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; quote error id " + errorId)
                    .with("errorId", errorId);
        }
        if (effective == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        try {
            byte[] body = mapper.writeValueAsBytes(problem.withInstance(URI.create(safePath(ctx))));
            ctx.response().setStatusCode(effective)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(effective).end();
        }
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
            case 404 -> "No resource at " + safePath(ctx);
            case 405 -> "This method is not allowed on " + safePath(ctx);
            case 413 -> "The request body is larger than this endpoint accepts";
            case 414 -> "The request URI is too long";
            case 415 -> "This media type is not accepted here";
            case 431 -> "The request headers are too large";
            default -> "The request could not be processed";
        };
    }

    /** The request path when it is a valid URI reference (it becomes the problem's instance), else "/". */
    private static String safePath(RoutingContext ctx) {
        String path = ctx.request().path();
        try {
            return path != null && URI.create(path).getPath() != null && RequestTarget.refusal(path, null) == null
                    ? path : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
