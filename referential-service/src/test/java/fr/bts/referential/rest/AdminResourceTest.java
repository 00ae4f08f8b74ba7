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
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
 * The version life cycle for referential-admin, each test on a certification of its own ({@link Mini}: BTS-MINI-n,
 * brought to the state the test starts from), so that the seeded GPME and SAM stay as the read tests expect and no
 * test depends on another having run: create, draft invisible to the public, edit with If-Match, validate (every
 * violation listed), publish (immutable: 409), next draft, RNCP import, diff, deprecate. Every write is refused to
 * anonymous callers (401) and to other roles (403).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class AdminResourceTest {

    static final String BASE = "/api/referential/v1/certifications";
    private static final AtomicInteger NEXT = new AtomicInteger();

    /**
     * A certification of one test: BTS-MINI-n / RNCP9990n in the identity, the fixture document and the RNCP fiche,
     * with the steps that bring it to where a test starts (each checked by its status only: the assertions on each
     * step are the tests').
     */
    record Mini(String code, String rncp, String path) {

        static Mini fresh() {
            int n = NEXT.incrementAndGet();
            String code = "BTS-MINI-" + n;
            return new Mini(code, "RNCP9990" + n, BASE + "/" + code);
        }

        String identity() {
            return own("""
                    {"code":"BTS-MINI","rncp":"RNCP99999","intitule":"BTS - Mini PME (fixture)","type":"BTS","niveau":"5",
                     "nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],"certificateurs":[],
                     "datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
                     "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}""");
        }

        /** The text with this certification's code and RNCP number in place of the fixtures' BTS-MINI / RNCP99999. */
        String own(String fixture) {
            return fixture.replace("BTS-MINI", code).replace("RNCP99999", rncp);
        }

        Mini created() {
            admin().contentType("application/json").body(identity()).when().post(BASE).then().statusCode(201);
            return this;
        }

        /** Created, its draft replaced by the fixture document and E51's coefficient set to 2. */
        Mini drafted() throws IOException {
            created();
            Response replaced = admin().header("If-Match", etag(path + "/versions/1")).contentType("application/json")
                    .body(own(resource("fixtures/mini-gpme.json"))).when().put(path + "/versions/1");
            replaced.then().statusCode(200);
            patch(this, "/versions/1/items/E51", replaced.header("ETag"), "{\"coefficient\": 2}");
            return this;
        }

        Mini validated() throws IOException {
            drafted();
            admin().when().post(path + "/versions/1/validation").then().statusCode(200);
            return this;
        }

        Mini published() throws IOException {
            validated();
            admin().when().post(path + "/versions/1/publication").then().statusCode(200);
            return this;
        }

        /** Published, with version 2 open and the RNCP fiche imported into it. */
        Mini imported() throws IOException {
            published();
            admin().queryParam("libelle", "Version 2").when().post(path + "/versions").then().statusCode(201);
            importXml(this, etag(path + "/versions/2"), own(resource("fixtures/rncp-mini.xml"))).then().statusCode(200);
            return this;
        }

        /** Imported, version 2 (E51 coefficient 4) published and version 1 deprecated. */
        Mini superseded() throws IOException {
            imported();
            patch(this, "/versions/2/items/E51", etag(path + "/versions/2"), "{\"coefficient\": 4}");
            admin().when().post(path + "/versions/2/validation").then().statusCode(200);
            admin().when().post(path + "/versions/2/publication").then().statusCode(200);
            admin().when().post(path + "/versions/1/deprecation").then().statusCode(200);
            return this;
        }
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin", null, "referential-admin"));
    }

    static RequestSpecification rectorat() {
        return given().auth().oauth2(TestTokens.token("rectorat-versailles", "versailles", "rectorat"));
    }

    @Test
    void writesNeedTheReferentialAdminRole() {
        Mini mini = Mini.fresh();
        given().contentType("application/json").body(mini.identity()).when().post(BASE)
                .then().statusCode(401).contentType("application/problem+json");
        rectorat().contentType("application/json").body(mini.identity()).when().post(BASE)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired("admin", null, "referential-admin"))
                .contentType("application/json").body(mini.identity()).when().post(BASE).then().statusCode(401);
        given().auth().oauth2(TestTokens.token("platform", null, "platform-reader"))
                .when().post(BASE + "/BTS-GPME/versions").then().statusCode(403);
        rectorat().when().post(BASE + "/BTS-GPME/versions/1/publication").then().statusCode(403);
        given().when().post(BASE + "/BTS-GPME/versions/1/deprecation").then().statusCode(401);
    }

    @Test
    void createdCertificationStartsWithADraftOnlyAdminsSee() {
        Mini mini = Mini.fresh();
        admin().contentType("application/json").body("{\"code\":\"bad code\"}").when().post(BASE)
                .then().statusCode(422).body("violations[0].field", equalTo("code"));
        admin().contentType("application/json").body("{\"code\":").when().post(BASE)
                .then().statusCode(400).contentType("application/problem+json");
        admin().contentType("application/json").body(mini.identity()).when().post(BASE)
                .then().statusCode(201).header("Location", containsString("/certifications/" + mini.code()))
                .body("versions[0].status", equalTo("DRAFT"));
        admin().contentType("application/json").body(mini.identity()).when().post(BASE).then().statusCode(409);

        given().when().get(mini.path()).then().statusCode(404);
        given().when().get(mini.path() + "/versions/1").then().statusCode(404).contentType("application/problem+json");
        rectorat().when().get(mini.path() + "/versions/1").then().statusCode(404);
        given().when().get(BASE).then().body("items.code", not(hasItem(mini.code())));
        admin().when().get(mini.path() + "/versions/1").then().statusCode(200)
                .header("Cache-Control", "private, no-cache").body("version.status", equalTo("DRAFT"));
    }

    @Test
    void draftIsReplacedAndEditedOnlyWithTheCurrentEtag() throws IOException {
        Mini mini = Mini.fresh().created();
        String fixture = mini.own(resource("fixtures/mini-gpme.json"));
        admin().contentType("application/json").body(fixture).when().put(mini.path() + "/versions/1")
                .then().statusCode(428).contentType("application/problem+json");
        admin().header("If-Match", "\"stale\"").contentType("application/json").body(fixture).when().put(mini.path() + "/versions/1")
                .then().statusCode(412);
        String etag = etag(mini.path() + "/versions/1");
        admin().header("If-Match", etag).contentType("application/json")
                .body(fixture.replace("\"libelle\": \"Fixture\"", "\"libelle\": \"Fixture\", \"colour\": \"blue\""))
                .when().put(mini.path() + "/versions/1")
                .then().statusCode(422).body("violations[0].field", equalTo("version.colour"));
        assertEquals(etag, etag(mini.path() + "/versions/1"), "a rejected write changes nothing");
        Response replaced = admin().header("If-Match", etag).contentType("application/json").body(fixture)
                .when().put(mini.path() + "/versions/1");
        replaced.then().statusCode(200).body("status", equalTo("DRAFT"));
        String newEtag = replaced.header("ETag");
        assertNotEquals(etag, newEtag);
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"coefficent\": 3}")
                .when().patch(mini.path() + "/versions/1/items/E51")
                .then().statusCode(422).body("violations[0].field", equalTo("coefficent"));
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"code\": \"E99\"}")
                .when().patch(mini.path() + "/versions/1/items/E51").then().statusCode(422);
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"coefficient\": \"six\"}")
                .when().patch(mini.path() + "/versions/1/items/E51").then().statusCode(422);
        admin().header("If-Match", newEtag).contentType("application/json").body("{\"coefficient\": 2}")
                .when().patch(mini.path() + "/versions/1/items/" + ElementIds.of(mini.code(), ElementKind.EPREUVE, "E51"))
                .then().statusCode(200);
        admin().when().get(mini.path() + "/versions/1/items/E51").then().statusCode(200).body("element.coefficient", equalTo(2));
    }

    @Test
    void validationListsEveryViolation() throws IOException {
        Mini mini = Mini.fresh().drafted();
        String etag = etag(mini.path() + "/versions/1");
        etag = patch(mini, "/versions/1/items/U4", etag, "{\"bloc\": \"" + mini.rncp() + "BC09\"}");
        etag = patch(mini, "/versions/1/items/E4", etag, "{\"coefficient\": 0}");
        admin().when().post(mini.path() + "/versions/1/publication").then().statusCode(409)
                .body("type", equalTo("urn:bts:problem:version-state"));
        admin().when().post(mini.path() + "/versions/1/validation").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations", hasSize(2))
                .body("violations.field", hasItems("unites[0].bloc", "epreuves[0].coefficient"));
        etag = patch(mini, "/versions/1/items/U4", etag, "{\"bloc\": \"" + mini.rncp() + "BC01\"}");
        patch(mini, "/versions/1/items/E4", etag, "{\"coefficient\": 6}");
        admin().when().post(mini.path() + "/versions/1/validation").then().statusCode(200).body("status", equalTo("VALIDATED"));
    }

    @Test
    void publishedVersionIsPublicAndImmutable() throws IOException {
        Mini mini = Mini.fresh().validated();
        admin().when().post(mini.path() + "/versions/1/publication").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().when().get(mini.path() + "/versions/1").then().statusCode(200)
                .header("Cache-Control", "public, max-age=600")
                .body("version.status", equalTo("PUBLISHED"))
                .body("epreuves.find { it.code == 'E51' }.coefficient", equalTo(2));
        given().when().get(mini.path() + "/current").then().statusCode(200).body("version.number", equalTo(1));
        String etag = etag(mini.path() + "/versions/1");
        admin().header("If-Match", etag).contentType("application/json").body("{\"coefficient\": 3}")
                .when().patch(mini.path() + "/versions/1/items/E51")
                .then().statusCode(409).body("type", equalTo("urn:bts:problem:version-immutable"));
        admin().when().post(mini.path() + "/versions/1/publication").then().statusCode(409);
        given().queryParam("q", "reclamations").queryParam("certification", mini.code()).when().get("/api/referential/v1/search")
                .then().statusCode(200).body("items.code", hasItems("T.1.3.2", mini.rncp() + "BC01-C3"));
    }

    @Test
    void nextDraftImportsAnRncpFicheAndNothingChangesOnBadInput() throws Exception {
        Mini mini = Mini.fresh().published();
        admin().queryParam("libelle", "Version 2").when().post(mini.path() + "/versions")
                .then().statusCode(201).header("Location", containsString("/versions/2")).body("status", equalTo("DRAFT"));
        admin().when().post(mini.path() + "/versions").then().statusCode(409);
        given().when().get(mini.path() + "/versions/2").then().statusCode(404);
        String etag = etag(mini.path() + "/versions/2");
        String xml = mini.own(resource("fixtures/rncp-mini.xml"));

        importXml(mini, etag, "<FICHES><FICHE><NUMERO_FICHE>" + mini.rncp() + "</FICHE>").then().statusCode(400)
                .body("type", equalTo("urn:bts:problem:malformed-body"));
        importXml(mini, etag, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<FICHES><FICHE><INTITULE>&x;</INTITULE></FICHE></FICHES>").then().statusCode(400);
        importXml(mini, etag, xml.replace("<CODE>" + mini.rncp() + "BC01</CODE>", "<CODE>" + mini.rncp() + "BC07</CODE>")
                .replace("11/12/2023", "2023-12-11")).then().statusCode(422)
                .body("violations.field", hasItems("FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES[0]/CODE", "FICHE/DATE_DECISION"));
        importXml(mini, etag, xml.replace("<NUMERO_FICHE>" + mini.rncp(), "<NUMERO_FICHE>RNCP38363")).then().statusCode(422);
        importXml(mini, etag, xml.replace("<ACTIVITES_VISEES>", "<ACTIVITES_VISEES>" + "x".repeat(25_000))).then().statusCode(413);
        assertEquals(etag, etag(mini.path() + "/versions/2"), "nothing changed");
        assertEquals(0, rawHtmlRows(mini.code()));

        Response imported = importXml(mini, etag, xml);
        imported.then().statusCode(200).body("status", equalTo("DRAFT"));
        admin().when().get(mini.path() + "/versions/2").then().statusCode(200)
                .body("certification.intitule", equalTo("BTS - Mini PME (fiche importée)"))
                .body("certification.rome[0].code", equalTo("M1604"))
                .body("certification.datePublication", equalTo("2023-12-11"))
                .body("certification.certificationsAnterieures[0].code", equalTo("RNCP32360"))
                .body("blocs[0].intitule", equalTo("Gérer la relation avec les clients et les fournisseurs de la PME (RNCP)"));
        assertEquals(3, rawHtmlRows(mini.code()));
    }

    @Test
    void diffShowsChangesFieldByFieldAndTheOldVersionCanBeDeprecated() throws IOException {
        Mini mini = Mini.fresh().imported();
        String etag = etag(mini.path() + "/versions/2");
        patch(mini, "/versions/2/items/E51", etag, "{\"coefficient\": 4}");
        admin().when().post(mini.path() + "/versions/2/validation").then().statusCode(200);
        admin().when().post(mini.path() + "/versions/2/publication").then().statusCode(200);
        given().when().get(mini.path() + "/current").then().statusCode(200).body("version.number", equalTo(2));
        given().when().get(mini.path() + "/versions/1/diff/2").then().statusCode(200)
                .body("added", hasSize(0)).body("removed", hasSize(0))
                .body("changed.find { it.code == 'E51' }.changes", equalTo(List.of(
                        java.util.Map.of("field", "coefficient", "from", 2, "to", 4))))
                .body("changed.find { it.code == '" + mini.rncp() + "BC01' }.changes.field", equalTo(List.of("intitule")))
                .body("changed.find { it.kind == 'certification' }.changes.field", hasItems("intitule", "nsf", "formacodes"));
        admin().when().post(mini.path() + "/versions/1/deprecation").then().statusCode(200).body("status", equalTo("DEPRECATED"));
        admin().when().post(mini.path() + "/versions/1/deprecation").then().statusCode(409);
        // deprecated: final, so immutable (a published version was not: its document changes at deprecation)
        given().when().get(mini.path() + "/versions/1").then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Deprecation", "true").body("version.status", equalTo("DEPRECATED"));
        given().when().get(mini.path()).then().statusCode(200).body("versions.status", equalTo(List.of("DEPRECATED", "PUBLISHED")))
                .body("currentVersion", equalTo(2));
    }

    /**
     * Public answers are remembered between reads (PublicReads): read them first, so that this fails if a
     * deprecation left any of them, or the version document and its ETag, as they were.
     */
    @Test
    void deprecatingTheCurrentVersionShowsAtOnceInSummariesItemsAndCase() throws IOException {
        Mini mini = Mini.fresh().superseded();
        String e51 = ElementIds.of(mini.code(), ElementKind.EPREUVE, "E51").toString();
        String document = ElementIds.of(mini.code(), ElementKind.CERTIFICATION, mini.code()).toString();
        String etag = given().when().get(mini.path() + "/versions/2").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).when().get(mini.path() + "/versions/2").then().statusCode(304);
        given().when().get(mini.path()).then().statusCode(200).body("currentVersion", equalTo(2));
        given().when().get("/api/referential/v1/items/" + e51).then().statusCode(200)
                .body("version", equalTo(2)).body("versionStatus", equalTo("PUBLISHED"));
        given().queryParam("q", "mini").when().get(BASE).then().statusCode(200)
                .body("items.find { it.code == '" + mini.code() + "' }.currentVersion", equalTo(2));
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", hasItem(document));

        admin().when().post(mini.path() + "/versions/2/deprecation").then().statusCode(200).body("status", equalTo("DEPRECATED"));

        given().when().get(mini.path()).then().statusCode(200)
                .body("currentVersion", equalTo(null))
                .body("versions.status", equalTo(List.of("DEPRECATED", "DEPRECATED")));
        given().when().get("/api/referential/v1/items/" + e51).then().statusCode(200)
                .body("version", equalTo(2)).body("versionStatus", equalTo("DEPRECATED"))
                .body("element.coefficient", equalTo(4));
        given().queryParam("q", "mini").when().get(BASE).then().statusCode(200)
                .body("items.find { it.code == '" + mini.code() + "' }.currentVersion", equalTo(null));
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", not(hasItem(document)));
        String deprecatedEtag = given().header("If-None-Match", etag).when().get(mini.path() + "/versions/2").then()
                .statusCode(200).header("Deprecation", "true").body("version.status", equalTo("DEPRECATED"))
                .body("epreuves.find { it.code == 'E51' }.coefficient", equalTo(4))
                .extract().header("ETag");
        assertNotEquals(etag, deprecatedEtag);
        given().header("If-None-Match", deprecatedEtag).when().get(mini.path() + "/versions/2").then().statusCode(304);
    }

    private static Response importXml(Mini mini, String etag, String xml) {
        return admin().header("If-Match", etag).contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8))
                .when().post(mini.path() + "/versions/2/rncp-import");
    }

    private static String patch(Mini mini, String path, String etag, String body) {
        Response r = admin().header("If-Match", etag).contentType("application/json").body(body).when().patch(mini.path() + path);
        r.then().statusCode(200);
        return r.header("ETag");
    }

    private static String etag(String path) {
        return admin().when().get(path).then().statusCode(200).extract().header("ETag");
    }

    private static int rawHtmlRows(String code) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             PreparedStatement rows = c.prepareStatement(
                     "select count(*) from rncp_import_field f join referential_version v on v.id = f.version_id "
                             + "join certification c on c.id = v.certification_id where c.code = ? "
                             + "and f.sha256 = encode(sha256(convert_to(f.raw_html, 'UTF8')), 'hex')")) {
            rows.setString(1, code);
            try (ResultSet rs = rows.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdminResourceTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
