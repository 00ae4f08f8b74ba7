package fr.bts.evaluation.rest;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/evaluations/v1/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Juries and commissions")
public class JuryResource {

    @Inject
    JuryService juries;
    @Context
    UriInfo uri;

    @PUT
    @Path("/jury")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Appoint the jury (R19 composition rules checked)")
    public Jury appoint(@PathParam("id") UUID id, @NotNull @Valid Jury jury) {
        return juries.appoint(id, jury);
    }

    @GET
    @Path("/jury")
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    public Jury jury(@PathParam("id") UUID id) {
        return juries.jury(id);
    }

    @POST
    @Path("/commissions")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Create a commission for one épreuve with jury members")
    public Response create(@PathParam("id") UUID id, @NotNull @Valid NewCommission commission) {
        CommissionView view = juries.createCommission(id, commission);
        return Response.created(uri.getAbsolutePathBuilder().path(view.code()).build()).entity(view).build();
    }

    @GET
    @Path("/commissions")
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    public List<CommissionView> commissions(@PathParam("id") UUID id) {
        return juries.commissions(id);
    }

    @PUT
    @Path("/commissions/{code}/candidates")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Assign candidates to a commission (replaces its list)")
    public CommissionView assign(@PathParam("id") UUID id, @PathParam("code") String code, @NotNull @Valid Assignment assignment) {
        return juries.assign(id, code, assignment);
    }
}
