package fr.bts.evaluation.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Signs credentials as VC-JWT (Open Badges 3.0 § 8.2, JSON Web Token proof): ES256 with the issuer key, its {@code kid}
 * in the header (resolved at the JWKS endpoint); the registered claims mirror the credential ({@code iss} its
 * issuer, {@code jti} its id, {@code sub} its subject, {@code nbf}/{@code exp} its validity) and {@code vc} holds it.
 */
@ApplicationScoped
public class CredentialSigner {

    @Inject
    IssuerKey keys;

    /**
     * The compact JWS of {@code vc} signed by the key of {@code academie}'s issuer, valid from {@code validFrom} until
     * {@code validUntil} (null: no end).
     */
    public String sign(Map<String, Object> vc, String academie, String issuer, String subject, Instant validFrom,
                       Instant validUntil) {
        ECKey key = keys.signingKey(academie);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).jwtID((String) vc.get("id"))
                .notBeforeTime(Date.from(validFrom)).issueTime(Date.from(validFrom)).claim("vc", vc);
        if (subject != null) {
            claims.subject(subject);
        }
        if (validUntil != null) {
            claims.expirationTime(Date.from(validUntil));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a credential failed", e);
        }
        return jwt.serialize();
    }
}
