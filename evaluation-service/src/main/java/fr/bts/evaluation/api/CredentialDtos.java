package fr.bts.evaluation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and answer shapes of signed credentials (issue 17). */
public final class CredentialDtos {

    private CredentialDtos() {
    }

    @Schema(description = "An Open Badges 3.0 credential issued from a sealed result, in force")
    public record CredentialView(String id, @Schema(enumeration = {"BLOC", "DIPLOMA"}) String kind, String achievement,
                                 int revision, Instant issuedAt, String shortCode,
                                 @Schema(description = "Public URL that verifies this credential (the PDFs' QR code)") String verifyUrl,
                                 @Schema(description = "The VC-JWT (compact JWS, ES256) to present") String credential) {
    }

    public record CandidateCredentials(String candidate, List<CredentialView> credentials) {
    }

    public record SessionCredentials(int page, int size, long total, List<CandidateCredentials> items) {
    }

    public record VerificationRequest(@NotBlank @Size(max = 65536) @Schema(description = "A VC-JWT as presented") String credential) {
    }

    /**
     * The answer about a presented credential: {@code valid}, or why not ({@code reason}: malformed, unknown-key,
     * tampered, unknown-credential, wrong-issuer-key, not-yet-valid, expired, revoked).
     */
    @Schema(name = "CredentialVerification")
    public record Verification(boolean valid,
                               @Schema(enumeration = {"malformed", "unknown-key", "tampered", "unknown-credential", "wrong-issuer-key", "not-yet-valid",
                                       "expired", "revoked"}, nullable = true) String reason,
                               String message, String credentialId, String issuer, String kind, String achievement,
                               String subject, Instant validFrom, Instant validUntil, Instant revokedAt, Integer revokedByRevision) {
    }

    @Schema(name = "JwkSet", description = "A JWK Set (RFC 7517): public keys only")
    public record JwkSet(List<Map<String, Object>> keys) {
    }

    @Schema(name = "IssuerProfile", description = "An Open Badges 3.0 issuer Profile")
    public record IssuerProfile(@JsonProperty("@context") List<String> context, String id, List<String> type, String name) {
    }
}
