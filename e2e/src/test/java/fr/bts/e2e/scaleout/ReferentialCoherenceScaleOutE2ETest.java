package fr.bts.e2e.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The referential's read caches behave as one across instances (issue 14): a publication, a new version and a
 * deprecation written through instance A are served by instance B at the very next request — B having read (and
 * remembered) every answer just before each write — and the same representation has the same strong ETag on both,
 * in each content coding. A published version is never answered {@code immutable} (its document changes at
 * deprecation); a deprecated one is.
 */
class ReferentialCoherenceScaleOutE2ETest {

    private static final String KEYCLOAK = System.getProperty("e2e.keycloak.url", "http://localhost:8180");
    private static final String CERTIFICATIONS = "/api/referential/v1/certifications/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> instances = Instances.referential();
    private final String code = "COH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    private String admin;

    @Test
    void writesThroughOneInstanceAreServedByTheOtherAtOnceWithTheSameEtags() throws Exception {
        assertTrue(instances.size() >= 2, "the scale-out run gives two referential instances: " + instances);
        String a = instances.get(0);
        String b = instances.get(1);
        admin = adminToken();

        // a certification of its own: a copy of SAM's published document under another code, version 1 a draft
        ObjectNode sam = (ObjectNode) json(anonymous(a).get(CERTIFICATIONS + "BTS-SAM/versions/1").then().statusCode(200)
                .extract().response());
        ObjectNode identity = ((ObjectNode) sam.path("certification")).deepCopy();
        identity.remove("id");
        identity.put("code", code);
        identity.putNull("rncp");
        identity.put("intitule", "BTS - Support à l'action managériale (cohérence " + code + ")");
        asAdmin(a).contentType("application/json").body(identity.toString()).post(CERTIFICATIONS).then().statusCode(201);
        ObjectNode copy = sam.deepCopy();
        copy.set("certification", identity);
        asAdmin(a).header("If-Match", adminEtag(a, 1)).contentType("application/json").body(copy.toString())
                .put(CERTIFICATIONS + code + "/versions/1").then().statusCode(200);
        asAdmin(a).post(CERTIFICATIONS + code + "/versions/1/validation").then().statusCode(200);

        // B remembers the world before the publication
        anonymous(b).get(CERTIFICATIONS + code + "/current").then().statusCode(404);
        anonymous(b).get(CERTIFICATIONS + code).then().statusCode(404);
        String list = CERTIFICATIONS + "?q=" + code.toLowerCase(Locale.ROOT);
        assertEquals(0, json(anonymous(b).get(list).then().statusCode(200).extract().response()).path("totalItems").asInt());

        asAdmin(a).post(CERTIFICATIONS + code + "/versions/1/publication").then().statusCode(200);
        // the very next requests on B
        assertEquals(1, json(anonymous(b).get(list).then().statusCode(200).extract().response())
                .path("items").path(0).path("currentVersion").asInt(), "the list on B shows the publication made on A");
        anonymous(b).get(CERTIFICATIONS + code + "/current").then().statusCode(200);
        Response published = anonymous(b).get(CERTIFICATIONS + code + "/versions/1").then().statusCode(200).extract().response();
        assertEquals("PUBLISHED", json(published).path("version").path("status").asText());
        assertFalse(published.header("Cache-Control").contains("immutable"),
                "a published version changes at deprecation: never immutable, " + published.header("Cache-Control"));
        String item = "/api/referential/v1/items/" + json(published).path("blocs").path(0).path("id").asText();
        assertEquals(1, json(anonymous(b).get(item).then().statusCode(200).extract().response()).path("version").asInt());
        sameEtags(a, b, List.of(CERTIFICATIONS + code + "/versions/1", CERTIFICATIONS + code + "/current", list,
                CERTIFICATIONS + code, item, CERTIFICATIONS + code + "/versions/1/exports/moodle.csv"));

        // a new version: a draft (admins only) then its publication, both through A
        asAdmin(a).post(CERTIFICATIONS + code + "/versions").then().statusCode(201);
        assertEquals("DRAFT", json(asAdmin(b).get(CERTIFICATIONS + code).then().statusCode(200).extract().response())
                .path("versions").path(1).path("status").asText(), "B's admin view shows the draft opened on A");
        anonymous(b).get(CERTIFICATIONS + code + "/versions/2").then().statusCode(404);
        asAdmin(a).post(CERTIFICATIONS + code + "/versions/2/validation").then().statusCode(200);
        warm(b, code, list, item);
        asAdmin(a).post(CERTIFICATIONS + code + "/versions/2/publication").then().statusCode(200);
        assertEquals(2, json(anonymous(b).get(CERTIFICATIONS + code + "/current").then().statusCode(200).extract().response())
                .path("version").path("number").asInt(), "current on B is the version published on A");
        assertEquals(2, json(anonymous(b).get(list).then().statusCode(200).extract().response())
                .path("items").path(0).path("currentVersion").asInt());
        assertEquals(2, json(anonymous(b).get(CERTIFICATIONS + code).then().statusCode(200).extract().response())
                .path("currentVersion").asInt());
        assertEquals(2, json(anonymous(b).get(item).then().statusCode(200).extract().response()).path("version").asInt());

        // deprecation of version 1 through A: B serves it deprecated, and only now immutable
        warm(b, code, list, item);
        asAdmin(a).post(CERTIFICATIONS + code + "/versions/1/deprecation").then().statusCode(200);
        Response deprecated = anonymous(b).get(CERTIFICATIONS + code + "/versions/1").then().statusCode(200).extract().response();
        assertEquals("DEPRECATED", json(deprecated).path("version").path("status").asText());
        assertEquals("true", deprecated.header("Deprecation"));
        assertEquals("public, max-age=31536000, immutable", deprecated.header("Cache-Control"));
        assertEquals("DEPRECATED", json(anonymous(b).get(CERTIFICATIONS + code).then().statusCode(200).extract().response())
                .path("versions").path(0).path("status").asText());
        sameEtags(a, b, List.of(CERTIFICATIONS + code + "/versions/1", CERTIFICATIONS + code + "/versions/2",
                CERTIFICATIONS + code + "/current", list, CERTIFICATIONS + code, item));
        System.out.println("referential coherence on " + instances + ": " + code
                + " published, versioned and deprecated through A, served at once by B; ETags identical");
    }

