package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import fr.bts.devstack.TestTokens;
import fr.bts.evaluation.credential.OpenBadges;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jwa.AlgorithmConstraints;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed credentials of a sealed SAM session of rennes (issue 17), checked by an independent verifier: jose4j, not
 * the Nimbus signer, verifies the VC-JWTs against the published JWKS and reads the Bitstring Status List itself. The
 * candidate's diploma and bloc credentials verify; after a revision that changes a mark, the credentials it changes
 * report revoked (in the status list and at the verify endpoint) and those it leaves alone stay valid; tampered,
 * foreign-key and expired credentials fail with their reason; the attestation PDF renders and its QR code, decoded
 * from the rasterised page, leads to the verification. Each test is independent: the tests that only read share one
 * published session ({@link #published()}, created by the first of them to run); a test that publishes or
 * revises takes its own session of another year.
 */
@QuarkusTest
class CredentialResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String CREDENTIALS = "/api/evaluations/v1/credentials";
    static final String RECTORAT = TestTokens.token("rectorat-rennes", "rennes", "rectorat");
    static final String RECTORAT_LYON = TestTokens.token("rectorat-lyon", "lyon", "rectorat");
    static final String PRESIDENT = TestTokens.token("pres-rennes", "rennes", "jury-president");
    static final String MEMBER = TestTokens.token("ec-r1", "rennes", "jury-member");
    static final String HOLDER = TestTokens.token("candidat-r1", "rennes", "candidate");
    static final String OTHER_CANDIDATE = TestTokens.token("candidat-r2", "rennes", "candidate");
    static final String CANDIDATE = "REN-2033-00001";
    static final List<String> EPREUVES = List.of("E1", "E21", "E22", "E3", "E4", "E5", "E6");
    static final ObjectMapper JSON = new ObjectMapper();

    /** The year of the shared session (no other test of rennes uses it, nor any test a snapshot of that year). */
    static final int SHARED_YEAR = 2038;

    /** The published session of {@link #SHARED_YEAR} shared by the tests that only read it, and its candidate's credentials. */
    private static Issued published;

    record Issued(String session, JsonNode credentials) {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The shared session, sealed and published through the API by the first test that asks for it. */
    static synchronized Issued published() throws Exception {
        if (published == null) {
            published = publishedSession(SHARED_YEAR);
        }
        return published;
    }

    /** A new session of {@code year}, sealed, published, and its candidate's credentials as the candidate reads them. */
    static Issued publishedSession(int year) throws Exception {
        String session = SamSession.sealed(JSON, RECTORAT, PRESIDENT, MEMBER, CANDIDATE, EPREUVES, year);
        SamSession.publish(RECTORAT, session);
        return new Issued(session, JSON.readTree(as(HOLDER).get(CREDENTIALS + "/sessions/" + session + "/candidates/" + CANDIDATE)
                .then().statusCode(200).extract().asString()));
    }

    @Test
    void candidatesGetTheirCredentialsOnlyOncePublishedAndOnlyTheirOwn() throws Exception {
        String session = SamSession.sealed(JSON, RECTORAT, PRESIDENT, MEMBER, CANDIDATE, EPREUVES, 2039);
        String mine = CREDENTIALS + "/sessions/" + session + "/candidates/" + CANDIDATE;
        as(HOLDER).get(mine).then().statusCode(404);
        SamSession.publish(RECTORAT, session);
        as(OTHER_CANDIDATE).get(mine).then().statusCode(404).contentType("application/problem+json");
        as(RECTORAT_LYON).get(mine).then().statusCode(404);
        as(RECTORAT_LYON).get(CREDENTIALS + "/sessions/" + session).then().statusCode(404);
        as(MEMBER).get(mine).then().statusCode(403);
        as(PRESIDENT).get(CREDENTIALS + "/sessions/" + session).then().statusCode(403);
        JsonNode issued = JSON.readTree(as(HOLDER).get(mine).then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .extract().asString());
        assertEquals(CANDIDATE, issued.path("candidate").asText());
        List<String> achievements = issued.path("credentials").findValuesAsText("achievement");
        assertEquals(List.of("BTS-SAM", "SAM-BC01", "SAM-BC02", "SAM-BC03", "SAM-BC04", "SAM-BC05", "SAM-BC06"), achievements);
        // reading again answers the same signed documents
        JsonNode again = JSON.readTree(as(RECTORAT).get(CREDENTIALS + "/sessions/" + session).then().statusCode(200)
                .body("total", is(1)).extract().asString());
        assertEquals(issued.path("credentials"), again.path("items").get(0).path("credentials"));
    }

    @Test
    void theDiplomaAndBlocCredentialsVerifyWithAnIndependentVerifier() throws Exception {
        JsonNode issued = published().credentials();
        JwtConsumer verifier = independentVerifier();
        for (JsonNode c : issued.path("credentials")) {
            JwtClaims claims = verifier.processToClaims(c.path("credential").asText());
            Map<String, Object> vc = claims.getClaimValue("vc", Map.class);
            assertEquals(List.of("VerifiableCredential", "OpenBadgeCredential"), vc.get("type"));
            assertEquals(OpenBadges.CONTEXT, vc.get("@context"));
            assertEquals(c.path("id").asText(), claims.getJwtId());
            assertEquals(claims.getIssuer(), ((Map<?, ?>) vc.get("issuer")).get("id"));
            assertFalse(revokedInStatusList(vc), "in force: its bit is clear");
        }
        JwtClaims bloc = verifier.processToClaims(credential(issued, "SAM-BC02").path("credential").asText());
        Map<?, ?> achievement = (Map<?, ?>) ((Map<?, ?>) bloc.getClaimValue("vc", Map.class).get("credentialSubject")).get("achievement");
        assertEquals("SAM-BC02 — Gestion de projet", achievement.get("name"));
        List<?> alignment = (List<?>) achievement.get("alignment");
        assertEquals(2, alignment.size());
        Map<?, ?> first = (Map<?, ?>) alignment.get(0);
        assertEquals("CFItem", first.get("targetType"));
        assertTrue(first.get("targetUrl").toString().endsWith("/ims/case/v1p1/CFItems/" + SamSession.competencyId("SAM-BC02-C1")),
                "aligned to the competency's CASE item: " + first.get("targetUrl"));
        for (JsonNode c : issued.path("credentials")) {
            verify(c.path("credential").asText()).body("valid", is(true)).body("reason", org.hamcrest.Matchers.nullValue())
                    .body("credentialId", is(c.path("id").asText()));
        }
    }

    @Test
    void tamperedForeignKeyAndExpiredCredentialsFailWithTheirReason() throws Exception {
        JsonNode issued = published().credentials();
        String genuine = credential(issued, "SAM-BC01").path("credential").asText();
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("SAM-BC01 — ", "SAM-BC01 (mention très bien) — ");
        assertFalse(forged.equals(payload));
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(InvalidJwtException.class, () -> independentVerifier().processToClaims(tampered));
        verify(tampered).body("valid", is(false)).body("reason", is("tampered"));

        JwtClaims claims = independentVerifier().processToClaims(genuine);
        EllipticCurveJsonWebKey foreign = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        foreign.setKeyId("foreign-key");
        verify(sign(claims, foreign)).body("valid", is(false)).body("reason", is("unknown-key"));
        foreign.setKeyId(ourKey().getKeyId());
        String impostor = sign(claims, foreign);
        assertThrows(InvalidJwtException.class, () -> independentVerifier().processToClaims(impostor));
        verify(impostor).body("valid", is(false)).body("reason", is("tampered"));

        // the key of another académie's issuer, published by the suite too, does not sign rennes' credentials
        String otherAcademie = sign(claims, academieKey("dijon"));
        verify(otherAcademie).body("valid", is(false)).body("reason", is("wrong-issuer-key"))
                .body("message", org.hamcrest.Matchers.containsString("dijon"));

        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        verify(sign(claims, ourKey())).body("valid", is(false)).body("reason", is("expired"));
        verify("not a credential").body("valid", is(false)).body("reason", is("malformed"));
        given().contentType(ContentType.JSON).body(Map.of()).post(CREDENTIALS + "/verifications").then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void theAttestationPdfRendersAndItsQrCodeLeadsToTheVerification() throws Exception {
        JsonNode issued = published().credentials();
        String session = published().session();
        JsonNode bloc = credential(issued, "SAM-BC02");
        byte[] pdf = as(HOLDER).accept("application/pdf")
                .get(CREDENTIALS + "/sessions/" + session + "/candidates/" + CANDIDATE + "/blocs/SAM-BC02/attestation")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            for (String expected : List.of("SAM-BC02", "Gestion de projet", "SAM-BC02-C1", "Conduire un projet administratif", "U5",
                    "12", "Session " + SHARED_YEAR, "rennes", "BTS Support à l'action managériale", bloc.path("shortCode").asText())) {
                assertTrue(text.contains(expected), "the attestation names " + expected + ":\n" + text);
            }
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
            String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            assertEquals(bloc.path("verifyUrl").asText(), decoded);
            given().get(decoded).then().statusCode(200).body("valid", is(true)).body("achievement", is("SAM-BC02 — Gestion de projet"));
        }
        as(HOLDER).accept("application/pdf").get(CREDENTIALS + "/sessions/" + session + "/candidates/" + CANDIDATE + "/blocs/SAM-BC09/attestation")
                .then().statusCode(404);
        given().get(CREDENTIALS + "/codes/ZZZZZZZZZZ").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRevisionThatChangesAResultRevokesTheCredentialsItChanges() throws Exception {
        Issued revised = publishedSession(2040);
        String session = revised.session();
        JsonNode issued = revised.credentials();
        String oldBloc = credential(issued, "SAM-BC02").path("credential").asText();
        String oldDiploma = credential(issued, "BTS-SAM").path("credential").asText();
        String untouched = credential(issued, "SAM-BC01").path("credential").asText();
        as(PRESIDENT).body(Map.of("reason", "erreur de report E5", "corrections", List.of(Map.of("candidate", CANDIDATE, "epreuve", "E5",
                "grade", Map.of("statut", "NOTE", "note", 8)))))
                .post(SESSIONS + "/" + session + "/deliberations/revisions").then().statusCode(201).body("revision", is(2));

        JwtConsumer verifier = independentVerifier();
        assertTrue(revokedInStatusList(verifier.processToClaims(oldBloc).getClaimValue("vc", Map.class)), "U5 no longer validates SAM-BC02");
        assertTrue(revokedInStatusList(verifier.processToClaims(oldDiploma).getClaimValue("vc", Map.class)), "the average changed");
        assertFalse(revokedInStatusList(verifier.processToClaims(untouched).getClaimValue("vc", Map.class)), "SAM-BC01 did not change");
        verify(oldBloc).body("valid", is(false)).body("reason", is("revoked")).body("revokedByRevision", is(2));
        verify(oldDiploma).body("valid", is(false)).body("reason", is("revoked"));
        verify(untouched).body("valid", is(true));

        JsonNode now = JSON.readTree(as(HOLDER).get(CREDENTIALS + "/sessions/" + session + "/candidates/" + CANDIDATE)
                .then().statusCode(200).extract().asString());
        List<String> achievements = now.path("credentials").findValuesAsText("achievement");
        assertEquals(List.of("BTS-SAM", "SAM-BC01", "SAM-BC03", "SAM-BC04", "SAM-BC05", "SAM-BC06"), achievements);
        JsonNode diploma = now.path("credentials").get(0);
        assertEquals(2, diploma.path("revision").asInt());
        verify(diploma.path("credential").asText()).body("valid", is(true));
        assertEquals(credential(issued, "SAM-BC01").path("credential"), now.path("credentials").get(1).path("credential"), "kept as signed");
    }

    @Test
    void thePublicDocumentsNeedNoToken() throws Exception {
        published(); // rennes has issued credentials: its issuer and status list 0 exist
        given().get(CREDENTIALS + "/jwks").then().statusCode(200).body("keys[0].kty", is("EC")).body("keys[0].crv", is("P-256"))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue());
        given().get(CREDENTIALS + "/issuers/rennes").then().statusCode(200).body("type[0]", is("Profile"));
        given().get(CREDENTIALS + "/status-lists/rennes/7").then().statusCode(404).contentType("application/problem+json");
        given().get(CREDENTIALS + "/status-lists/nowhere/0").then().statusCode(404);
    }

    // ---- the independent verifier (jose4j) ----

    static JwtConsumer independentVerifier() throws Exception {
        JsonWebKeySet keys = new JsonWebKeySet(given().get(CREDENTIALS + "/jwks").then().statusCode(200).extract().asString());
        return new JwtConsumerBuilder().setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setRequireJwtId().setRequireNotBefore().setSkipDefaultAudienceValidation().build();
    }

    /** Fetches the credential's status list, verifies it with jose4j, inflates its bitstring and reads the credential's bit. */
    static boolean revokedInStatusList(Map<?, ?> vc) throws Exception {
        Map<?, ?> status = (Map<?, ?>) vc.get("credentialStatus");
        assertEquals("BitstringStatusListEntry", status.get("type"));
        assertEquals("revocation", status.get("statusPurpose"));
        String listJwt = given().get(status.get("statusListCredential").toString()).then().statusCode(200)
                .contentType("application/vc+jwt").extract().asString();
        Map<?, ?> list = independentVerifier().processToClaims(listJwt).getClaimValue("vc", Map.class);
        assertEquals(List.of("VerifiableCredential", "BitstringStatusListCredential"), list.get("type"));
        Map<?, ?> subject = (Map<?, ?>) list.get("credentialSubject");
        assertEquals("BitstringStatusList", subject.get("type"));
        String encoded = subject.get("encodedList").toString();
        assertTrue(encoded.startsWith("u"), "multibase base64url");
        byte[] bits = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded.substring(1)))).readAllBytes();
        assertTrue(bits.length * 8 >= 131072, "at least 131,072 bits");
        int index = Integer.parseInt(status.get("statusListIndex").toString());
        return (bits[index / 8] >> (7 - index % 8) & 1) == 1;
    }

    static io.restassured.response.ValidatableResponse verify(String presented) {
        return given().contentType(ContentType.JSON).body(Map.of("credential", presented)).post(CREDENTIALS + "/verifications")
                .then().statusCode(200);
    }

    static JsonNode credential(JsonNode issued, String achievement) {
        for (JsonNode c : issued.path("credentials")) {
            if (c.path("achievement").asText().equals(achievement)) {
                return c;
            }
        }
        throw new AssertionError("no credential " + achievement);
    }

    /** The test issuer key of rennes (generated under target/ by the service at its first credential). */
    static JsonWebKey ourKey() throws Exception {
        return JsonWebKey.Factory.newJwk(Files.readString(Path.of("target/credentials/keys/rennes.jwk")));
    }

    /** The key of {@code academie}'s issuer in the service's key directory, written there when missing. */
    static JsonWebKey academieKey(String academie) throws Exception {
        Path file = Path.of("target/credentials/keys/" + academie + ".jwk");
        if (!Files.exists(file)) {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("test-" + academie);
            Files.writeString(file, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        }
        return JsonWebKey.Factory.newJwk(Files.readString(file));
    }

    static String sign(JwtClaims claims, JsonWebKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setKey(((EllipticCurveJsonWebKey) key).getPrivateKey());
        return jws.getCompactSerialization();
    }
}
