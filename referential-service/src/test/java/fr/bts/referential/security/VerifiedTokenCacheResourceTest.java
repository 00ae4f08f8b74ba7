package fr.bts.referential.security;

import fr.bts.commons.security.token.CachingTokenIdentityProvider;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service verifies a token once (commons {@code fr.bts.commons.security.token}), with real tokens signed
 * against the JWKS of OidcWiremockTestResource: a repeated token is not verified again, a cached one is refused
 * at its exp, and a token that differs in any way (one byte, another issuer or audience) is verified anew and
 * refused.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class VerifiedTokenCacheResourceTest {

    static final String ITEM = "/api/referential/v1/items/395e9c5b-3c97-5faa-896e-bcb26c12f83a";

    @Inject
    CachingTokenIdentityProvider provider;

    static JwtClaimsBuilder claims(String subject, String issuer, String audience) {
        return Jwt.preferredUserName(subject).subject("sub-" + subject).issuer(issuer).audience(audience)
                .groups(Set.of("referential-admin"));
    }

    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }

    static int status(String token) {
        return given().auth().oauth2(token).when().get(ITEM).then().extract().statusCode();
    }

    @Test
    void aRepeatedTokenIsVerifiedOnce() {
        String token = sign(claims("once", TestTokens.ISSUER, TestTokens.AUDIENCE));
        long before = provider.verifications();
        assertEquals(200, status(token));
        assertEquals(before + 1, provider.verifications());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, status(token));
        }
        assertEquals(before + 1, provider.verifications(), "the same token is answered from the cache");
    }

    @Test
    void aTokenOneByteOffIsVerifiedAnewAndRefused() {
        String token = sign(claims("byte", TestTokens.ISSUER, TestTokens.AUDIENCE));
        assertEquals(200, status(token));
        // a character inside the signature (the last one may only carry base64url padding bits)
        int at = token.lastIndexOf('.') + 10;
        char c = token.charAt(at);
        String altered = token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
        long before = provider.verifications();
        assertEquals(401, status(altered));
        assertEquals(401, status(altered), "a refusal is never cached");
        assertEquals(before + 2, provider.verifications());
        assertEquals(200, status(token));
    }

    @Test
    void anotherIssuerOrAudienceIsRefusedEvenWithTheSamePayloadOtherwise() {
        Instant exp = Instant.now().plusSeconds(300);
        assertEquals(200, status(sign(claims("twin", TestTokens.ISSUER, TestTokens.AUDIENCE).expiresAt(exp))));
        assertEquals(401, status(sign(claims("twin", "https://other-issuer.example.com", TestTokens.AUDIENCE).expiresAt(exp))));
        assertEquals(401, status(sign(claims("twin", TestTokens.ISSUER, "https://other.example.com").expiresAt(exp))));
        assertEquals(401, status(TestTokens.expired("twin", null, "referential-admin")));
    }

    @Test
    void aCachedTokenIsRefusedFromItsExp() {
        long expSeconds = Instant.now().getEpochSecond() + 3;
        String token = sign(claims("short", TestTokens.ISSUER, TestTokens.AUDIENCE).expiresAt(expSeconds));
        assertEquals(200, status(token));
        long verified = provider.verifications();
        long deadline = expSeconds * 1000 + 10_000;
        int answer = 200;
        int hits = 0;
        long asked = System.currentTimeMillis();
        while (answer == 200 && asked < deadline) {
            asked = System.currentTimeMillis();
            answer = status(token);
            if (answer == 200) {
                hits++;
                assertTrue(asked < expSeconds * 1000, "accepted although asked after its exp");
                assertEquals(verified, provider.verifications(), "accepted from the cache, not verified again");
            }
        }
        assertEquals(401, answer, "refused once its exp is passed");
        assertTrue(System.currentTimeMillis() >= expSeconds * 1000, "refused only after its exp");
        assertTrue(hits > 0, "the token was answered from the cache before its exp");
        assertEquals(401, status(token));
    }
}
