package fr.bts.evaluation.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.api.CredentialDtos.Verification;
import fr.bts.evaluation.model.IssuedCredential;
import fr.bts.evaluation.repository.CredentialRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Verifies a presented VC-JWT for anyone (no token): the issuer key ({@code kid} among the published keys), the
 * signature, the credential's shape and issuer, its validity dates, then its status (revoked by a later revision).
 * A credential that fails is not an error of the request: the answer says {@code valid: false} and why.
 */
@ApplicationScoped
public class CredentialVerifier {

    @Inject
    IssuerKey keys;
    @Inject
    CredentialRepository credentials;
    @Inject
    CredentialLedger ledger;
    @Inject
    CredentialConfig config;

    private record Checked(SignedJWT jwt, JWTClaimsSet claims, Map<String, Object> vc, String keyAcademie) {
    }

    @Transactional
    public Verification verify(String presented) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(presented.trim());
        } catch (ParseException e) {
            return refused("malformed", "Not a compact JWS (header.payload.signature)");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return refused("malformed", "Algorithm " + jwt.getHeader().getAlgorithm() + " is not the issuer's (ES256)");
        }
        Optional<IssuerKey.Published> key = Optional.ofNullable(jwt.getHeader().getKeyID()).flatMap(keys::publicKey);
        if (key.isEmpty()) {
            return refused("unknown-key", "Signed by key " + jwt.getHeader().getKeyID() + ", which this issuer does not publish");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key.get().key()))) {
                return refused("tampered", "The signature does not match the content: the credential was altered");
            }
        } catch (JOSEException e) {
            return refused("tampered", "The signature cannot be checked: " + e.getMessage());
        }
        Checked checked;
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            checked = new Checked(jwt, claims, claims.getJSONObjectClaim("vc"), key.get().academie());
        } catch (ParseException e) {
            return refused("malformed", "The payload is not a JWT claims set");
        }
        return verifyClaims(checked);
    }

    /** The verification of a stored credential named by its short code (the PDFs' QR code). */
    @Transactional
    public Verification verifyCode(String code) {
        IssuedCredential credential = credentials.byShortCode(code.toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> ProblemException.notFound("No credential with code " + code));
        return verify(credential.jwt);
    }

    private Verification verifyClaims(Checked c) {
        Map<String, Object> vc = c.vc();
        if (vc == null || !(vc.get("type") instanceof List<?> types) || !types.contains("OpenBadgeCredential")) {
            return refused("malformed", "The payload carries no OpenBadgeCredential in its vc claim");
        }
        Object issuer = vc.get("issuer") instanceof Map<?, ?> profile ? profile.get("id") : vc.get("issuer");
        if (c.claims().getIssuer() == null || !c.claims().getIssuer().equals(issuer)) {
            return refused("malformed", "iss does not name the credential's issuer");
        }
        Optional<IssuedCredential> stored = Optional.ofNullable(c.claims().getJWTID()).filter(id -> id.startsWith("urn:uuid:"))
                .flatMap(id -> parseUuid(id.substring("urn:uuid:".length()))).map(credentials::findById);
        if (stored.isEmpty()) {
            return refused("unknown-credential", "Signed by this issuer but not a credential it issued");
        }
        IssuedCredential row = stored.get();
        if (!row.academie.equals(c.keyAcademie())) {
            return refused("wrong-issuer-key", "Signed by the key of académie " + c.keyAcademie() + ", not by the key of its issuer ("
                    + row.academie + ")");
        }
        Instant now = Instant.now();
        Instant from = instant(c.claims().getNotBeforeTime());
        Instant until = instant(c.claims().getExpirationTime());
        if (from != null && from.isAfter(now.plus(config.clockSkew()))) {
            return answer(false, "not-yet-valid", "Valid from " + from, row, c, from, until);
        }
        if (until != null && until.isBefore(now.minus(config.clockSkew()))) {
            return answer(false, "expired", "Expired at " + until, row, c, from, until);
        }
        ledger.reconcile(credentials.session(row.sessionId));
        if (row.revokedAt != null) {
            return answer(false, "revoked", "Revoked: deliberation revision " + row.revokedByRevision + " changed this result", row, c, from, until);
        }
        return answer(true, null, "Valid: signed by the issuer, unaltered, in force", row, c, from, until);
    }

    private static Verification answer(boolean valid, String reason, String message, IssuedCredential row, Checked c, Instant from, Instant until) {
        Map<?, ?> subject = c.vc().get("credentialSubject") instanceof Map<?, ?> s ? s : Map.of();
        Map<?, ?> achievement = subject.get("achievement") instanceof Map<?, ?> a ? a : Map.of();
        String name = subject.get("identifier") instanceof List<?> ids && !ids.isEmpty() && ids.get(0) instanceof Map<?, ?> first
                ? String.valueOf(first.get("identityHash")) : null;
        return new Verification(valid, reason, message, "urn:uuid:" + row.id, c.claims().getIssuer(), row.kind.name(),
                achievement.get("name") == null ? row.achievement : String.valueOf(achievement.get("name")), name, from, until,
                row.revokedAt, row.revokedByRevision);
    }

    private static Verification refused(String reason, String message) {
        return new Verification(false, reason, message, null, null, null, null, null, null, null, null, null);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Optional<UUID> parseUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
