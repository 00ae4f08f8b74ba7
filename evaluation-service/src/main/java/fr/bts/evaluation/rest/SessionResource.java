package fr.bts.evaluation.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.SessionDtos.OpenSession;
import fr.bts.evaluation.api.SessionDtos.SessionView;
import fr.bts.evaluation.api.SessionDtos.Transition;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.service.SessionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/evaluations/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

    @Inject
    SessionService sessions;
    @Inject
    EvaluationConfig config;
    @Inject
    ConditionalGet conditional;
    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Open a session on a referential version (refused with the list of missing exam rules)")
    public Response open(@NotNull @Valid OpenSession request) {
        SessionView view = sessions.open(request);
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .tag(ETags.ofVersion(view.version())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    @Operation(summary = "Sessions of the caller's académie")
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return sessions.list(PageRequest.of(page, size, config.page().maxSize())).toResponse(uri);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    @Operation(summary = "One session")
    public Response get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context HttpHeaders request) {
        SessionView view = sessions.get(id);
        return conditional.answer(request, ConditionalGet.Validators.of(ETags.ofVersion(view.version())),
                ConditionalGet.CachePolicy.privateRevalidated(), MediaType.APPLICATION_JSON, () -> Response.ok(view));
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT})
    @Operation(summary = "Move the session to GRADING (takes the registration snapshot), DELIBERATION or PUBLISHED; If-Match required")
    public Response transition(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @NotNull @Valid Transition transition) {
        SessionView view = sessions.transition(id, transition.to(), ifMatch);
        return Response.ok(view).tag(ETags.ofVersion(view.version())).build();
    }
}
