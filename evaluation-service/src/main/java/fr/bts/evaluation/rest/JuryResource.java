package fr.bts.evaluation.rest;

import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.JuryDtos.Assignment;
import fr.bts.evaluation.api.JuryDtos.CommissionView;
import fr.bts.evaluation.api.JuryDtos.Jury;
import fr.bts.evaluation.api.JuryDtos.NewCommission;
import fr.bts.evaluation.service.JuryService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * The jury of a session and its commissions. Every operation names a session: one the caller does not see is a 404,
 * declared once, on the class.
 */
@Path("/api/evaluations/v1/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Juries and commissions", description = "The jury of a session and its commissions per épreuve")
@APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
public class JuryResource {

    @Inject
    JuryService juries;
    @Context
    UriInfo uri;

    @PUT
    @Path("/jury")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "appointJury", summary = "Appoint the jury (R19 composition rules checked)")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "200", description = "The jury appointed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Jury.class)))
    public Jury appoint(@PathParam("id") UUID id, @NotNull @Valid Jury jury) {
        return juries.appoint(id, jury);
    }

    @GET
    @Path("/jury")
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    @Operation(operationId = "getJury", summary = "The session's jury: its president and members")
    @APIResponse(responseCode = "200", description = "The jury", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Jury.class)))
    public Jury jury(@PathParam("id") UUID id) {
        return juries.jury(id);
    }

    @POST
    @Path("/commissions")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "createCommission", summary = "Create a commission for one épreuve with jury members")
    @APIResponse(responseCode = "201", description = "The commission created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.evaluation.api.JuryDtos.CommissionView.class)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response create(@PathParam("id") UUID id, @NotNull @Valid NewCommission commission) {
        CommissionView view = juries.createCommission(id, commission);
        return Response.created(uri.getAbsolutePathBuilder().path(view.code()).build()).entity(view).build();
    }

    @GET
    @Path("/commissions")
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    @Operation(operationId = "listCommissions", summary = "The session's commissions, each with its épreuve, members and candidates")
    @APIResponse(responseCode = "200", description = "The commissions", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommissionView.class, type = SchemaType.ARRAY)))
    public List<CommissionView> commissions(@PathParam("id") UUID id) {
        return juries.commissions(id);
    }

    @PUT
    @Path("/commissions/{code}/candidates")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "assignCommissionCandidates", summary = "Assign candidates to a commission (replaces its list)")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "200", description = "The commission with its new candidates", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommissionView.class)))
    public CommissionView assign(@PathParam("id") UUID id, @PathParam("code") String code, @NotNull @Valid Assignment assignment) {
        return juries.assign(id, code, assignment);
    }
}