    /** Reads through B every answer its memory keeps, so that a stale one would be served after the next write. */
    private static void warm(String b, String code, String list, String item) {
        for (String path : List.of(CERTIFICATIONS + code + "/current", CERTIFICATIONS + code + "/versions/1", list,
                CERTIFICATIONS + code, item)) {
            anonymous(b).get(path).then().statusCode(200);
            anonymous(b).get(path).then().statusCode(200);
        }
    }

    /** The same representation, the same strong ETag (and bytes) on both instances, in each coding. */
    private static void sameEtags(String a, String b, List<String> paths) {
        for (String path : paths) {
            for (String coding : List.of("identity", "gzip")) {
                Response onA = coded(anonymous(a), coding).get(path).then().statusCode(200).extract().response();
                Response onB = coded(anonymous(b), coding).get(path).then().statusCode(200).extract().response();
                assertEquals(coding.equals("gzip") ? "gzip" : null, onB.header("Content-Encoding"), path);
                String tag = onA.header("ETag");
                assertTrue(tag != null && !tag.isEmpty(), path + " has an ETag");
                assertEquals(tag, onB.header("ETag"), path + " (" + coding + "): the same ETag on A and B");
                assertEquals(onA.asString(), onB.asString(), path + " (" + coding + "): the same bytes on A and B");
                coded(anonymous(b), coding).header("If-None-Match", tag).get(path).then().statusCode(304);
            }
        }
    }

    /** A client asking for exactly this coding (RestAssured would add gzip and deflate to any request otherwise). */
    private static RequestSpecification coded(RequestSpecification request, String coding) {
        return request.config(RestAssured.config().decoderConfig(coding.equals("gzip")
                ? DecoderConfig.decoderConfig().contentDecoders(DecoderConfig.ContentDecoder.GZIP)
                : DecoderConfig.decoderConfig().noContentDecoders())).header("Accept-Encoding", coding);
    }

    private static RequestSpecification anonymous(String base) {
        return RestAssured.given().baseUri(base).urlEncodingEnabled(false);
    }

    private RequestSpecification asAdmin(String base) {
        return anonymous(base).auth().oauth2(admin);
    }

    private String adminEtag(String base, int version) {
        return asAdmin(base).get(CERTIFICATIONS + code + "/versions/" + version).then().statusCode(200).extract().header("ETag");
    }

    private static String adminToken() {
        return RestAssured.given().formParam("grant_type", "password").formParam("client_id", "jury-app")
                .formParam("username", "referentiel-admin").formParam("password", "demo")
                .post(KEYCLOAK + "/realms/bts-suite/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static JsonNode json(Response response) {
        try {
            return MAPPER.readTree(response.asByteArray());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }
}
