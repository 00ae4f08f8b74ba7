package fr.bts.e2e;

import org.junit.jupiter.api.Test;

import static fr.bts.e2e.Stack.anonymous;
import static io.restassured.RestAssured.given;
import static fr.bts.e2e.Stack.as;
import static fr.bts.e2e.Stack.asClient;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The foundation's end-to-end promise, through the gateway with real Keycloak tokens: no token on a
 * protected path → 401, a token of the wrong role → 403, the right role → 200 from each service, and
 * the published referential readable anonymously with HTTP caching.
 */
class SmokeE2ETest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anonymousCallsToProtectedPathsAre401Problems() {
        anonymous().get("/api/dossiers/v1/dossiers")
                .then().statusCode(401).contentType(startsWith(PROBLEM)).header("WWW-Authenticate", startsWith("Bearer"));
        anonymous().get("/api/evaluations/v1/sessions")
                .then().statusCode(401).contentType(startsWith(PROBLEM));
        anonymous().contentType("application/json").body("{\"code\":\"BTS-X\"}").post("/api/referential/v1/certifications")
                .then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    /** The README's console login: the launcher bootstraps Keycloak's admin (Keycloak 26 has none otherwise). */
    @Test
    void theKeycloakConsoleLoginOfTheReadmeWorks() {
        given().baseUri(Stack.KEYCLOAK).formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Stack.userToken("rectorat-versailles");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        anonymous().auth().oauth2(tampered).get("/api/dossiers/v1/dossiers")
                .then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    @Test
    void tokensOfTheWrongRoleAre403Problems() {
        as("candidat-versailles").contentType("application/json").body("{\"code\":\"BTS-X\"}")
                .post("/api/referential/v1/certifications")
                .then().statusCode(403).contentType(startsWith(PROBLEM));
        asClient("platform-demo").get("/api/dossiers/v1/dossiers")
                .then().statusCode(403).contentType(startsWith(PROBLEM));
        asClient("platform-demo").get("/api/evaluations/v1/sessions")
                .then().statusCode(403).contentType(startsWith(PROBLEM));
    }

    @Test
    void theRightRoleReachesEachService() {
        asClient("platform-demo").get("/api/referential/v1/certifications")
                .then().statusCode(200).body("items.code", hasItem("BTS-GPME"));
        as("rectorat-versailles").get("/api/dossiers/v1/dossiers")
                .then().statusCode(200).body("totalItems", notNullValue());
        asClient("rectorat-lyon-api").get("/api/evaluations/v1/sessions")
                .then().statusCode(200).body("totalItems", notNullValue());
    }

    @Test
    void thePublishedReferentialIsPublicAndCacheable() {
        String etag = anonymous().get("/api/referential/v1/certifications/RNCP38363/current")
                .then().statusCode(200)
                .body("certification.code", equalTo("BTS-GPME"))
                .extract().header("ETag");
        anonymous().header("If-None-Match", etag).get("/api/referential/v1/certifications/RNCP38363/current")
                .then().statusCode(304);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        anonymous().header("X-Request-Id", "e2e-smoke-1").get("/api/referential/v1/certifications")
                .then().statusCode(200).header("X-Request-Id", equalTo("e2e-smoke-1"));
    }
}
