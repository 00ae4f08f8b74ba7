package fr.bts.dossier;

import fr.bts.devstack.MongoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static fr.bts.dossier.Fixtures.JURY;
import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.RECTORAT_LYON;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.candidate;
import static fr.bts.dossier.Fixtures.gpme;
import static fr.bts.dossier.Fixtures.register;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class ImportAndAttachmentResourceTest {

    private static final String IMPORTS = "/api/dossiers/v1/imports";
    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    private static int count(String session) {
        return as(RECTORAT).queryParam("session", session).get(DOSSIERS).then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void jsonImportReportsEachRowAndIsIdempotentByKeyAndByCandidateNumber() {
        Map<String, Object> low = sam("2041", "VER-2041-00003", "cand-n3");
        low.put("benefices", List.of(Map.of("unite", "U3", "note", "8", "session", "2025", "dateObtention", "2025-07-04")));
        List<Map<String, Object>> rows = List.of(sam("2041", "VER-2041-00001", "cand-n1"),
                gpme("2041", "VER-2041-00002", "cand-n2"), low, sam("2041", "VER-2041-00001", "cand-n1"));

        String first = as(RECTORAT).header("Idempotency-Key", "imp-2041-a").contentType("application/json").body(rows)
                .post(IMPORTS).then().statusCode(200)
                .body("total", equalTo(4)).body("created", equalTo(2)).body("rejected", equalTo(2))
                .body("rows[0].outcome", equalTo("CREATED"))
                .body("rows[2].outcome", equalTo("REJECTED"))
                .body("rows[2].errors.field", hasItem("benefices[0].note"))
                .body("rows[3].errors[0].message", containsString("row 1"))
                .extract().asString();
        assertEquals(2, count("2041"));

        String replay = as(RECTORAT).header("Idempotency-Key", "imp-2041-a").contentType("application/json").body(rows)
                .post(IMPORTS).then().statusCode(200).extract().asString();
        assertEquals(first, replay);
        as(RECTORAT).header("Idempotency-Key", "imp-2041-a").contentType("application/json").body(rows.subList(0, 1))
                .post(IMPORTS).then().statusCode(422).body("type", equalTo("urn:bts:problem:idempotency-key-reused"));
        // the same key in another académie is another key
        as(RECTORAT_LYON).header("Idempotency-Key", "imp-2041-a").contentType("application/json").body(rows.subList(0, 1))
                .post(IMPORTS).then().statusCode(200).body("created", equalTo(1));

        Map<String, Object> changed = gpme("2041", "VER-2041-00002", "cand-n2");
        changed.put("unites", List.of("U4", "U51"));
        as(RECTORAT).contentType("application/json").body(List.of(sam("2041", "VER-2041-00001", "cand-n1"), changed))
                .post(IMPORTS).then().statusCode(200)
                .body("unchanged", equalTo(1)).body("updated", equalTo(1)).body("created", equalTo(0));
        as(RECTORAT).queryParam("candidateNumber", "VER-2041-00002").get(DOSSIERS).then().body("items[0].version", equalTo(2));
    }

    @Test
    void csvImportAndExportRoundTrip() {
        String csv = "session,certification,referentialVersion,candidateNumber,lastName,firstName,birthDate,email,account,categorie,voie,forme,unites,unitesFacultatives,langues,dispenses,benefices\r\n"
                + "2042,BTS-SAM,1,VER-2042-00001,\"=HYPERLINK(\"\"x\"\")\",Léa,2005-03-01,a@example.org,cand-o1,CAT_A,ELEVE_ETUDIANT,GLOBALE,,UF1,U21:ANGLAIS|U22:ESPAGNOL|UF1:ITALIEN,U1:BTS Comptabilité et gestion,U3:12.5:2025:2025-07-04\r\n"
                + "2042,BTS-SAM,1,VER-2042-00002,Petit,Jean,05/03/2005,b@example.org,cand-o2,CAT_A,ELEVE_ETUDIANT,GLOBALE,,,U21:ANGLAIS|U22:ESPAGNOL,,\r\n"
                + "2042,BTS-GPME,,VER-2042-00003,Roux,Ana,2004-01-02,c@example.org,cand-o3,CAT_B,FORMATION_CONTINUE,PROGRESSIVE,U4,,,,\r\n";
        as(RECTORAT).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8)).post(IMPORTS).then().statusCode(200)
                .body("created", equalTo(2)).body("rejected", equalTo(1))
                .body("rows[1].row", equalTo(3)).body("rows[1].errors[0].field", equalTo("birthDate"));

        String export = as(RECTORAT).queryParam("session", "2042").get(DOSSIERS + "/export.csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = export.split("\r\n");
        assertEquals(3, lines.length);
        assertEquals("VER-2042-00001", lines[1].split(",")[3]);
        org.junit.jupiter.api.Assertions.assertTrue(lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""), lines[1]);
        org.junit.jupiter.api.Assertions.assertTrue(lines[1].contains("U3:12.5:2025:2025-07-04"), lines[1]);

        // the export re-imported changes nothing
        as(RECTORAT).contentType("text/csv; charset=UTF-8").body(export.replace("'=HYPERLINK", "=HYPERLINK")).post(IMPORTS).then().statusCode(200)
                .body("unchanged", equalTo(2));
    }

    @Test
    void malformedOrOversizedImportsAre4xxAndStoreNothing() {
        as(RECTORAT).contentType("text/csv")
                .body("session,certification,candidateNumber,lastName,firstName,birthDate,email,account,categorie,voie,forme\r\n"
                        + "2043,BTS-SAM,VER-2043-00001,\"Unclosed,Léa,2005-03-01,a@example.org,cand-p,CAT_A,ELEVE_ETUDIANT,GLOBALE\r\n")
                .post(IMPORTS).then().statusCode(400).contentType("application/problem+json").body("detail", containsString("CSV"));
        as(RECTORAT).contentType("text/csv").body("session,nonsense\r\n2043,x\r\n").post(IMPORTS).then().statusCode(400);
        as(RECTORAT).contentType("text/csv").body("session,certification,candidateNumber,lastName,firstName,birthDate,email,account,categorie,voie,forme\r\n2043,BTS-SAM\r\n")
                .post(IMPORTS).then().statusCode(400);
        as(RECTORAT).contentType("text/csv; charset=UTF-8").body(new byte[] {'s', (byte) 0xC3, (byte) 0x28}).post(IMPORTS).then().statusCode(400);

        Map<String, Object> wrongType = sam("2043", "VER-2043-00002", "cand-q");
        wrongType.put("unites", 5);
        as(RECTORAT).contentType("application/json").body(List.of(sam("2043", "VER-2043-00001", "cand-p"), wrongType))
                .post(IMPORTS).then().statusCode(422).contentType("application/problem+json");
        as(RECTORAT).contentType("application/json").body("[{\"session\": \"2043\",").post(IMPORTS).then().statusCode(400);
        as(RECTORAT).contentType("application/json").body("{\"session\": \"2043\"}").post(IMPORTS).then().statusCode(400);

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(sam("2043", String.format("VER-2043-%05d", i + 10), "cand-r" + i));
        }
        as(RECTORAT).contentType("application/json").body(tooMany).post(IMPORTS).then().statusCode(413)
                .body("type", equalTo("urn:bts:problem:payload-too-large"));
        as(RECTORAT).contentType("application/xml").body("<x/>").post(IMPORTS).then().statusCode(415);
        assertEquals(0, count("2043"));
    }

    @Test
    void importNeedsTheRectoratRole() {
        as(candidate("cand-s")).contentType("application/json").body(List.of(sam("2044", "VER-2044-00001", "cand-s")))
                .post(IMPORTS).then().statusCode(403);
        as(JURY).contentType("text/csv").body("session\r\n").post(IMPORTS).then().statusCode(403);
        assertEquals(0, count("2044"));
    }

    @Test
    void attachmentsAreStreamedHashedAndBoundToTheirDossier() throws Exception {
        String id = register(sam("2045", "VER-2045-00001", "cand-t"));
        String token = candidate("cand-t");
        byte[] pdf = ("%PDF-1.7\n" + "x".repeat(20000)).getBytes(StandardCharsets.UTF_8);

        Response created = as(token).contentType("application/pdf").body(pdf)
                .queryParam("epreuve", "E4").queryParam("piece", "ATTESTATION_NON_PLAGIAT")
                .queryParam("fileName", "Attestation non-plagiat (signée) é.pdf")
                .post(DOSSIERS + "/" + id + "/attachments");
        created.then().statusCode(201)
                .body("fileName", equalTo("Attestation non-plagiat (signée) é.pdf"))
                .body("size", equalTo(pdf.length))
                .body("sha256", equalTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf))));
        String attachment = created.path("id");

        byte[] downloaded = as(RECTORAT).get(DOSSIERS + "/" + id + "/attachments/" + attachment)
                .then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", containsString("attachment; filename*=UTF-8''"))
                .contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(pdf, downloaded);

        as(RECTORAT_LYON).get(DOSSIERS + "/" + id + "/attachments/" + attachment).then().statusCode(404);
        String other = register(sam("2045", "VER-2045-00002", "cand-u"));
        as(candidate("cand-u")).get(DOSSIERS + "/" + other + "/attachments/" + attachment).then().statusCode(404);
        as(candidate("cand-u")).get(DOSSIERS + "/" + id + "/attachments/" + attachment).then().statusCode(404);
        as(RECTORAT).contentType("application/pdf").body(pdf).queryParam("epreuve", "E4").queryParam("fileName", "a.pdf")
                .post(DOSSIERS + "/" + id + "/attachments").then().statusCode(403);

        as(token).delete(DOSSIERS + "/" + id + "/attachments/" + attachment).then().statusCode(204);
        as(token).get(DOSSIERS + "/" + id + "/attachments").then().statusCode(200).body("$", hasSize(0));
        as(token).get(DOSSIERS + "/" + id + "/attachments/" + attachment).then().statusCode(404);
    }

    @Test
    void badFilesAre4xxAndStoreNothing() {
        String id = register(sam("2046", "VER-2046-00001", "cand-v"));
        String token = candidate("cand-v");
        String url = DOSSIERS + "/" + id + "/attachments";
        byte[] pdf = "%PDF-1.7 ok".getBytes(StandardCharsets.UTF_8);

        as(token).contentType("application/x-msdownload").body(pdf).queryParam("epreuve", "E4").queryParam("fileName", "a.exe")
                .post(url).then().statusCode(415).contentType("application/problem+json");
        as(token).contentType("application/pdf").body("MZ not a pdf".getBytes()).queryParam("epreuve", "E4").queryParam("fileName", "a.pdf")
                .post(url).then().statusCode(415);
        as(token).contentType("application/pdf").body(("%PDF-" + "x".repeat(70000)).getBytes()).queryParam("epreuve", "E4")
                .queryParam("fileName", "big.pdf").post(url).then().statusCode(413).contentType("application/problem+json");
        for (String hostile : List.of("../../etc/passwd", "..\\boot.ini", "line\nbreak.pdf", "...", "***")) {
            as(token).contentType("application/pdf").body(pdf).queryParam("epreuve", "E4").queryParam("fileName", hostile)
                    .post(url).then().statusCode(422).body("violations[0].field", equalTo("fileName"));
        }
        // a control character in any query parameter is refused before the resource (issue 11): 400 naming it
        as(token).contentType("application/pdf").body(pdf).queryParam("epreuve", "E4").queryParam("fileName", "a\u0000.pdf")
                .post(url).then().statusCode(400).body("violations[0].field", equalTo("fileName"));
        as(token).contentType("application/pdf").body(new byte[0]).queryParam("epreuve", "E4").queryParam("fileName", "a.pdf")
                .post(url).then().statusCode(422);
        as(token).contentType("application/pdf").body(pdf).queryParam("epreuve", "E9").queryParam("fileName", "a.pdf")
                .post(url).then().statusCode(422);
        as(token).contentType("application/pdf").body(pdf).queryParam("epreuve", "E4").queryParam("piece", "NOPE")
                .queryParam("fileName", "a.pdf").post(url).then().statusCode(422);

        as(token).get(url).then().statusCode(200).body("$", hasSize(0));
        as(token).get(DOSSIERS + "/" + id).then().statusCode(200).body("version", equalTo(1));
    }
}
