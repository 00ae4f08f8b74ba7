package fr.bts.dossier;

import fr.bts.devstack.MongoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.etag;
import static fr.bts.dossier.Fixtures.register;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies and CSV cells a hostile client sends to the dossier service, and the CSV it gets back (issue 11). */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class InputHardeningResourceTest {

    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";
    private static final String IMPORTS = "/api/dossiers/v1/imports";
    private static final String HEADER = "session,certification,referentialVersion,candidateNumber,lastName,firstName,birthDate,email,"
            + "account,categorie,voie,forme,unites,unitesFacultatives,langues,dispenses,benefices\r\n";

    private static int count(String session) {
        return as(RECTORAT).queryParam("session", session).get(DOSSIERS).then().statusCode(200).extract().path("totalItems");
    }

    /** A deadline given as a number would be epoch seconds: 1e309 or -0 stored 1970-01-01 before (the corpus found it). */
    @Test
    void aDeadlineIsIsoTextNeverANumberAndARefusedOneChangesNothing() {
        String campaign = "/api/dossiers/v1/campaigns/2182/BTS-SAM";
        as(RECTORAT).contentType("application/json").body("{\"dossierDeadline\": \"2182-05-01T12:00:00Z\"}")
                .put(campaign).then().statusCode(200).body("dossierDeadline", equalTo("2182-05-01T12:00:00Z"));
        for (String number : new String[] {"1e309", "-0", "0", "1735689600"}) {
            as(RECTORAT).contentType("application/json").body("{\"dossierDeadline\": " + number + "}")
                    .put(campaign).then().statusCode(422).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("dossierDeadline"));
        }
        as(RECTORAT).get(campaign).then().statusCode(200).body("dossierDeadline", equalTo("2182-05-01T12:00:00Z"));
    }

    @Test
    void aDuplicateKeyIsA400BeforeTheIfMatchCheckAndChangesNothing() {
        String id = register(sam("2181", "VER-2181-00001", "cand-h1"));
        String tag = etag(id, RECTORAT);
        for (String ifMatch : new String[] {null, "\"stale\"", tag}) {
            var request = as(RECTORAT).contentType("application/json").body("{\"reason\": \"a\", \"reason\": \"b\"}");
            if (ifMatch != null) {
                request = request.header("If-Match", ifMatch);
            }
            request.post(DOSSIERS + "/" + id + "/registration/reject").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("reason"));
        }
        as(RECTORAT).header("If-Match", tag).contentType("application/json")
                .body("{\"decision\": \"CONFORME\", \"decision\": \"NON_CONFORME\"}")
                .post(DOSSIERS + "/" + id + "/epreuves/E4/decision").then().statusCode(400);
        assertEquals(tag, etag(id, RECTORAT), "a refused body changes nothing");
    }

    @Test
    void aNulInACandidateNameIsA400NamingTheFieldAndStoresNothing() {
        Map<String, Object> body = sam("2182", "VER-2182-00001", "cand-h2");
        body.put("lastName", "Mar\u0000tin");
        as(RECTORAT).contentType("application/json").body(body).post(DOSSIERS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:invalid-character"))
                .body("violations[0].field", equalTo("lastName"));
        body.put("lastName", "Martin\r=1+1");
        as(RECTORAT).contentType("application/json").body(body).post(DOSSIERS).then().statusCode(400)
                .body("violations[0].field", equalTo("lastName"));
        body.put("lastName", "Martin");
        body.put("langues", Map.of("U21\u0000", "ANGLAIS"));
        as(RECTORAT).contentType("application/json").body(body).post(DOSSIERS).then().statusCode(400)
                .body("type", equalTo("urn:bts:problem:invalid-character"));
        assertEquals(0, count("2182"));
    }

    @Test
    void aControlCharacterInACsvCellIsA400NamingTheCellAndStoresNothing() {
        String csv = HEADER + "2183,BTS-SAM,1,VER-2183-00001,\"Mar\u0007tin\",Léa,2005-03-01,a@example.org,cand-h3,CAT_A,"
                + "ELEVE_ETUDIANT,GLOBALE,,,U21:ANGLAIS|U22:ESPAGNOL,,\r\n";
        as(RECTORAT).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8)).post(IMPORTS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:invalid-character"))
                .body("violations[0].field", equalTo("line 2, column 5"));
        assertEquals(0, count("2183"));
    }

    @Test
    void formulaCellsAreNeutralisedInTheExportWhichImportsBackUnchanged() {
        Map<String, Object> body = sam("2184", "VER-2184-00001", "cand-h4");
        body.put("lastName", "=HYPERLINK(\"http://evil.example\";\"clic\")");
        body.put("firstName", "+33 Léa");
        body.put("voie", "ELEVE_ETUDIANT");
        register(body);
        Map<String, Object> other = sam("2184", "VER-2184-00002", "cand-h5");
        other.put("lastName", "-2+3");
        other.put("firstName", "@SUM(A1)");
        register(other);

        String export = as(RECTORAT).queryParam("session", "2184").get(DOSSIERS + "/export.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(export.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\",'+33 Léa,"), export);
        assertTrue(export.contains(",'-2+3,'@SUM(A1),"), export);
        for (String line : export.split("\r\n")) {
            for (String cell : line.split(",")) {
                assertFalse(!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0, () -> "formula cell " + cell + " in " + line);
            }
        }

        as(RECTORAT).contentType("text/csv; charset=UTF-8").body(export.getBytes(StandardCharsets.UTF_8)).post(IMPORTS)
                .then().statusCode(200).body("unchanged", equalTo(2));
        as(RECTORAT).queryParam("candidateNumber", "VER-2184-00001").get(DOSSIERS).then()
                .body("items[0].lastName", equalTo("=HYPERLINK(\"http://evil.example\";\"clic\")"));
    }

    @Test
    void aZipBombDocxAndAPdfWithJavaScriptAreRefusedAndNotStored() throws Exception {
        String id = register(sam("2185", "VER-2185-00001", "cand-h6"));
        String token = Fixtures.candidate("cand-h6");
        String url = DOSSIERS + "/" + id + "/attachments";

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 40; i++) {
                zip.write(block);
            }
        }
        byte[] bomb = out.toByteArray();
        as(token).contentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document").body(bomb)
                .queryParam("epreuve", "E4").queryParam("fileName", "fiche.docx").post(url)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:attachment-content-refused"));

        byte[] pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
                + "2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        as(token).contentType("application/pdf").body(pdf).queryParam("epreuve", "E4").queryParam("fileName", "fiche.pdf")
                .post(url).then().statusCode(422)
                .body("type", equalTo("urn:bts:problem:attachment-content-refused"))
                .body("detail", containsString("JavaScript"));

        as(token).get(url).then().statusCode(200).body("size()", equalTo(0));
        as(token).get(DOSSIERS + "/" + id).then().statusCode(200).body("version", equalTo(1));
    }
}
