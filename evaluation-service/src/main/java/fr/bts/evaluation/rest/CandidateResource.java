package fr.bts.evaluation.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.commons.http.PageRequest;
import fr.bts.evaluation.api.OutputDtos.Attestation;
import fr.bts.evaluation.api.OutputDtos.Transcript;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.service.CandidateService;
import fr.bts.evaluation.service.OutputService;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/evaluations/v1/sessions/{id}/candidates")
@Tag(name = "Candidates and results", description = "The session's candidates, their transcripts and bloc attestations")
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
    @Operation(operationId = "listSessionCandidates", summary = "The session's candidates (a jury member sees those of their commissions), paginated")
    @APIResponse(responseCode = "200", description = "One page of candidates", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.CandidatePage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response list(@PathParam("id") UUID id, @QueryParam("page") String page, @QueryParam("size") String size) {
        return candidates.list(id, PageRequest.of(page, size, config.page().maxSize())).toResponse(uri);
    }

    @GET
    @Path("/{candidate}/transcript")
    @Produces({MediaType.APPLICATION_JSON, DeliberationResource.APPLICATION_PDF})
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(operationId = "getTranscript", summary = "The candidate's transcript (relevé de notes) of the latest sealed revision; candidates read their own once published")
    @APIResponse(responseCode = "200", description = "The transcript, as JSON or as a PDF document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Transcript.class)),
            @Content(mediaType = DeliberationResource.APPLICATION_PDF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "406", ref = ProblemResponses.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response transcript(@PathParam("id") UUID id, @PathParam("candidate") String candidate, @Context Request negotiation,
                               @Context jakarta.ws.rs.core.HttpHeaders request) {
        // for its reader only (commons ConditionalGet), negotiated on Accept
        ConditionalGet.CachePolicy policy = ConditionalGet.CachePolicy.privateRevalidated().varyingOn("Accept");
        if (Negotiation.select(negotiation, MediaType.APPLICATION_JSON_TYPE, Negotiation.PDF).equals(Negotiation.PDF)) {
            return conditional.bytes(request, outputs.transcriptPdf(id, candidate), DeliberationResource.APPLICATION_PDF, policy,
                    ok -> ok);
        }
        return conditional.json(request, outputs.transcript(id, candidate), policy);
    }

    @GET
    @Path("/{candidate}/attestations")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(operationId = "listAttestations", summary = "Bloc attestations (R6): automatic for continuing education and VAE, on request otherwise")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "200", description = "The bloc attestations", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Attestation.class, type = SchemaType.ARRAY)))
    public List<Attestation> attestations(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return outputs.attestations(id, candidate);
    }

    @POST
    @Path("/{candidate}/attestations/requests")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "requestAttestations", summary = "Ask for the attestations delivered on request")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "200", description = "The attestations now delivered", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Attestation.class, type = SchemaType.ARRAY)))
    public List<Attestation> request(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return outputs.requestAttestations(id, candidate);
    }
}
