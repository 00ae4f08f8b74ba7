package fr.bts.gateway;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tokens and coarse roles are checked before forwarding: a refused request is a problem answer and the
 * backend's counter does not move. Published referential reads and the CASE API need no token.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class SecurityResourceTest {

    private static long referentialCount() {
        return Stubs.count("referential-a") + Stubs.count("referential-b");
    }

    private static void refusedBeforeForwarding(String stub, RequestSpecification request, String method, String path,
                                                int status, String type) {
        long before = stub.equals("referential") ? referentialCount() : Stubs.count(stub);
        request.when().request(method, path)
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:" + type))
                .body("status", equalTo(status))
                .body("instance", equalTo(path));
        long after = stub.equals("referential") ? referentialCount() : Stubs.count(stub);
        assertEquals(before, after, "the backend must not see a refused request");
    }

    @Test
    void protectedPathWithoutTokenIs401WithBearerChallengeAndNeverForwarded() {
        long before = Stubs.count("dossier");
        given().when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:unauthorized"));
        assertEquals(before, Stubs.count("dossier"));
    }

    @Test
    void expiredTokenIs401() {
        refusedBeforeForwarding("dossier", given().auth().oauth2(TestTokens.expired("rectorat-versailles", "versailles", "rectorat")),
                "GET", "/api/dossiers/v1/dossiers", 401, "unauthorized");
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        refusedBeforeForwarding("evaluation", given().auth().oauth2(TestTokens.otherAudience("jury-versailles", "versailles", "jury-member")),
                "GET", "/api/evaluations/v1/sessions", 401, "unauthorized");
    }

    @Test
    void forgedTokenIs401EvenRightAfterTheGenuineOneWasAccepted() {
        String token = TestTokens.token("rectorat-versailles", "versailles", "rectorat");
        given().auth().oauth2(token).when().get("/api/dossiers/v1/dossiers").then().statusCode(200);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        refusedBeforeForwarding("dossier", given().auth().oauth2(forged), "GET", "/api/dossiers/v1/dossiers", 401, "unauthorized");
    }

    @Test
    void invalidTokenOnAPublicPathIsStill401() {
        refusedBeforeForwarding("referential", given().auth().oauth2("not-a-jwt"),
                "GET", "/api/referential/v1/certifications", 401, "unauthorized");
    }

    @Test
    void platformReaderMayNotReachDossiers403() {
        refusedBeforeForwarding("dossier", given().auth().oauth2(TestTokens.serviceAccount("platform-demo", null, "platform-reader")),
                "GET", "/api/dossiers/v1/dossiers", 403, "forbidden");
    }

    @Test
    void candidateMayNotWriteTheReferential403() {
        refusedBeforeForwarding("referential", given().auth().oauth2(TestTokens.token("candidat-versailles", "versailles", "candidate"))
                        .contentType("application/json").body("{}"),
                "POST", "/api/referential/v1/certifications", 403, "forbidden");
    }

    @Test
    void rectoratMayNotWriteTheReferentialEither403() {
        refusedBeforeForwarding("referential", given().auth().oauth2(TestTokens.token("rectorat-lyon", "lyon", "rectorat")),
                "DELETE", "/api/referential/v1/certifications/BTS-GPME/versions/2", 403, "forbidden");
    }

    @Test
    void candidateMayNotGradeEvaluations403() {
        refusedBeforeForwarding("evaluation", given().auth().oauth2(TestTokens.token("candidat-lyon", "lyon", "candidate"))
                        .contentType("application/json").body("{}"),
                "POST", "/api/evaluations/v1/sessions/2026/grades", 403, "forbidden");
    }

    @Test
    void candidateMayAskForTheirAttestationsAsTheEvaluationServiceAllows() {
        given().auth().oauth2(TestTokens.token("candidat-lyon", "lyon", "candidate"))
                .when().post("/api/evaluations/v1/sessions/2026/candidates/C42/attestations/requests")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/evaluations/v1/sessions/2026/candidates/C42/attestations/requests"));
    }

    @Test
    void anyoneMayAskWhetherACredentialIsValidWithoutAToken() {
        given().contentType("application/json").body("{\"credential\":\"x.y.z\"}")
                .when().post("/api/evaluations/v1/credentials/verifications")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/evaluations/v1/credentials/verifications"));
        refusedBeforeForwarding("evaluation", given().contentType("application/json").body("{}"),
                "POST", "/api/evaluations/v1/credentials/sessions/2026", 401, "unauthorized");
    }

    @Test
    void candidateMayStillNotWriteOtherCandidatePaths403() {
        refusedBeforeForwarding("evaluation", given().auth().oauth2(TestTokens.token("candidat-lyon", "lyon", "candidate")),
                "POST", "/api/evaluations/v1/sessions/2026/candidates/C42/attestations", 403, "forbidden");
    }

    @Test
    void anonymousWriteToThePublishedReferentialIs401() {
        refusedBeforeForwarding("referential", given().contentType("application/json").body("{}"),
                "POST", "/api/referential/v1/certifications", 401, "unauthorized");
    }

    @Test
    void unpublishedReferentialPathsNeedAToken() {
        refusedBeforeForwarding("referential", given(), "GET", "/api/referential/v1/imports", 401, "unauthorized");
    }

    @Test
    void dotSegmentsCannotSmuggleAProtectedPathUnderAPublicOne() {
        long before = Stubs.count("dossier");
        given().urlEncodingEnabled(false).when().get("/api/referential/v1/certifications/../../../dossiers/v1/dossiers")
                .then().statusCode(401);
        assertEquals(before, Stubs.count("dossier"));
    }

    @Test
    void referentialAdminMayWriteTheReferential() {
        given().auth().oauth2(TestTokens.token("referentiel-admin", null, "referential-admin"))
                .contentType("application/json").body("{\"code\":\"BTS-SAM\"}")
                .when().post("/api/referential/v1/certifications")
                .then().statusCode(200).body("method", equalTo("POST")).body("body", equalTo("{\"code\":\"BTS-SAM\"}"));
    }

    @Test
    void publishedReferentialAndCaseAreReadableWithoutToken() {
        given().when().get("/api/referential/v1/certifications/RNCP38363/current")
                .then().statusCode(200).body("headers.authorization", nullValue());
        given().when().get("/api/referential/v1/items/6f1c7a52-2b8e-5d0a-9c61-3f0e4b7d8a10")
                .then().statusCode(200);
        given().when().get("/api/referential/v1/search?q=gestion")
                .then().statusCode(200).body("uri", equalTo("/api/referential/v1/search?q=gestion"));
        given().when().get("/ims/case/v1p1/CFDocuments")
                .then().statusCode(200).body("uri", equalTo("/ims/case/v1p1/CFDocuments"));
        given().when().head("/api/referential/v1/certifications").then().statusCode(200);
    }

    @Test
    void unknownPathIsA404Problem() {
        given().when().get("/api/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:not-found"));
    }

    @Test
    void securityHeadersAreOnEveryAnswer() {
        for (String path : new String[] {"/api/referential/v1/certifications", "/api/dossiers/v1/dossiers", "/q/health/live", "/api/nothing-here"}) {
            given().when().get(path)
                    .then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void corsPreflightFromAnAllowedOriginIsGranted() {
        given().header("Origin", "https://moodle.example.fr")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization, If-None-Match")
                .when().options("/api/referential/v1/certifications")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://moodle.example.fr")
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600")
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void corsPreflightFromAnotherOriginIsA403Problem() {
        long before = referentialCount();
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/referential/v1/certifications")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:cors-origin-not-allowed"))
                .header("Access-Control-Allow-Origin", nullValue());
        assertEquals(before, referentialCount());
    }

    @Test
    void corsPreflightAskingForAnUnlistedHeaderIsRefused() {
        given().header("Origin", "https://moodle.example.fr")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-Admin-Override")
                .when().options("/api/referential/v1/certifications")
                .then().statusCode(403)
                .body("type", equalTo("urn:bts:problem:cors-header-not-allowed"));
    }

    @Test
    void corsAnswerCarriesTheGrantOnlyForAnAllowedOrigin() {
        given().header("Origin", "https://moodle.example.fr")
                .when().get("/api/referential/v1/certifications")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://moodle.example.fr")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        given().header("Origin", "https://evil.example")
                .when().get("/api/referential/v1/certifications")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
