package fr.bts.dossier.rest;

import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.api.DecisionInput;
import fr.bts.dossier.api.DossierEdit;
import fr.bts.dossier.api.ReasonInput;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.service.DossierCommands;
import fr.bts.dossier.service.DossierReads;
import fr.bts.dossier.service.ProfessionalDossierService;
import fr.bts.dossier.service.RegistrationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The workflows of a file, each step a conditional write ({@code If-Match} required, 428 without it, 412 when it is
 * stale) answered with the file after it and its new ETag: the registration (changes while not validated, DRAFT →
 * SUBMITTED → VALIDATED / REJECTED) and each professional dossier (the candidate's edit and submission while DRAFT
 * and before the deadline, the rectorat's conformity decision). A file the caller may not see is 404; a step its
 * state does not allow is 409. The answers every step shares are declared once, on the class.
 */
@Path("/api/dossiers/v1/dossiers/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers")
@APIResponse(responseCode = "200", description = "The file after the change, with its new ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierCandidat.class)))
@APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
@APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
@APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
@APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
public class DossierWorkflowResource {

    @Inject
    RegistrationService registrations;

    @Inject
    ProfessionalDossierService dossiers;

    @Inject
    DossierCommands commands;

    @Inject
    DossierReads reads;

    @PUT
    @Path("/registration")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "updateRegistration", summary = "Change a registration that is not validated yet (If-Match required)")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    public Response updateRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid RegistrationInput input) {
        return written(registrations.updateRegistration(id, ifMatch, input));
    }

    @POST
    @Path("/registration/submit")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "submitRegistration", summary = "Submit a registration (DRAFT → SUBMITTED)")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response submitRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.submitRegistration(id, ifMatch, key).toResponse();
    }

    @POST
    @Path("/registration/validate")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "validateRegistration", summary = "Validate a submitted registration (SUBMITTED → VALIDATED)")
    public Response validateRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return written(registrations.validateRegistration(id, ifMatch));
    }

    @POST
    @Path("/registration/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "rejectRegistration", summary = "Reject a submitted registration with the reason (SUBMITTED → REJECTED)")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response rejectRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid ReasonInput input) {
        return written(registrations.rejectRegistration(id, ifMatch, input.reason()));
    }

    @PUT
    @Path("/epreuves/{epreuve}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(operationId = "editProfessionalDossier", summary = "The candidate replaces the content of a DRAFT dossier before the deadline (If-Match required)")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response editDossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DossierEdit edit) {
        return written(dossiers.editDossier(id, epreuve, ifMatch, edit));
    }

    @POST
    @Path("/epreuves/{epreuve}/submit")
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(operationId = "submitProfessionalDossier", summary = "The candidate submits a dossier before the deadline: DRAFT → SUBMITTED")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response submitDossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.submitDossier(id, epreuve, ifMatch, key).toResponse();
    }

    @POST
    @Path("/epreuves/{epreuve}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "recordConformityDecision", summary = "Record the conformity decision with the report it is based on (If-Match required)")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response decide(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DecisionInput input) {
        return written(dossiers.decide(id, epreuve, ifMatch, input));
    }

    /** The answer to a write: the file as shown after it, with its ETag (the next write's If-Match). */
    private Response written(DossierCandidat candidat) {
        DossierReads.Shown shown = reads.now().show(candidat);
        return Response.ok(shown.candidat()).tag(shown.tag()).build();
    }
}
