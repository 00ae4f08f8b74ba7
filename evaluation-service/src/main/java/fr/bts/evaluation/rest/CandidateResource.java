package fr.bts.evaluation.rest;

import fr.bts.commons.security.Roles;
import fr.bts.evaluation.service.OutputService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/evaluations/v1/sessions/{id}/candidates/{candidate}")
@Tag(name = "Results")
public class CandidateResource {

    @Inject
    OutputService outputs;

    @GET
    @Path("/transcript")
    @Produces({MediaType.APPLICATION_JSON, DeliberationResource.APPLICATION_PDF})
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(summary = "The candidate's transcript (relevé de notes) of the latest sealed revision; candidates read their own once published")
    public Response transcript(@PathParam("id") UUID id, @PathParam("candidate") String candidate, @HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains(DeliberationResource.APPLICATION_PDF) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return Response.ok(outputs.transcriptPdf(id, candidate), DeliberationResource.APPLICATION_PDF).build();
        }
        return Response.ok(outputs.transcript(id, candidate), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/attestations")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(summary = "Bloc attestations (R6): automatic for continuing education and VAE, on request otherwise")
    public List<OutputService.Attestation> attestations(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return outputs.attestations(id, candidate);
    }

    @POST
    @Path("/attestations/requests")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "Ask for the attestations delivered on request")
    public List<OutputService.Attestation> request(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return outputs.requestAttestations(id, candidate);
    }
}
