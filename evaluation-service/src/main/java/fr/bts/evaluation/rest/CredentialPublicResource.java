package fr.bts.evaluation.rest;

import fr.bts.commons.http.PublicOrigin;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.evaluation.api.CredentialDtos;
import fr.bts.evaluation.api.CredentialDtos.Verification;
import fr.bts.evaluation.api.CredentialDtos.VerificationRequest;
import fr.bts.evaluation.credential.CredentialVerifier;
import fr.bts.evaluation.credential.IssuerKey;
import fr.bts.evaluation.credential.OpenBadges;
import fr.bts.evaluation.credential.StatusLists;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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


/**
 * What anyone needs to check a credential offline or online, without a token: the issuer's public keys (JWKS), its
 * profile, the académie's status lists, and the verification of a presented credential or of a short code.
 */
@Path(OpenBadges.BASE_PATH)
@Tag(name = "Credential verification", description = "Public: issuer keys, status lists, verification of credentials")
public class CredentialPublicResource {

    public static final String JWK_SET = "application/jwk-set+json";
    public static final String VC_JWT = "application/vc+jwt";

    @Inject
    IssuerKey keys;
    @Inject
    StatusLists statusLists;
    @Inject
    CredentialVerifier verifier;
    @Inject
    PublicOrigin origin;
    @Context
    UriInfo uri;

    @GET
    @Path("/jwks")
    @Produces({JWK_SET, MediaType.APPLICATION_JSON})
    @Operation(operationId = "getIssuerKeys", summary = "The issuer's public keys (JWK Set): the current signing key and the retired ones")
    @APIResponse(responseCode = "200", description = "The JWK Set", content = {
            @Content(mediaType = JWK_SET, schema = @Schema(implementation = CredentialDtos.JwkSet.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialDtos.JwkSet.class))})
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Response jwks() {
        return Response.ok(keys.publicKeys().toString(true)).header("Cache-Control", "public, max-age=300").build();
    }

    @GET
    @Path("/issuers/{academie}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getIssuerProfile", summary = "The Open Badges issuer profile of an académie (the issuer every credential names)")
    @APIResponse(responseCode = "200", description = "The issuer Profile", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CredentialDtos.IssuerProfile.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public CredentialDtos.IssuerProfile issuer(@PathParam("academie") @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9-]{1,64}") String academie) {
        String base = origin.origin(uri);
        return new CredentialDtos.IssuerProfile(OpenBadges.CONTEXT, OpenBadges.issuerId(base, academie), java.util.List.of("Profile"),
                OpenBadges.issuerName(academie));
    }

    @GET
    @Path("/status-lists/{academie}/{list}")
    @Produces(VC_JWT)
    @Operation(operationId = "getStatusList", summary = "The académie's Bitstring Status List (revocation) as a signed BitstringStatusListCredential (VC-JWT)")
    @APIResponse(responseCode = "200", description = "The status list credential, a compact JWS", content = @Content(mediaType = VC_JWT, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Response statusList(@PathParam("academie") @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9-]{1,64}") String academie,
                               @PathParam("list") int list) {
        return Response.ok(statusLists.credential(academie, list, origin.origin(uri)), VC_JWT).header("Cache-Control", "no-cache").build();
    }

    @POST
    @Path("/verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyCredential", summary = "Verify a presented VC-JWT: issuer key, signature, validity dates, revocation; says why when it fails")
    @APIResponse(responseCode = "200", description = "Whether the credential is valid, and why not", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ProblemResponses.CONTENT_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Verification verify(@Valid @NotNull VerificationRequest request) {
        return verifier.verify(request.credential());
    }

    @GET
    @Path("/codes/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyCredentialCode", summary = "Verify the credential of a short code (the attestation PDFs' QR code)")
    @APIResponse(responseCode = "200", description = "Whether the credential is valid, and why not", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
    public Verification verifyCode(@PathParam("code") @jakarta.validation.constraints.Pattern(regexp = "[0-9A-Za-z]{6,16}") String code) {
        return verifier.verifyCode(code);
    }
}
