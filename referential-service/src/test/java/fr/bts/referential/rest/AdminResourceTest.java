package fr.bts.referential.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The version life cycle for referential-admin, on a certification the test creates (BTS-MINI), so that the
 * seeded GPME and SAM stay as the read tests expect: create, draft invisible to the public, edit with
 * If-Match, validate (every violation listed), publish (immutable: 409), next draft, RNCP import, diff,
 * deprecate. Every write is refused to anonymous callers (401) and to other roles (403).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminResourceTest {

    static final String BASE = "/api/referential/v1/certifications";
    static final String MINI = BASE + "/BTS-MINI";
    static final String IDENTITY = """
            {"code":"BTS-MINI","rncp":"RNCP99999","intitule":"BTS - Mini PME (fixture)","type":"BTS","niveau":"5",
             "nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],"certificateurs":[],
             "datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
             "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}""";

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin", null, "referential-admin"));
    }

    static RequestSpecification rectorat() {
        return given().auth().oauth2(TestTokens.token("rectorat-versailles", "versailles", "rectorat"));
    }

    @Test
    @Order(1)
    void writesNeedTheReferentialAdminRole() {
        given().contentType("application/json").body(IDENTITY).when().post(BASE)
                .then().statusCode(401).contentType("application/problem+json");
        rectorat().contentType("application/json").body(IDENTITY).when().post(BASE)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired("admin", null, "referential-admin"))
                .contentType("application/json").body(IDENTITY).when().post(BASE).then().statusCode(401);
        given().auth().oauth2(TestTokens.token("platform", null, "platform-reader"))
                .when().post(BASE + "/BTS-GPME/versions").then().statusCode(403);
        rectorat().when().post(BASE + "/BTS-GPME/versions/1/publication").then().statusCode(403);
        given().when().post(BASE + "/BTS-GPME/versions/1/deprecation").then().statusCode(401);
    }

    @Test
    @Order(2)
    void createdCertificationStartsWithADraftOnlyAdminsSee() {
        admin().contentType("application/json").body("{\"code\":\"bad code\"}").when().post(BASE)
                .then().statusCode(422).body("violations[0].field", equalTo("code"));
        admin().contentType("application/json").body("{\"code\":").when().post(BASE)
                .then().statusCode(400).contentType("application/problem+json");
        admin().contentType("application/json").body(IDENTITY).when().post(BASE)
                .then().statusCode(201).header("Location", containsString("/certifications/BTS-MINI"))
                .body("versions[0].status", equalTo("DRAFT"));
        admin().contentType("application/json").body(IDENTITY).when().post(BASE).then().statusCode(409);

        given().when().get(MINI).then().statusCode(404);
        given().when().get(MINI + "/versions/1").then().statusCode(404).contentType("application/problem+json");
        rectorat().when().get(MINI + "/versions/1").then().statusCode(404);
        given().when().get(BASE).then().body("items.code", not(hasItem("BTS-MINI")));
        admin().when().get(MINI + "/versions/1").then().statusCode(200)
                .header("Cache-Control", "private, no-cache").body("version.status", equalTo("DRAFT"));
    }

    @Test
    @Order(3)
    void draftIsReplacedAndEditedOnlyWithTheCurrentEtag() throws IOException {
        String fixture = resource("fixtures/mini-gpme.json");
        admin().contentType("application/json").body(fixture).when().put(MINI + "/versions/1")
                .then().statusCode(428).contentType("application/problem+json");
        admin().header("If-Match", "\"stale\"").contentType("application/json").body(fixture).when().put(MINI + "/versions/1")
                .then().statusCode(412);
        String etag = etag(MINI + "/versions/1");
        admin().header("If-Match", etag).contentType("application/json")
                .body(fixture.replace("\"libelle\": \"Fixture\"", "\"libelle\": \"Fixture\", \"colour\": \"blue\""))
                .when().put(MINI + "/versions/1")
                .then().statusCode(422).body("violations[0].field", equalTo("version.colour"));
        assertEquals(etag, etag(MINI + "/versions/1"), "a rejected write changes nothing");
        Response replaced = admin().header("If-Match", etag).contentType("application/json").body(fixture)
                .when().put(MINI + "/versions/1");
        replaced.then().statusCode(200).body("status", equalTo("DRAFT"));
        String newEtag = replaced.header("ETag");
        assertNotEquals(etag, newEtag);
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"coefficent\": 3}")
                .when().patch(MINI + "/versions/1/items/E51")
                .then().statusCode(422).body("violations[0].field", equalTo("coefficent"));
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"code\": \"E99\"}")
                .when().patch(MINI + "/versions/1/items/E51").then().statusCode(422);
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"coefficient\": \"six\"}")
                .when().patch(MINI + "/versions/1/items/E51").then().statusCode(422);
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"coefficient\": 2}")
                .when().patch(MINI + "/versions/1/items/" + ElementIds.of("BTS-MINI", ElementKind.EPREUVE, "E51"))
                .then().statusCode(200);
        admin().when().get(MINI + "/versions/1/items/E51").then().statusCode(200).body("element.coefficient", equalTo(2));
    }

    @Test
    @Order(4)
    void validationListsEveryViolation() {
        String etag = etag(MINI + "/versions/1");
        etag = patch("/versions/1/items/U4", etag, "{\"bloc\": \"RNCP99999BC09\"}");
        etag = patch("/versions/1/items/E4", etag, "{\"coefficient\": 0}");
        admin().when().post(MINI + "/versions/1/publication").then().statusCode(409)
                .body("type", equalTo("urn:bts:problem:version-state"));
        admin().when().post(MINI + "/versions/1/validation").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations", hasSize(2))
                .body("violations.field", hasItems("unites[0].bloc", "epreuves[0].coefficient"));
        etag = patch("/versions/1/items/U4", etag, "{\"bloc\": \"RNCP99999BC01\"}");
        patch("/versions/1/items/E4", etag, "{\"coefficient\": 6}");
        admin().when().post(MINI + "/versions/1/validation").then().statusCode(200).body("status", equalTo("VALIDATED"));
    }

    @Test
    @Order(5)
    void publishedVersionIsPublicAndImmutable() {
        admin().when().post(MINI + "/versions/1/publication").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().when().get(MINI + "/versions/1").then().statusCode(200)
                .header("Cache-Control", "public, max-age=600")
                .body("version.status", equalTo("PUBLISHED"))
                .body("epreuves.find { it.code == 'E51' }.coefficient", equalTo(2));
        given().when().get(MINI + "/current").then().statusCode(200).body("version.number", equalTo(1));
        String etag = etag(MINI + "/versions/1");
        admin().header("If-Match", etag).contentType("application/json").body("{\"coefficient\": 3}")
                .when().patch(MINI + "/versions/1/items/E51")
                .then().statusCode(409).body("type", equalTo("urn:bts:problem:version-immutable"));
        admin().when().post(MINI + "/versions/1/publication").then().statusCode(409);
        given().queryParam("q", "reclamations").queryParam("certification", "BTS-MINI").when().get("/api/referential/v1/search")
                .then().statusCode(200).body("items.code", hasItems("T.1.3.2", "RNCP99999BC01-C3"));
    }

    @Test
    @Order(6)
    void nextDraftImportsAnRncpFicheAndNothingChangesOnBadInput() throws Exception {
        admin().queryParam("libelle", "Version 2").when().post(MINI + "/versions")
                .then().statusCode(201).header("Location", containsString("/versions/2")).body("status", equalTo("DRAFT"));
        admin().when().post(MINI + "/versions").then().statusCode(409);
        given().when().get(MINI + "/versions/2").then().statusCode(404);
        String etag = etag(MINI + "/versions/2");
        String xml = resource("fixtures/rncp-mini.xml");

        importXml(etag, "<FICHES><FICHE><NUMERO_FICHE>RNCP99999</FICHE>").then().statusCode(400)
                .body("type", equalTo("urn:bts:problem:malformed-body"));
        importXml(etag, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<FICHES><FICHE><INTITULE>&x;</INTITULE></FICHE></FICHES>").then().statusCode(400);
        importXml(etag, xml.replace("<CODE>RNCP99999BC01</CODE>", "<CODE>RNCP99999BC07</CODE>")
                .replace("11/12/2023", "2023-12-11")).then().statusCode(422)
                .body("violations.field", hasItems("FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES[0]/CODE", "FICHE/DATE_DECISION"));
        importXml(etag, xml.replace("<NUMERO_FICHE>RNCP99999", "<NUMERO_FICHE>RNCP38363")).then().statusCode(422);
        importXml(etag, xml.replace("<ACTIVITES_VISEES>", "<ACTIVITES_VISEES>" + "x".repeat(25_000))).then().statusCode(413);
        assertEquals(etag, etag(MINI + "/versions/2"), "nothing changed");
        assertEquals(0, rawHtmlRows());

        Response imported = importXml(etag, xml);
        imported.then().statusCode(200).body("status", equalTo("DRAFT"));
        admin().when().get(MINI + "/versions/2").then().statusCode(200)
                .body("certification.intitule", equalTo("BTS - Mini PME (fiche importée)"))
                .body("certification.rome[0].code", equalTo("M1604"))
                .body("certification.datePublication", equalTo("2023-12-11"))
                .body("certification.certificationsAnterieures[0].code", equalTo("RNCP32360"))
                .body("blocs[0].intitule", equalTo("Gérer la relation avec les clients et les fournisseurs de la PME (RNCP)"));
        assertEquals(3, rawHtmlRows());
    }

    @Test
    @Order(7)
    void diffShowsChangesFieldByFieldAndTheOldVersionCanBeDeprecated() {
        String etag = etag(MINI + "/versions/2");
        patch("/versions/2/items/E51", etag, "{\"coefficient\": 4}");
        admin().when().post(MINI + "/versions/2/validation").then().statusCode(200);
        admin().when().post(MINI + "/versions/2/publication").then().statusCode(200);
        given().when().get(MINI + "/current").then().statusCode(200).body("version.number", equalTo(2));
        given().when().get(MINI + "/versions/1/diff/2").then().statusCode(200)
                .body("added", hasSize(0)).body("removed", hasSize(0))
                .body("changed.find { it.code == 'E51' }.changes", equalTo(List.of(
                        java.util.Map.of("field", "coefficient", "from", 2, "to", 4))))
                .body("changed.find { it.code == 'RNCP99999BC01' }.changes.field", equalTo(List.of("intitule")))
                .body("changed.find { it.kind == 'certification' }.changes.field", hasItems("intitule", "nsf", "formacodes"));
        admin().when().post(MINI + "/versions/1/deprecation").then().statusCode(200).body("status", equalTo("DEPRECATED"));
        admin().when().post(MINI + "/versions/1/deprecation").then().statusCode(409);
        // deprecated: final, so immutable (a published version was not: its document changes at deprecation)
        given().when().get(MINI + "/versions/1").then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Deprecation", "true").body("version.status", equalTo("DEPRECATED"));
        given().when().get(MINI).then().statusCode(200).body("versions.status", equalTo(List.of("DEPRECATED", "PUBLISHED")))
                .body("currentVersion", equalTo(2));
    }

    /**
     * Public answers are remembered between reads (PublicReads): read them first, so that this fails if a
     * deprecation left any of them, or the version document and its ETag, as they were.
     */
    @Test
    @Order(8)
    void deprecatingTheCurrentVersionShowsAtOnceInSummariesItemsAndCase() {
        String e51 = ElementIds.of("BTS-MINI", ElementKind.EPREUVE, "E51").toString();
        String document = ElementIds.of("BTS-MINI", ElementKind.CERTIFICATION, "BTS-MINI").toString();
        String etag = given().when().get(MINI + "/versions/2").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).when().get(MINI + "/versions/2").then().statusCode(304);
        given().when().get(MINI).then().statusCode(200).body("currentVersion", equalTo(2));
        given().when().get("/api/referential/v1/items/" + e51).then().statusCode(200)
                .body("version", equalTo(2)).body("versionStatus", equalTo("PUBLISHED"));
        given().queryParam("q", "mini").when().get(BASE).then().statusCode(200)
                .body("items.find { it.code == 'BTS-MINI' }.currentVersion", equalTo(2));
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", hasItem(document));

        admin().when().post(MINI + "/versions/2/deprecation").then().statusCode(200).body("status", equalTo("DEPRECATED"));

        given().when().get(MINI).then().statusCode(200)
                .body("currentVersion", equalTo(null))
                .body("versions.status", equalTo(List.of("DEPRECATED", "DEPRECATED")));
        given().when().get("/api/referential/v1/items/" + e51).then().statusCode(200)
                .body("version", equalTo(2)).body("versionStatus", equalTo("DEPRECATED"))
                .body("element.coefficient", equalTo(4));
        given().queryParam("q", "mini").when().get(BASE).then().statusCode(200)
                .body("items.find { it.code == 'BTS-MINI' }.currentVersion", equalTo(null));
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", not(hasItem(document)));
        String deprecatedEtag = given().header("If-None-Match", etag).when().get(MINI + "/versions/2").then()
                .statusCode(200).header("Deprecation", "true").body("version.status", equalTo("DEPRECATED"))
                .body("epreuves.find { it.code == 'E51' }.coefficient", equalTo(4))
                .extract().header("ETag");
        assertNotEquals(etag, deprecatedEtag);
        given().header("If-None-Match", deprecatedEtag).when().get(MINI + "/versions/2").then().statusCode(304);
    }

    private static Response importXml(String etag, String xml) {
        return admin().header("If-Match", etag).contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8))
                .when().post(MINI + "/versions/2/rncp-import");
    }

    private static String patch(String path, String etag, String body) {
        Response r = admin().header("If-Match", etag).contentType("application/json").body(body).when().patch(MINI + path);
        r.then().statusCode(200);
        return r.header("ETag");
    }

    private static String etag(String path) {
        return admin().when().get(path).then().statusCode(200).extract().header("ETag");
    }

    private static int rawHtmlRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from rncp_import_field f join referential_version v on v.id = f.version_id "
                             + "join certification c on c.id = v.certification_id where c.code = 'BTS-MINI' "
                             + "and f.sha256 = encode(sha256(convert_to(f.raw_html, 'UTF8')), 'hex')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdminResourceTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
