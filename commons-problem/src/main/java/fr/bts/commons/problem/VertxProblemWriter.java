package fr.bts.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.http.RequestIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * The one writer of problem answers below the REST layer, for every service and the gateway: a Vert.x route,
 * an error handler of the router ({@link VertxProblemHandlers}), the gateway's proxy. The answer is
 * {@code application/problem+json}, {@code Cache-Control: no-store}, with the request path as {@code instance}
 * (when it is a valid URI reference, else "/") and the request id as the extension member {@code requestId} so
 * that a caller can quote it; a 401 carries {@code WWW-Authenticate: Bearer}. When the answer has already started
 * (a backend failed in the middle of a body), the only honest thing left is to reset the stream.
 */
@ApplicationScoped
public class VertxProblemWriter {

    private final ObjectMapper mapper;

    VertxProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(RoutingContext ctx, ProblemType type, String detail) {
        write(ctx, Problem.of(type, detail));
    }

    public void write(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Problem answer = problem.instance() == null ? problem.withInstance(URI.create(safePath(ctx))) : problem;
        answer = answer.with("requestId", RequestIds.of(ctx));
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.headers().remove(HttpHeaders.CONTENT_LENGTH).remove(HttpHeaders.TRANSFER_ENCODING);
        response.setChunked(false);
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(json(answer)));
    }

    /** The problem as its JSON bytes, for answers written below the router (the gateway's connection guard). */
    public byte[] json(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem could not be written as JSON", e);
        }
    }

    /** The (normalised) request path when it is a valid URI reference (it becomes the problem's instance), else "/". */
    static String safePath(RoutingContext ctx) {
        try {
            // normalising decodes the path: an invalid escape (%zz) throws, and such a path is no instance
            String path = ctx.normalizedPath();
            return path != null && URI.create(path).getPath() != null && RequestTarget.refusal(path, null) == null
                    ? path : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
