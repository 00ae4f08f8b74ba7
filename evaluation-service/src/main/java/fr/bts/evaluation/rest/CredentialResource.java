package fr.bts.evaluation.rest;

import fr.bts.commons.http.PageRequest;
import fr.bts.commons.http.PublicOrigin;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.CredentialDtos.CandidateCredentials;
import fr.bts.evaluation.api.CredentialDtos.SessionCredentials;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.credential.CredentialService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Signed credentials of sealed results for their holders and the rectorat (issue 17). */
@Path("/api/evaluations/v1/credentials/sessions/{id}")
@Tag(name = "Credentials", description = "Open Badges 3.0 credentials (VC-JWT) of validated blocs and delivered diplomas, attestation PDFs")
public class CredentialResource {

    @Inject
    CredentialService credentials;
    @Inject
    PublicOrigin origin;
    @Inject
    EvaluationConfig config;
    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "listSessionCredentials", summary = "Every candidate's credentials of the session's latest sealed revision, paginated by candidate (rectorat bulk)")
    @APIResponse(responseCode = "200", description = "One page of candidates with their credentials in force", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionCredentials.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Response session(@PathParam("id") UUID id, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size, config.page().maxSize());
        return privately(credentials.forSession(id, request.page(), request.size(), origin.origin(uri)), MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("/candidates/{candidate}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(operationId = "getCandidateCredentials", summary = "The candidate's credentials in force: the diploma when delivered, each validated bloc whose attestation is delivered; candidates read their own once published")
    @APIResponse(responseCode = "200", description = "The credentials, each with its VC-JWT and verification code", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CandidateCredentials.class)))
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Response candidate(@PathParam("id") UUID id, @PathParam("candidate") String candidate) {
        return privately(credentials.forCandidate(id, candidate, origin.origin(uri)), MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("/candidates/{candidate}/blocs/{bloc}/attestation")
    @Produces(DeliberationResource.APPLICATION_PDF)
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.CANDIDATE})
    @Operation(operationId = "getBlocAttestationPdf", summary = "The attestation of a validated bloc as a PDF, with the QR code and short code of its signed credential")
    @APIResponse(responseCode = "200", description = "The attestation PDF", content = @Content(mediaType = DeliberationResource.APPLICATION_PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Response attestation(@PathParam("id") UUID id, @PathParam("candidate") String candidate, @PathParam("bloc") String bloc) {
        return privately(credentials.attestationPdf(id, candidate, bloc, origin.origin(uri)), DeliberationResource.APPLICATION_PDF);
    }

    /** Personal results: for their reader only, never stored by a shared cache. */
    private static Response privately(Object entity, String type) {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setNoStore(true);
        return Response.ok(entity, type).cacheControl(cache).build();
    }
}
