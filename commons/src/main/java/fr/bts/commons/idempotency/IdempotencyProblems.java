package fr.bts.commons.idempotency;

import fr.bts.commons.problem.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes {@link IdempotencyInProgress} as its problem with the {@code Retry-After} header a client waits on. */
public class IdempotencyProblems {

    @ServerExceptionMapper
    public Response inProgress(IdempotencyInProgress e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.respond(e.problem(), uri))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
    }
}
