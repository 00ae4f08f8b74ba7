package fr.bts.dossier.rest;

import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.api.OpenApiSchemas;
import fr.bts.dossier.service.SnapshotService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registration snapshot of docs/contracts.md, read by the evaluation service with the caller's token when the
 * rectorat starts grading (a rectorat user or a rectorat service account); the académie comes from the token. It
 * holds every candidate's identity (names, birth dates, accounts), so no jury role reads it: this service does not
 * know juries, and a president reads the candidates of their own session from evaluation-service.
 */
@Path("/api/dossiers/v1/snapshots/{session}/{certification}")
@Tag(name = "Snapshots", description = "The registration snapshot the evaluation service takes when grading starts")
public class SnapshotResource {

    @Inject
    SnapshotService snapshots;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "getRegistrationSnapshot", summary = "Every registration of a session and certification with units, dispenses, bénéfices and dossier status (NV included)")
    @APIResponse(responseCode = "200", description = "The snapshot", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.RegistrationSnapshot.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response snapshot(@PathParam("session") @Pattern(regexp = "\\d{4}") String session,
                             @PathParam("certification") @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{1,31}",
                                     message = "must be a certification code, e.g. BTS-SAM") String certification) {
        return Response.ok(snapshots.snapshot(session, certification)).build();
    }
}
