package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.bts.devstack.CsvRecords;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public read API over the seeded GPME and SAM published versions: no token needed. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ReadResourceTest {

    static final String BASE = "/api/referential/v1/certifications/";

    @Test
    void publishedVersionIsPublicWholeTreeWithStrongEtagAndPublicCaching() {
        Response first = HttpCachingResourceTest.identity().when().get(BASE + "BTS-GPME/versions/1");
        first.then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "public, max-age=600")
                .body("certification.code", equalTo("BTS-GPME"))
                .body("certification.id", equalTo(ElementIds.of("BTS-GPME", ElementKind.CERTIFICATION, "BTS-GPME").toString()))
                .body("version.status", equalTo("PUBLISHED"))
                .body("blocs", hasSize(4))
                .body("blocs.competences.flatten()", hasSize(25))
                .body("domaines.activites.flatten()", hasSize(22))
                .body("domaines.activites.taches.flatten().flatten()", hasSize(102))
                .body("epreuves.find { it.code == 'E4' }.coefficient", equalTo(6))
                .body("epreuves.find { it.code == 'E4' }.situations.points", equalTo(List.of(14, 6)));
        String etag = first.header("ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        HttpCachingResourceTest.identity().header("If-None-Match", etag).when().get(BASE + "RNCP38363/versions/1")
                .then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"other\"").when().get(BASE + "BTS-GPME/versions/1")
                .then().statusCode(200);
    }

    @Test
    void versionDocumentIsGzippedWhenTheClientAsks() {
        // the first answer fills the memory of public versions, the second comes from the fast path
        for (int i = 0; i < 2; i++) {
            given().header("Accept-Encoding", "gzip").when().get(BASE + "BTS-SAM/versions/1")
                    .then().statusCode(200).header("Content-Encoding", "gzip")
                    .header("Cache-Control", "public, max-age=600")
                    .body("certification.code", equalTo("BTS-SAM"));
        }
    }

    @Test
    void openApiDocumentsTheEndpointsWithExamples() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/referential/v1/certifications/{code}/versions/{version}'.get.responses.'200'.content.'application/json'.examples.document",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths", org.hamcrest.Matchers.hasKey("/ims/case/v1p1/CFPackages/{id}"));
    }

    @Test
    void currentIsTheLatestPublishedVersionWithAShortMaxAge() {
        Response current = given().when().get(BASE + "BTS-SAM/current");
        current.then().statusCode(200).header("Cache-Control", "public, max-age=60")
                .body("certification.code", equalTo("BTS-SAM"));
        Response fixed = given().when().get(BASE + "BTS-SAM/versions/" + current.path("version.number"));
        assertEquals(fixed.asString(), current.asString());
        assertEquals(fixed.header("ETag"), current.header("ETag"));
    }

    @Test
    void certificationsAreListedPaginatedAndFiltered() {
        Response page = given().queryParam("size", 1).when().get(BASE);
        int total = page.path("totalItems");
        assertTrue(total >= 2, "GPME and SAM at least");
        page.then().statusCode(200).header("X-Total-Count", String.valueOf(total)).body("items", hasSize(1))
                .body("totalPages", equalTo(total));
        assertTrue(page.headers().getValues("Link").stream().anyMatch(l -> l.contains("rel=\"next\"")),
                page.headers().getValues("Link").toString());
        given().queryParam("q", "gestion de la pme").when().get(BASE)
                .then().statusCode(200).body("items.code", equalTo(List.of("BTS-GPME")));
        given().queryParam("level", "5").queryParam("status", "active").when().get(BASE)
                .then().statusCode(200).body("items.code", hasItems("BTS-GPME"));
        given().queryParam("size", "1000").when().get(BASE)
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("size"));
    }

    @Test
    void oneCertificationByCodeOrRncpNumberListsItsVersions() {
        given().when().get(BASE + "rncp38363").then().statusCode(200)
                .body("code", equalTo("BTS-GPME"))
                .body("currentVersion", equalTo(1))
                .body("versions.status", everyItem(org.hamcrest.Matchers.oneOf("PUBLISHED", "DEPRECATED")));
        given().when().get(BASE + "BTS-NOPE").then().statusCode(404).contentType("application/problem+json");
        given().when().get(BASE + "BTS-GPME/versions/abc").then().statusCode(400).contentType("application/problem+json");
        given().when().get(BASE + "BTS-GPME/versions/99").then().statusCode(404);
    }

    @Test
    void searchIsAccentAndCaseInsensitiveAndRanked() {
        given().queryParam("q", "prospection").when().get("/api/referential/v1/search")
                .then().statusCode(200)
                .body("items.code", hasItem("T.1.1.1"))
                .body("items.kind", everyItem(org.hamcrest.Matchers.oneOf("competence", "activite", "tache")));
        given().queryParam("q", "RECLAMATIONS").queryParam("certification", "BTS-GPME").when().get("/api/referential/v1/search")
                .then().statusCode(200)
                .body("items.libelle", hasItem("Traitement et suivi des réclamations"));
        given().queryParam("q", "t.1.1.1").when().get("/api/referential/v1/search")
                .then().statusCode(200).body("items[0].code", equalTo("T.1.1.1")).body("items[0].rank", equalTo(0));
        given().queryParam("q", "gestion").queryParam("size", 2).queryParam("page", 1).when().get("/api/referential/v1/search")
                .then().statusCode(200).body("items", hasSize(2)).body("page", equalTo(1));
        given().when().get("/api/referential/v1/search").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anyElementByUuidOrByCodeAndTheElementsBelowABlocOrDomain() {
        String id = ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.1.1.1").toString();
        given().when().get("/api/referential/v1/items/" + id).then().statusCode(200)
                .body("code", equalTo("T.1.1.1"))
                .body("kind", equalTo("tache"))
                .body("element.libelle", equalTo("Organisation de la prospection et prospection clientèle"));
        given().when().get("/api/referential/v1/items/not-a-uuid").then().statusCode(400);
        // situation ids derive from "<certification>/situation/<épreuve>/<situation>" (value from Python's uuid5)
        given().when().get(BASE + "BTS-GPME/versions/1").then()
                .body("epreuves.find { it.code == 'E4' }.situations[0].id", equalTo("395e9c5b-3c97-5faa-896e-bcb26c12f83a"));
        given().when().get("/api/referential/v1/items/395e9c5b-3c97-5faa-896e-bcb26c12f83a").then().statusCode(200)
                .body("kind", equalTo("situation")).body("code", equalTo("E4/A")).body("element.points", equalTo(14));
        given().when().get("/api/referential/v1/items/" + ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.9.9.9"))
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get(BASE + "BTS-GPME/versions/1/items/E4").then().statusCode(200)
                .body("element.coefficient", equalTo(6)).body("element.situations.code", equalTo(List.of("A", "B")));
        given().when().get(BASE + "BTS-GPME/versions/current/items/RNCP38363BC01/children").then().statusCode(200)
                .body("", hasSize(6)).body("kind", everyItem(equalTo("competence")));
        given().queryParam("kind", "tache").when().get(BASE + "BTS-GPME/versions/1/items/D1/children").then().statusCode(200)
                .body("", hasSize(29));
        given().when().get(BASE + "BTS-GPME/versions/1/items/D3/children").then().statusCode(200)
                .body("kind", everyItem(equalTo("activite"))).body("", hasSize(3));
    }

    @Test
    void completenessListsTheFactsTheSourcesDoNotGive() {
        given().when().get(BASE + "BTS-GPME/versions/1/completeness").then().statusCode(200)
                .body("missing.findAll { it.field == 'coefficient' }.code", equalTo(List.of("EP-U51", "EP-U52", "EP-U6")))
                .body("missing.find { it.path == 'epreuves[1].coefficient' }.kind", equalTo("epreuve"))
                // issue 13: exactly what [S000]/[S001]/[S004] do not give about the exam (domain brief §5.1)
                .body("missing.findAll { it.kind == 'epreuve' || it.kind == 'situation' }.collect { it.code + '.' + it.field }",
                        equalTo(List.of("E4.dureeMinutes", "E4.dureeTexte", "E4.dureeMinutes", "E4.dureeTexte",
                                "A.dureeMaxMinutes", "E4.commission",
                                "EP-U51.coefficient", "EP-U51.dureeMinutes", "EP-U51.dureeTexte", "EP-U51.dureeMinutes",
                                "EP-U51.dureeTexte", "EP-U51.dureeMinutes", "EP-U51.dureeTexte", "EP-U51.commission",
                                "EP-U52.coefficient", "EP-U52.dureeMinutes", "EP-U52.dureeTexte", "EP-U52.dureeMinutes",
                                "EP-U52.dureeTexte", "EP-U52.dureeMinutes", "EP-U52.dureeTexte", "EP-U52.commission",
                                "EP-U6.coefficient", "EP-U6.dureeMinutes", "EP-U6.dureeTexte", "EP-U6.dureeMinutes",
                                "EP-U6.dureeTexte", "EP-U6.dureeMinutes", "EP-U6.dureeTexte", "EP-U6.commission")))
                .body("missing.findAll { it.path.startsWith('reglesResultat') }.field",
                        equalTo(List.of("facultatives", "coefficientFacultatifParDefaut", "dureeValiditeBeneficeAnnees")))
                .body("conflits", hasSize(0))
                .body("sansProvenance", equalTo(0))
                .body("provenances.find { it.path == 'reglesResultat.seuilInclusif' }.nature", equalTo("TEXTE_CITE"))
                .body("provenances.find { it.path == 'epreuves[0].coefficient' }.citation",
                        equalTo("Epreuve E4 – Gérer la relation avec les clients et les fournisseurs (coefficient 6)"))
                .body("provenances.find { it.path == 'epreuves[1].noteSur' }.nature", equalTo("DEFAUT"));
    }

    @Test
    void completenessOfSamListsItsConflictsAndTheirNullFields() {
        given().when().get(BASE + "BTS-SAM/versions/1/completeness").then().statusCode(200)
                .body("conflits.code", equalTo(List.of("SAM-E5-SITUATION-B-DUREE", "SAM-E5-CAT_B-SITUATIONS",
                        "SAM-EF2-CAT_C-DUREE", "SAM-E3-FORME")))
                .body("conflits.find { it.code == 'SAM-E5-SITUATION-B-DUREE' }.lectures.valeur", equalTo(List.of("90", "75")))
                .body("missing.find { it.path == 'epreuves[6].situations[1].dureeMaxMinutes' }.kind", equalTo("situation"))
                .body("missing.find { it.path == 'certification.niveau' }.field", equalTo("niveau"))
                .body("sansProvenance", equalTo(0))
                .body("provenances.find { it.path == 'reglesResultat.coefficientFacultatifParDefaut' }.nature", equalTo("DEFAUT"))
                .body("provenances.find { it.path == 'epreuves[7].modalites[1].dureeMinutes' }.citation",
                        equalTo("Épreuve écrite - Durée 4 heures – Coefficient 4"));
    }

    @Test
    void moodleCsvHasTheFourteenColumnsAndOneRowPerBlocAndCompetency() {
        String csv = given().when().get(BASE + "BTS-GPME/versions/1/exports/moodle.csv")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<List<String>> rows = CsvRecords.parse(csv);
        assertEquals(List.of("Parent ID number", "ID number", "Short name", "Description", "Description format",
                "Scale values", "Scale configuration", "Rule type", "Rule outcome", "Rule config", "Related ID numbers",
                "Export ID", "Is framework", "Taxonomy"), rows.get(0));
        assertEquals(1 + 1 + 4 + 25, rows.size());
        Set<String> ids = new HashSet<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(14, row.size(), row.toString());
            assertTrue(row.get(1).length() <= 100 && row.get(2).length() <= 100);
            assertTrue(ids.add(row.get(1)), "ID numbers are unique: " + row.get(1));
            if (!row.get(12).equals("1") && !row.get(0).isEmpty()) {
                assertTrue(ids.contains(row.get(0)), "parent listed before: " + row);
            }
        }
        assertEquals("1", rows.get(1).get(12));
        // Moodle attaches to the framework the rows whose parent is empty: the 4 blocs
        assertEquals(List.of("RNCP38363BC01", "RNCP38363BC02", "RNCP38363BC03", "RNCP38363BC04"),
                rows.stream().skip(2).filter(r -> r.get(0).isEmpty()).map(r -> r.get(1)).toList());
        assertEquals("RNCP38363BC01-C1", rows.get(3).get(1));
        assertEquals("RNCP38363BC01", rows.get(3).get(0));
    }

    @Test
    void caseCfPackageValidatesAgainstTheCase11JsonSchema() throws Exception {
        String docId = ElementIds.of("BTS-GPME", ElementKind.CERTIFICATION, "BTS-GPME").toString();
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", hasItem(docId));
        String body = given().when().get("/ims/case/v1p1/CFPackages/" + docId).then().statusCode(200).extract().asString();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode pkg = mapper.readTree(body);
        Path schemaFile = Path.of("../../shared/standards/case-v1p1-cfpackage-schema.json");
        if (!Files.exists(schemaFile)) {
            schemaFile = Path.of("/work/shared/standards/case-v1p1-cfpackage-schema.json");
        }
        // the binding's $id is relative, which the validator refuses as a base URI: anchor it, nothing else changes
        com.fasterxml.jackson.databind.node.ObjectNode schemaNode =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(Files.readString(schemaFile));
        schemaNode.put("$id", "https://purl.imsglobal.org/spec/case/v1p1/schema/json/" + schemaNode.get("$id").asText());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        Set<ValidationMessage> errors = schema.validate(pkg);
        assertEquals(Set.of(), errors);
        assertEquals(4 + 25 + 4 + 22 + 102 + 4 + 4, pkg.get("CFItems").size());
        String task = ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.1.1.1").toString();
        JsonNode childOf = null;
        for (JsonNode a : pkg.get("CFAssociations")) {
            if (a.at("/originNodeURI/identifier").asText().equals(task) && a.get("associationType").asText().equals("isChildOf")) {
                childOf = a;
            }
        }
        assertEquals(ElementIds.of("BTS-GPME", ElementKind.ACTIVITE, "1.1").toString(),
                childOf.at("/destinationNodeURI/identifier").asText());
        assertEquals(1, childOf.get("sequenceNumber").asInt());
        given().when().get("/ims/case/v1p1/CFAssociations/" + childOf.get("identifier").asText()).then().statusCode(200)
                .body("associationType", equalTo("isChildOf"));
        given().when().get("/ims/case/v1p1/CFItems/" + ElementIds.of("BTS-GPME", ElementKind.EPREUVE, "E4")).then().statusCode(200)
                .body("humanCodingScheme", equalTo("E4"))
                .body("extensions.coefficient", equalTo(6))
                .body("extensions.modalites.categorie", hasItem("CAT_A"));
        given().when().get("/ims/case/v1p1/CFItemTypes/" + pkg.at("/CFItems/0/CFItemTypeURI/identifier").asText())
                .then().statusCode(200).body("CFItemTypes[0].title", equalTo("Bloc de compétences"));
        given().when().get("/ims/case/v1p1/CFItems/" + ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.9.9.9"))
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:not-found")).body("status", equalTo(404))
                .body("imsx_codeMajor", equalTo("failure")).body("imsx_severity", equalTo("error"))
                .body("imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("unknownobject"));
        given().when().get("/ims/case/v1p1/CFPackages/nope").then().statusCode(400).contentType("application/problem+json")
                .body("imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invalid_uuid"));
    }
}
