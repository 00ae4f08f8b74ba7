package fr.bts.dossier.rest;

import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.api.CampaignInput;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.service.CampaignService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dossier campaign of the caller's académie for a session and certification: its deadline. */
@Path("/api/dossiers/v1/campaigns/{session}/{certification}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns", description = "The dossier campaign of a session and certification: its deadline")
public class CampaignResource {

    @Inject
    CampaignService campaigns;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "setCampaign", summary = "Set the dossier deadline (after it candidates can no longer edit; a dossier in draft is absent)")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "200", description = "The campaign with its deadline", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Campaign.class)))
    public Campaign set(@PathParam("session") @Pattern(regexp = "\\d{4}") String session,
                        @PathParam("certification") String certification, @NotNull @Valid CampaignInput input) {
        return campaigns.setCampaign(session, certification, input.dossierDeadline());
    }

    @GET
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "getCampaign", summary = "The campaign and its deadline")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "The campaign with its deadline", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Campaign.class)))
    public Campaign get(@PathParam("session") String session, @PathParam("certification") String certification) {
        return campaigns.campaign(session, certification);
    }
}
