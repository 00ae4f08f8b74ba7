package fr.bts.devstack;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Instant;
import java.util.Set;

/**
 * Signed access tokens for a service's Quarkus tests, verified by the service exactly as Keycloak's are:
 * signature against the JWKS served by {@code OidcWiremockTestResource}, issuer, audience and expiry.
 * Roles go in {@code groups} (quarkus-oidc reads them there as it reads {@code realm_access/roles} from
 * Keycloak), the tenant in the {@code academie} claim.
 *
 * <p>Tests configure {@code %test.quarkus.oidc.token.audience=https://service.example.com}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://service.example.com";

    private TestTokens() {
    }

    /** A valid token for {@code username} with {@code roles} and, when not null, an {@code academie} claim. */
    public static String token(String username, String academie, String... roles) {
        return sign(claims(username, academie, roles));
    }

    /** Same user, but expired an hour ago: must be refused with 401. */
    public static String expired(String username, String academie, String... roles) {
        Instant past = Instant.now().minusSeconds(3600);
        return sign(claims(username, academie, roles).issuedAt(past.minusSeconds(300)).expiresAt(past));
    }

    /** Same user, but for another audience: must be refused with 401. */
    public static String otherAudience(String username, String academie, String... roles) {
        return sign(claims(username, academie, roles).audience("https://other.example.com"));
    }

    /** Claims of a service account: no preferred_username, client id in {@code azp}. */
    public static String serviceAccount(String clientId, String academie, String... roles) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("service-account-" + clientId)
                .groups(Set.of(roles)).claim("azp", clientId);
        if (academie != null) {
            builder.claim("academie", academie);
        }
        return sign(builder);
    }

    private static JwtClaimsBuilder claims(String username, String academie, String... roles) {
        JwtClaimsBuilder builder = Jwt.preferredUserName(username).subject("sub-" + username)
                .issuer(ISSUER).audience(AUDIENCE).groups(Set.of(roles));
        if (academie != null) {
            builder.claim("academie", academie);
        }
        return builder;
    }

    private static String sign(JwtClaimsBuilder builder) {
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }
}
