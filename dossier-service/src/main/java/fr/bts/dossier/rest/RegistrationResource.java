package fr.bts.dossier.rest;

import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.api.ReasonInput;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.service.DossierCommands;
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
 * The registration of a file and its workflow DRAFT → SUBMITTED → VALIDATED / REJECTED. Every operation here is a
 * conditional write ({@code If-Match} required) answered with the file after it and its new ETag.
 */
@Path("/api/dossiers/v1/dossiers/{id}/registration")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers")
@APIResponse(responseCode = "200", description = "The file after the change, with its new ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierCandidat.class)))
@APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
@APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
@APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
@APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
public class RegistrationResource {

    @Inject
    RegistrationService registrations;

    @Inject
    DossierCommands commands;

    @Inject
    DossierAnswers answers;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "updateRegistration", summary = "Change a registration that is not validated yet (If-Match required)")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    public Response updateRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid RegistrationInput input) {
        return answers.written(registrations.updateRegistration(id, ifMatch, input));
    }

    @POST
    @Path("/submit")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "submitRegistration", summary = "Submit a registration (DRAFT → SUBMITTED)")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response submitRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.submitRegistration(id, ifMatch, key).toResponse();
    }

    @POST
    @Path("/validate")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "validateRegistration", summary = "Validate a submitted registration (SUBMITTED → VALIDATED)")
    public Response validateRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return answers.written(registrations.validateRegistration(id, ifMatch));
    }

    @POST
    @Path("/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "rejectRegistration", summary = "Reject a submitted registration with the reason (SUBMITTED → REJECTED)")
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response rejectRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid ReasonInput input) {
        return answers.written(registrations.rejectRegistration(id, ifMatch, input.reason()));
    }
}
