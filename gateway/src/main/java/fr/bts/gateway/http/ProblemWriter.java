package fr.bts.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Writes the gateway's own error answers as RFC 9457 problems ({@code urn:bts:problem:<slug>}), with the
 * request id as an extension member so that a caller can quote it. When the answer has already started
 * (a backend failed in the middle of a body), the only honest thing left is to reset the stream.
 */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper mapper;

    ProblemWriter(ObjectMapper mapper) {
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
        Problem answer = problem.withInstance(safeInstance(ctx.normalizedPath()));
        String requestId = ctx.get(GatewayKeys.REQUEST_ID);
        if (requestId != null) {
            answer = answer.with("requestId", requestId);
        }
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

    /** The problem as its JSON bytes, for answers written below the router ({@link ConnectionGuard}). */
    byte[] json(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem could not be written as JSON", e);
        }
    }

    private static URI safeInstance(String path) {
        try {
            return URI.create(path == null ? "/" : path);
        } catch (IllegalArgumentException e) {
            return URI.create("/");
        }
    }
}
