package fr.bts.evaluation.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.DeliberationDtos.AdjustmentInput;
import fr.bts.evaluation.api.DeliberationDtos.Preview;
import fr.bts.evaluation.api.DeliberationDtos.Revision;
import fr.bts.evaluation.api.DeliberationDtos.RevisionView;
import fr.bts.evaluation.api.DeliberationDtos.Seal;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.commons.http.PageRequest;
import fr.bts.evaluation.model.Adjustment;
import fr.bts.evaluation.service.DeliberationService;
import fr.bts.evaluation.service.OutputService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/**
 * The deliberation of a session. Every operation names a session: one the caller does not see is a 404,
 * declared once, on the class.
 */
@Path("/api/evaluations/v1/sessions/{id}/deliberations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deliberations", description = "Preview, president's adjustments, seal, revisions and the PV")
@APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
public class DeliberationResource {

    public static final String TEXT_CSV = "text/csv";
    public static final String APPLICATION_PDF = "application/pdf";

    @Inject
    DeliberationService deliberations;
    @Inject
    fr.bts.evaluation.service.AdjustmentService adjustments;
    @Inject
    OutputService outputs;
    @Inject
    EvaluationConfig config;
    @Inject
    ConditionalGet conditional;
    @Context
    UriInfo uri;

    @GET
    @Path("/preview")
    @RolesAllowed({Roles.JURY_PRESIDENT, Roles.RECTORAT})
    @Operation(operationId = "previewDeliberation", summary = "Compute every candidate's result now (nothing stored); filter by decision, paginated")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "200", description = "The results as computed now, one page of candidates", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Preview.class)))
    public Preview preview(@PathParam("id") UUID id, @QueryParam("page") String page, @QueryParam("size") String size,
                           @QueryParam("decision") String decision) {
        PageRequest request = PageRequest.of(page, size, config.page().maxSize());
        return deliberations.preview(id, request.page(), request.size(), decision);
    }

    @PUT
    @Path("/adjustments/{candidate}/{epreuve}")
    @RolesAllowed(Roles.JURY_PRESIDENT)
    @Operation(operationId = "adjustMark", summary = "The president adjusts a mark, with a reason (before the seal)")
    @APIResponse(responseCode = "200", description = "The adjustment recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.AdjustmentView.class)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Map<String, Object> adjust(@PathParam("id") UUID id, @PathParam("candidate") String candidate,
                                      @PathParam("epreuve") String epreuve, @NotNull @Valid AdjustmentInput input) {
        Adjustment a = adjustments.adjust(id, candidate, epreuve, input);
        return Map.of("candidate", candidate, "epreuve", a.epreuve, "note", a.note, "motif", a.motif, "auteur", a.auteur);
    }

    @DELETE
    @Path("/adjustments/{candidate}/{epreuve}")
    @RolesAllowed(Roles.JURY_PRESIDENT)
    @Operation(operationId = "removeAdjustment", summary = "The president withdraws an adjustment (before the seal); the computed mark applies again")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response removeAdjustment(@PathParam("id") UUID id, @PathParam("candidate") String candidate,
                                     @PathParam("epreuve") String epreuve) {
        adjustments.removeAdjustment(id, candidate, epreuve);
        return Response.noContent().build();
    }

    @POST
    @Path("/seal")
    @RolesAllowed(Roles.JURY_PRESIDENT)
    @Operation(operationId = "sealDeliberation", summary = "Seal the deliberation (revision 1); the session becomes read-only")
    @APIResponse(responseCode = "201", description = "Revision 1, sealed; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionView.class)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response seal(@PathParam("id") UUID id, @Valid Seal seal) {
        return created(id, deliberations.seal(id, seal == null ? null : seal.reason()));
    }

    @POST
    @Path("/revisions")
    @RolesAllowed(Roles.JURY_PRESIDENT)
    @Operation(operationId = "reviseDeliberation", summary = "A correction after the seal: a new revision with its reason, corrections and adjustments")
    @APIResponse(responseCode = "201", description = "The new revision; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionView.class)))
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response revise(@PathParam("id") UUID id, @NotNull @Valid Revision revision) {
        return created(id, deliberations.revise(id, revision));
    }

    @GET
    @Path("/{revision}")
    @RolesAllowed({Roles.JURY_PRESIDENT, Roles.RECTORAT})
    @Operation(operationId = "getDeliberationRevision", summary = "One revision of the sealed deliberation ('latest' accepted)")
    @APIResponse(responseCode = "200", description = "The revision", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionView.class)))
    public Response revision(@PathParam("id") UUID id, @PathParam("revision") String revision, @Context HttpHeaders request) {
        return conditional.json(request, deliberations.revision(id, revision), ConditionalGet.CachePolicy.privateRevalidated());
    }

    @GET
    @Path("/{revision}/pv")
    @Produces({TEXT_CSV, APPLICATION_PDF})
    @RolesAllowed({Roles.JURY_PRESIDENT, Roles.RECTORAT})
    @Operation(operationId = "getDeliberationReport", summary = "The deliberation report (PV) of a sealed revision, as CSV or PDF ('latest' accepted)")
    @APIResponse(responseCode = "200", description = "The PV as CSV (default) or PDF", content = {
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = APPLICATION_PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "406", ref = ProblemResponses.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response pv(@PathParam("id") UUID id, @PathParam("revision") String revision,
                       @Context Request negotiation, @Context HttpHeaders request) {
        // for its readers only, and negotiated on Accept
        ConditionalGet.CachePolicy policy = ConditionalGet.CachePolicy.privateRevalidated().varyingOn(HttpHeaders.ACCEPT);
        if (Negotiation.select(negotiation, Negotiation.CSV, Negotiation.PDF).equals(Negotiation.PDF)) {
            return conditional.bytes(request, outputs.pvPdf(id, revision), APPLICATION_PDF, policy, ok -> ok);
        }
        return conditional.bytes(request, outputs.pvCsv(id, revision).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TEXT_CSV + "; charset=UTF-8", policy,
                ok -> ok.header("Content-Disposition", "attachment; filename=\"pv-" + revision + ".csv\""));
    }

    /** 201 with the revision, its Location the revision's deliberation ({@code …/sessions/{id}/deliberations/{revision}}). */
    private Response created(UUID id, RevisionView view) {
        return Response.created(uri.getBaseUriBuilder().path("api/evaluations/v1/sessions").path(id.toString())
                .path("deliberations").path(Integer.toString(view.revision())).build()).entity(view).build();
    }
}
