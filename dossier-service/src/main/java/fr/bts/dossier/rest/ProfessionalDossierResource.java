package fr.bts.dossier.rest;

import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.api.DecisionInput;
import fr.bts.dossier.api.DossierEdit;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.service.DossierCommands;
import fr.bts.dossier.service.ProfessionalDossierService;
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
 * Writes of the professional dossier of one épreuve of a file: the candidate's edit and submission (DRAFT, before the
 * deadline) and the rectorat's conformity decision. Every one is a conditional write ({@code If-Match} required)
 * answered with the file after it and its new ETag; a file the caller may not see, or an épreuve without a dossier
 * in it, is 404. Reading it is {@link DossierResource}'s.
 */
@Path("/api/dossiers/v1/dossiers/{id}/epreuves/{epreuve}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers")
@APIResponse(responseCode = "200", description = "The file after the change, with its new ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierCandidat.class)))
@APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
@APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
@APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
@APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
@APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
public class ProfessionalDossierResource {

    @Inject
    ProfessionalDossierService professionalDossiers;

    @Inject
    DossierCommands commands;

    @Inject
    DossierAnswers answers;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(operationId = "editProfessionalDossier", summary = "The candidate replaces the content of a DRAFT dossier before the deadline (If-Match required)")
    public Response editDossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DossierEdit edit) {
        return answers.written(professionalDossiers.editDossier(id, epreuve, ifMatch, edit));
    }

    @POST
    @Path("/submit")
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(operationId = "submitProfessionalDossier", summary = "The candidate submits a dossier before the deadline: DRAFT → SUBMITTED")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response submitDossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.submitDossier(id, epreuve, ifMatch, key).toResponse();
    }

    @POST
    @Path("/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "recordConformityDecision", summary = "Record the conformity decision with the report it is based on (If-Match required)")
    public Response decide(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DecisionInput input) {
        return answers.written(professionalDossiers.decide(id, epreuve, ifMatch, input));
    }
}
