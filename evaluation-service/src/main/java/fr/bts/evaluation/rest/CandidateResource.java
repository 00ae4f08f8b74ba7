package fr.bts.evaluation.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.security.Roles;
import fr.bts.commons.http.PageRequest;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.service.CandidateService;
import fr.bts.evaluation.service.OutputService;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
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

@Path("/api/evaluations/v1/sessions/{id}/candidates")
@Tag(name = "Candidates and results")
public class CandidateResource {

    @Inject
    ConditionalGet conditional;
    @Inject
    OutputService outputs;
    @Inject
    CandidateService candidates;
    @Inject
    EvaluationConfig config;
    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    @Operation(summary = "The session's candidates (a jury member sees those of their commissions), paginated")
    public Response list(@PathParam("id") UUID id, @QueryParam("page") String page, @QueryParam("size") String size) {
        return candidates.list(id, PageRequest.of(page, size, config.page().maxSize())).toResponse(uri);
    }

    @GET
    @Path("/{candidate}/transcript")
    @Produces({MediaType.APPLICATION_JSON, DeliberationResource.APPLICATION_PDF})
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(summary = "The candidate's transcript (relevé de notes) of the latest sealed revision; candidates read their own once published")
    public Response transcript(@PathParam("id") UUID id, @PathParam("candidate") String candidate, @HeaderParam("Accept") String accept,
                               @Context jakarta.ws.rs.core.HttpHeaders request) {
        // for its reader only (commons ConditionalGet), negotiated on Accept
        ConditionalGet.CachePolicy policy = ConditionalGet.CachePolicy.privateRevalidated().varyingOn("Accept");
        if (accept != null && accept.contains(DeliberationResource.APPLICATION_PDF) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return conditional.bytes(request, outputs.transcriptPdf(id, candidate), DeliberationResource.APPLICATION_PDF, policy,
                    ok -> ok);
        }
        return conditional.json(request, outputs.transcript(id, candidate), policy);
    }

    @GET
    @Path("/{candidate}/attestations")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(summary = "Bloc attestations (R6): automatic for continuing education and VAE, on request otherwise")
    public List<OutputService.Attestation> attestations(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return outputs.attestations(id, candidate);
    }

    @POST
    @Path("/{candidate}/attestations/requests")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "Ask for the attestations delivered on request")
    public List<OutputService.Attestation> request(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return outputs.requestAttestations(id, candidate);
    }
}
