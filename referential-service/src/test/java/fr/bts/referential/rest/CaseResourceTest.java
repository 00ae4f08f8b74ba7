package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.referential.casepackage.CasePackageBuilder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CASE 1.1 read API as a CASE consumer uses it: paging, sorting, filtering and field selection of CFDocuments
 * (bad values answered 400 in the CASE error shape), every public version as a CFDocument/CFPackage of its own,
 * CFDocumentURI on every association, lastChangeDateTime from when a node really changed, the SAM critères de
 * performance as CFRubrics verbatim, conditional GET, and every package valid against the CASE 1.0 and 1.1 schemas.
 * Every test stands alone: those on versions create a certification of their own ({@link Versioned}), so that the
 * seeded ones stay as they are.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class CaseResourceTest {

    static final String CASE = "/ims/case/v1p1/";
    static final String CERTS = "/api/referential/v1/certifications";
    static final String GPME = ElementIds.of("BTS-GPME", ElementKind.CERTIFICATION, "BTS-GPME").toString();
    static final String SAM = ElementIds.of("BTS-SAM", ElementKind.CERTIFICATION, "BTS-SAM").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    // ---- paging, sorting, filtering, field selection -------------------------------------------------------

    @Test
    void limitAndOffsetPageTheDocumentsWithTotalAndLinks() throws IOException {
        JsonNode all = json(given().when().get(CASE + "CFDocuments").then().statusCode(200).extract().asString());
        int total = all.get("CFDocuments").size();
        assertTrue(total >= 4, "two current documents and two version documents at least: " + total);

        Response first = given().queryParam("limit", "1").when().get(CASE + "CFDocuments");
        first.then().statusCode(200).header("X-Total-Count", String.valueOf(total)).body("CFDocuments", hasSize(1))
                .header("Link", containsString("limit=1&offset=1>; rel=\"next\""))
                .header("Link", containsString("rel=\"last\""))
                .header("Link", not(containsString("rel=\"prev\"")));
        assertEquals(all.at("/CFDocuments/0/identifier").asText(), json(first.asString()).at("/CFDocuments/0/identifier").asText());

        Response second = given().queryParam("limit", "1").queryParam("offset", "1").when().get(CASE + "CFDocuments");
        second.then().statusCode(200).body("CFDocuments", hasSize(1))
                .header("Link", containsString("limit=1&offset=0>; rel=\"first\""))
                .header("Link", containsString("limit=1&offset=0>; rel=\"prev\""));
        assertEquals(all.at("/CFDocuments/1/identifier").asText(), json(second.asString()).at("/CFDocuments/0/identifier").asText());
        assertTrue(second.header("Link").startsWith("<http://"), "Link targets are absolute: " + second.header("Link"));

        given().queryParam("offset", String.valueOf(total)).when().get(CASE + "CFDocuments").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(total)).body("CFDocuments", hasSize(0));
        given().queryParam("limit", "100000").when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments", hasSize(total));
    }

    @Test
    void sortOrderByFilterAndFieldsSelectAsTheBindingSays() throws IOException {
        List<String> titles = new ArrayList<>();
        json(given().queryParam("sort", "title").queryParam("orderBy", "desc").when().get(CASE + "CFDocuments")
                .then().statusCode(200).extract().asString()).get("CFDocuments").forEach(d -> titles.add(d.get("title").asText()));
        List<String> expected = new ArrayList<>(titles);
        expected.sort(String.CASE_INSENSITIVE_ORDER.reversed());
        assertEquals(expected, titles);
        assertTrue(titles.size() >= 4);

        given().queryParam("filter", "title~'gestion de la pme'").when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments.title", hasItem("BTS - Gestion de la PME"))
                .body("CFDocuments.title", not(hasItem("BTS - Support à l'action managériale")))
                .body("CFDocuments.identifier", hasItems(GPME, CasePackageBuilder.versionDocumentId("BTS-GPME", 1).toString()))
                .header("X-Total-Count", "2");
        given().queryParam("filter", "identifier='" + GPME + "' OR identifier='" + SAM + "'").when().get(CASE + "CFDocuments")
                .then().statusCode(200).body("CFDocuments.identifier", equalTo(List.of(GPME, SAM)));
        given().queryParam("filter", "identifier='" + GPME + "' AND version='2'").when().get(CASE + "CFDocuments")
                .then().statusCode(200).body("CFDocuments", hasSize(0)).header("X-Total-Count", "0");
        given().queryParam("filter", "lastChangeDateTime<'2020-01-01' AND identifier!='" + GPME + "'")
                .when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", equalTo(List.of(SAM, CasePackageBuilder.versionDocumentId("BTS-SAM", 1).toString())));
        given().queryParam("filter", "subject~'314'").queryParam("fields", "identifier,title")
                .when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", hasItem(GPME))
                .body("CFDocuments[0].keySet()", equalTo(Set.of("identifier", "title")));
    }

    @Test
    void badQueryValuesAre400InTheCaseErrorShapeNever500() {
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("limit=0", new String[] {"limit", "invalid_selection_field"});
        bad.put("limit=-1", new String[] {"limit", "invalid_selection_field"});
        bad.put("limit=ten", new String[] {"limit", "invalid_selection_field"});
        bad.put("limit=99999999999", new String[] {"limit", "invalid_selection_field"});
        bad.put("offset=-5", new String[] {"offset", "invalid_selection_field"});
        bad.put("offset=1.5", new String[] {"offset", "invalid_selection_field"});
        bad.put("sort=colour", new String[] {"sort", "invalid_sort_field"});
        bad.put("sort=title&orderBy=sideways", new String[] {"orderBy", "invalid_sort_field"});
        bad.put("filter=colour='blue'", new String[] {"filter", "invalid_selection_field"});
        bad.put("filter=title~gestion", new String[] {"filter", "invalid_selection_field"});
        bad.put("filter=title=='x'", new String[] {"filter", "invalid_selection_field"});
        bad.put("filter=title='a' AND creator='b' OR version='1'", new String[] {"filter", "invalid_selection_field"});
        bad.put("filter=title='a' AND ", new String[] {"filter", "invalid_selection_field"});
        bad.put("fields=identifier,colour", new String[] {"fields", "invalid_selection_field"});
        for (Map.Entry<String, String[]> b : bad.entrySet()) {
            RequestSpecification request = given().urlEncodingEnabled(true);
            for (String pair : b.getKey().split("&")) {
                int eq = pair.indexOf('=');
                request = request.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
            }
            try {
                request.when().get(CASE + "CFDocuments").then().statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("urn:bts:problem:bad-request")).body("status", equalTo(400))
                        .body("imsx_codeMajor", equalTo("failure")).body("imsx_severity", equalTo("error"))
                        .body("imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldName", equalTo(b.getValue()[0]))
                        .body("imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo(b.getValue()[1]));
            } catch (AssertionError e) {
                throw new AssertionError(b.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    // ---- true lastChangeDateTime, rubrics, caching, schemas on the seeds --------------------------------------

    @Test
    void seededVersionsSayTheDateTheirSourcesGiveNotTheLoadTime() throws Exception {
        Instant loaded = publishedAt("BTS-GPME", 1);
        assertTrue(loaded.isAfter(Instant.parse("2025-01-01T00:00:00Z")), "the seed was loaded by this test run: " + loaded);
        JsonNode gpme = pkg(GPME);
        assertEquals("2023-12-11T00:00:00Z", gpme.at("/CFDocument/lastChangeDateTime").asText());
        assertEquals("source", gpme.at("/CFDocument/extensions/lastChangeDateTimeSource/from").asText());
        assertTrue(gpme.at("/CFDocument/extensions/lastChangeDateTimeSource/basis").asText().startsWith("[S000]"));
        assertTrue(gpme.at("/CFDocument/extensions/lastChangeDateTimeSource/default").asText().contains("time of day"));
        for (String collection : List.of("CFItems", "CFAssociations")) {
            for (JsonNode node : gpme.get(collection)) {
                assertEquals("2023-12-11T00:00:00Z", node.get("lastChangeDateTime").asText(), node.toString());
                assertNotEquals(loaded.toString(), node.get("lastChangeDateTime").asText());
            }
        }
        JsonNode sam = pkg(SAM);
        assertEquals("2017-11-10T00:00:00Z", sam.at("/CFDocument/lastChangeDateTime").asText());
        assertTrue(sam.at("/CFDocument/extensions/lastChangeDateTimeSource/basis").asText()
                .contains("Document de travail au 10 novembre 2017"));
        assertTrue(seed("002").contains("Document de travail au 10 novembre 2017"));
        assertTrue(seed("000").contains("Date de publication de la fiche\t11-12-2023"));
        String type = gpme.at("/CFItems/0/CFItemTypeURI/identifier").asText();
        given().when().get(CASE + "CFItemTypes/" + type).then().statusCode(200)
                .body("CFItemTypes", hasSize(1)).body("CFItemTypes[0].title", equalTo("Bloc de compétences"))
                .body("CFItemTypes[0].lastChangeDateTime", equalTo("2017-11-10T00:00:00Z"));
    }

    @Test
    void samPerformanceCriteriaAreRubricsVerbatimLinkedToTheirCompetencies() throws Exception {
        JsonNode sam = pkg(SAM);
        // the words of the version document, which SourceFidelityResourceTest finds verbatim in the seeds
        JsonNode document = json(given().when().get(CERTS + "/BTS-SAM/versions/1").then().statusCode(200).extract().asString());
        String source = seed("002").replaceAll("\\s+", "");
        Map<String, JsonNode> competencies = new LinkedHashMap<>();
        for (JsonNode bloc : document.get("blocs")) {
            for (JsonNode competence : bloc.get("competences")) {
                if (competence.get("criteres").size() > 0) {
                    competencies.put(competence.get("id").asText(), competence);
                }
            }
        }
        JsonNode rubrics = sam.get("CFRubrics");
        assertEquals(12, rubrics.size(), "one rubric per SAM competency");
        assertEquals(competencies.size(), rubrics.size());
        int criteria = 0;
        Set<String> ids = new HashSet<>();
        for (JsonNode rubric : rubrics) {
            assertEquals("Critères de performance", rubric.get("title").asText());
            assertTrue(source.contains("Critèresdeperformance"));
            JsonNode competence = competencies.get(rubric.at("/CFRubricCriteria/0/CFItemURI/identifier").asText());
            assertNotNull(competence, rubric.toString());
            assertEquals(CasePackageBuilder.rubricId("BTS-SAM", competence.get("code").asText()).toString(),
                    rubric.get("identifier").asText());
            assertEquals(competence.get("libelle").asText(), rubric.get("description").asText());
            assertEquals(competence.get("criteres").size(), rubric.get("CFRubricCriteria").size());
            int position = 0;
            for (JsonNode criterion : rubric.get("CFRubricCriteria")) {
                JsonNode critere = competence.get("criteres").get(position);
                criteria++;
                assertTrue(ids.add(criterion.get("identifier").asText()), "criterion ids are unique");
                assertEquals(++position, criterion.get("position").asInt());
                assertEquals(rubric.get("identifier").asText(), criterion.get("rubricId").asText());
                assertEquals(competence.get("id").asText(), criterion.at("/CFItemURI/identifier").asText());
                assertEquals(critere.get("libelle").asText(), criterion.get("description").asText(), "verbatim");
                String category = criterion.get("category").asText();
                for (String part : category.split(" — ")) {
                    assertTrue(source.contains(part.replaceAll("\\s+", "")), "category verbatim in [S002]: " + part);
                }
                if (!critere.get("rubrique").isNull()) {
                    assertTrue(category.endsWith(" — " + critere.get("rubrique").asText()), category);
                }
                assertFalse(criterion.has("weight"), "the documents give no weights");
                assertFalse(criterion.has("CFRubricCriterionLevels"), "nor levels");
            }
        }
        assertEquals(130, criteria, "every critère de performance of the SAM document, no more");
        String competency = ElementIds.of("BTS-SAM", ElementKind.COMPETENCE, "C1.1").toString();
        String rubric = CasePackageBuilder.rubricId("BTS-SAM", "C1.1").toString();
        given().when().get(CASE + "CFRubrics/" + rubric).then().statusCode(200)
                .body("identifier", equalTo(rubric))
                .body("CFRubricCriteria.CFItemURI.identifier", everyItemIs(competency))
                .body("CFRubricCriteria[0].description", equalTo("Relations instaurées propices à fidéliser et à renforcer "
                        + "la coopération, dans le respect des valeurs de l’organisation et des caractéristiques culturelles des partenaires."))
                .body("CFRubricCriteria[0].category", equalTo("Critères spécifiques au domaine d’activité"));
        given().when().get(CASE + "CFRubrics/" + ElementIds.of("BTS-SAM", ElementKind.COMPETENCE, "C9.9")).then()
                .statusCode(404).body("imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("unknownobject"));
        assertEquals(0, pkg(GPME).get("CFRubrics").size(), "the GPME documents state no criteria: no rubric is made up");
    }

    @Test
    void answersAreCacheableWithStrongEtagLastModifiedAnd304() {
        for (String path : List.of("CFDocuments", "CFDocuments/" + GPME, "CFPackages/" + SAM,
                "CFItems/" + ElementIds.of("BTS-GPME", ElementKind.EPREUVE, "E4"),
                "CFItemAssociations/" + ElementIds.of("BTS-GPME", ElementKind.EPREUVE, "E4"),
                "CFRubrics/" + CasePackageBuilder.rubricId("BTS-SAM", "C1.1"))) {
            Response first = given().when().get(CASE + path);
            first.then().statusCode(200).header("Cache-Control", "public, max-age=300");
            String etag = first.header("ETag");
            assertTrue(etag != null && etag.matches("\"[A-Za-z0-9_-]{22}(-gzip)?\""), path + ": " + etag);
            String lastModified = first.header("Last-Modified");
            assertNotNull(lastModified, path);
            given().header("If-None-Match", etag).when().get(CASE + path).then().statusCode(304).header("ETag", etag)
                    .header("Cache-Control", "public, max-age=300").header("Last-Modified", lastModified);
            given().header("If-None-Match", "\"other\"").when().get(CASE + path).then().statusCode(200);
            given().header("If-Modified-Since", lastModified).when().get(CASE + path).then().statusCode(304);
            given().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").when().get(CASE + path).then().statusCode(200);
            given().header("If-Modified-Since", "yesterday").when().get(CASE + path).then().statusCode(200);
        }
        given().when().get(CASE + "CFPackages/" + GPME).then().statusCode(200)
                .header("Last-Modified", equalTo(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.parse("2023-12-11T00:00:00Z").atZone(ZoneOffset.UTC))));
    }

    // ---- every public version addressable, CFDocumentURI, change dates across versions ------------------------

    @Test
    void everyPublicVersionIsADocumentOfItsOwnAndTheCurrentStaysWhereItIs() throws Exception {
        Versioned mine = new Versioned("BTS-CASE", "RNCP99998", "Mini CASE (fixture)").firstPublished();
        Instant published1 = publishedAt("BTS-CASE", 1);
        String v1 = mine.versionId(1);
        String v2 = mine.versionId(2);
        given().when().get(CASE + "CFDocuments/" + v2).then().statusCode(404)
                .body("imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("unknownobject"));

        admin().queryParam("libelle", "Version 2").when().post(mine.path() + "/versions").then().statusCode(201);
        given().when().get(CASE + "CFDocuments/" + v2).then().statusCode(404);
        mine.secondPublished();
        Instant published2 = publishedAt("BTS-CASE", 2);

        given().queryParam("filter", "title~'mini case'").when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", equalTo(List.of(mine.id(), v2, v1)))
                .body("CFDocuments.version", equalTo(List.of("2", "2", "1")))
                .body("CFDocuments.CFPackageURI.identifier", equalTo(List.of(mine.id(), v2, v1)));
        JsonNode current = pkg(mine.id());
        JsonNode second = pkg(v2);
        JsonNode first = pkg(v1);
        assertEquals("2", current.at("/CFDocument/version").asText());
        assertEquals(mine.id(), current.at("/CFDocument/identifier").asText());
        assertEquals(v1, first.at("/CFDocument/identifier").asText());
        assertEquals("1", first.at("/CFDocument/version").asText());
        assertTrue(first.at("/CFDocument/uri").asText().endsWith("/ims/case/v1p1/CFDocuments/" + v1));
        assertEquals(2, epreuve(first, "E51").at("/extensions/coefficient").asInt());
        assertEquals(4, epreuve(second, "E51").at("/extensions/coefficient").asInt());
        assertEquals(4, epreuve(current, "E51").at("/extensions/coefficient").asInt());
        for (JsonNode a : first.get("CFAssociations")) {
            if (a.at("/destinationNodeURI/uri").asText().contains("/CFDocuments/")) {
                assertEquals(v1, a.at("/destinationNodeURI/identifier").asText(), "the tree of version 1 hangs from its own document");
            }
        }
        given().when().get(CASE + "CFDocuments/" + v1).then().statusCode(200)
                .body("identifier", equalTo(v1)).body("adoptionStatus", equalTo("Implemented"))
                .body("CFPackageURI.uri", containsString("/CFPackages/" + v1));

        // what changed in version 2 says version 2's date; what did not keeps version 1's
        assertEquals(published2.toString(), current.at("/CFDocument/lastChangeDateTime").asText());
        assertEquals(published2.toString(), epreuve(current, "E51").get("lastChangeDateTime").asText());
        assertEquals(published1.toString(), epreuve(current, "E4").get("lastChangeDateTime").asText());
        assertEquals(published1.toString(), epreuve(first, "E51").get("lastChangeDateTime").asText());
        assertEquals(published1.toString(), first.at("/CFDocument/lastChangeDateTime").asText());
        assertEquals("publishedAt", first.at("/CFDocument/extensions/lastChangeDateTimeSource/from").asText());
        assertNotEquals(published1, published2);

        admin().when().post(mine.path() + "/versions/1/deprecation").then().statusCode(200);
        Instant deprecated1 = deprecatedAt("BTS-CASE", 1);
        JsonNode deprecated = pkg(v1);
        assertEquals("Deprecated", deprecated.at("/CFDocument/adoptionStatus").asText());
        assertEquals(deprecated1.toString(), deprecated.at("/CFDocument/lastChangeDateTime").asText(), "the document changed then");
        assertEquals(published1.toString(), epreuve(deprecated, "E51").get("lastChangeDateTime").asText(), "its items did not");
        given().queryParam("filter", "adoptionStatus='deprecated'").when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", hasItem(v1)).body("CFDocuments.identifier", not(hasItem(v2)));
        given().queryParam("filter", "title~'mini case'").when().get(CASE + "CFDocuments").then().statusCode(200)
                .body("CFDocuments.identifier", equalTo(List.of(mine.id(), v2, v1)));
    }

    @Test
    void everyAssociationIsServedWithTheDocumentItBelongsTo() throws Exception {
        Versioned mine = new Versioned("BTS-CASE-A", "RNCP99997", "Associations CASE (fixture)").superseded();
        String v1 = mine.versionId(1);
        for (String document : List.of(GPME, v1)) {
            JsonNode pkg = pkg(document);
            assertTrue(pkg.get("CFAssociations").size() > 10);
            for (JsonNode a : pkg.get("CFAssociations")) {
                String id = a.get("identifier").asText();
                boolean root = a.at("/destinationNodeURI/identifier").asText().equals(document);
                if (document.equals(v1) && !root) {
                    continue; // shared with the current package, which is answered first
                }
                JsonNode served = json(given().when().get(CASE + "CFAssociations/" + id).then().statusCode(200).extract().asString());
                assertEquals(document, served.at("/CFDocumentURI/identifier").asText(), served.toString());
                assertTrue(served.at("/CFDocumentURI/uri").asText().endsWith("/ims/case/v1p1/CFDocuments/" + document));
                ObjectNode withoutLink = served.deepCopy();
                withoutLink.remove("CFDocumentURI");
                assertEquals(a, withoutLink, "the association alone is its package form plus CFDocumentURI");
            }
        }
        String task = ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.1.1.1").toString();
        given().when().get(CASE + "CFItemAssociations/" + task).then().statusCode(200)
                .body("CFItem.identifier", equalTo(task)).body("CFItem.CFDocumentURI.identifier", equalTo(GPME))
                .body("CFAssociations.associationType", hasItem("isChildOf"));
    }

    @Test
    void everyServedPackageValidatesAgainstTheCase10And11Schemas() throws Exception {
        Versioned mine = new Versioned("BTS-CASE-S", "RNCP99996", "Schemas CASE (fixture)").superseded();
        List<String> documents = new ArrayList<>();
        json(given().queryParam("limit", "1000").when().get(CASE + "CFDocuments").then().statusCode(200).extract().asString())
                .get("CFDocuments").forEach(d -> documents.add(d.get("identifier").asText()));
        assertTrue(documents.containsAll(List.of(GPME, SAM, mine.id(),
                CasePackageBuilder.versionDocumentId("BTS-GPME", 1).toString(),
                CasePackageBuilder.versionDocumentId("BTS-SAM", 1).toString(),
                mine.versionId(1), mine.versionId(2))), documents.toString());
        JsonSchema v1p1 = schema("case-v1p1-cfpackage-schema.json", SpecVersion.VersionFlag.V202012);
        JsonSchema v1p0 = schema("case-v1p0-cfpackage-schema.json", SpecVersion.VersionFlag.V4);
        int rubrics = 0;
        for (String document : documents) {
            JsonNode pkg = pkg(document);
            assertEquals(Set.of(), v1p1.validate(pkg), "CASE 1.1: " + document);
            assertEquals(Set.of(), v1p0.validate(pkg), "CASE 1.0: " + document);
            rubrics += pkg.get("CFRubrics").size();
            Set<String> targets = new HashSet<>();
            pkg.get("CFItems").forEach(i -> targets.add(i.get("identifier").asText()));
            targets.add(document);
            for (JsonNode a : pkg.get("CFAssociations")) {
                assertTrue(targets.contains(a.at("/originNodeURI/identifier").asText()), a.toString());
                assertTrue(targets.contains(a.at("/destinationNodeURI/identifier").asText()), "resolved in its package: " + a);
            }
        }
        assertTrue(rubrics >= 24, "the SAM rubrics, in its current and its version document: " + rubrics);
        // the 1.0 schema really checks: a package without its document's required members fails
        ObjectNode broken = (ObjectNode) pkg(GPME);
        ((ObjectNode) broken.get("CFDocument")).remove("title");
        assertFalse(v1p0.validate(broken).isEmpty());
        assertFalse(v1p1.validate(broken).isEmpty());
    }

    @Test
    void openApiDocumentsEveryCaseOperationAsPublicWithSchemas() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("CFDocuments", "getAllCFDocuments");
        operations.put("CFDocuments/{id}", "getCFDocument");
        operations.put("CFPackages/{id}", "getCFPackage");
        operations.put("CFItems/{id}", "getCFItem");
        operations.put("CFItemAssociations/{id}", "getCFItemAssociations");
        operations.put("CFAssociations/{id}", "getCFAssociation");
        operations.put("CFRubrics/{id}", "getCFRubric");
        operations.put("CFItemTypes/{id}", "getCFItemType");
        String doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        io.restassured.path.json.JsonPath openapi = new io.restassured.path.json.JsonPath(doc);
        for (Map.Entry<String, String> op : operations.entrySet()) {
            String get = "paths.'/ims/case/v1p1/" + op.getKey() + "'.get";
            assertEquals(op.getValue(), openapi.getString(get + ".operationId"), op.getKey());
            assertFalse(openapi.getString(get + ".summary").isBlank());
            assertEquals(List.of(), openapi.getList(get + ".security"), op.getKey() + " is public");
            assertNotNull(openapi.get(get + ".responses.'200'.content.'application/json'.schema.'$ref'"), op.getKey());
            assertNotNull(openapi.get(get + ".responses.'400'.content.'application/problem+json'.schema.'$ref'"), op.getKey());
            if (!op.getKey().equals("CFDocuments")) {
                assertNotNull(openapi.get(get + ".responses.'404'.content.'application/problem+json'.schema.'$ref'"), op.getKey());
            }
        }
        assertEquals(Set.of("limit", "offset", "sort", "orderBy", "filter", "fields"), Set.copyOf(
                openapi.getList("paths.'/ims/case/v1p1/CFDocuments'.get.parameters.findAll { it.in == 'query' }.name")));
        assertNotNull(openapi.get("components.schemas.CFPackage.properties.CFRubrics"));
        assertNotNull(openapi.get("components.schemas.CaseProblem.properties.imsx_codeMinor"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * A certification a test creates for itself from the BTS-MINI fixture, under its own code, RNCP number and title
     * (titles that do not contain one another, so that a title filter finds one certification), with the steps that
     * publish its versions: version 1 (E51 coefficient 2), version 2 (E51 coefficient 4), version 1 deprecated.
     */
    record Versioned(String code, String rncp, String title) {

        String path() {
            return CERTS + "/" + code;
        }

        String id() {
            return ElementIds.of(code, ElementKind.CERTIFICATION, code).toString();
        }

        String versionId(int number) {
            return CasePackageBuilder.versionDocumentId(code, number).toString();
        }

        private String own(String fixture) {
            return fixture.replace("BTS-MINI", code).replace("RNCP99999", rncp).replace("Mini PME (fixture)", title);
        }

        Versioned firstPublished() throws IOException {
            String identity = own("""
                    {"code":"BTS-MINI","rncp":"RNCP99999","intitule":"BTS - Mini PME (fixture)","type":"BTS","niveau":"5",
                     "nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],"certificateurs":[],
                     "datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
                     "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}""");
            admin().contentType("application/json").body(identity).when().post(CERTS).then().statusCode(201);
            admin().header("If-Match", etag(path() + "/versions/1")).contentType("application/json")
                    .body(own(resource("fixtures/mini-gpme.json"))).when().put(path() + "/versions/1").then().statusCode(200);
            coefficient(1, 2);
            admin().when().post(path() + "/versions/1/validation").then().statusCode(200);
            admin().when().post(path() + "/versions/1/publication").then().statusCode(200);
            return this;
        }

        /** Version 2, opened already, with E51's coefficient 4, validated and published. */
        Versioned secondPublished() {
            coefficient(2, 4);
            admin().when().post(path() + "/versions/2/validation").then().statusCode(200);
            admin().when().post(path() + "/versions/2/publication").then().statusCode(200);
            return this;
        }

        /** Both versions published, version 1 deprecated. */
        Versioned superseded() throws IOException {
            firstPublished();
            admin().queryParam("libelle", "Version 2").when().post(path() + "/versions").then().statusCode(201);
            secondPublished();
            admin().when().post(path() + "/versions/1/deprecation").then().statusCode(200);
            return this;
        }

        private void coefficient(int version, int coefficient) {
            admin().header("If-Match", etag(path() + "/versions/" + version)).contentType("application/json")
                    .body("{\"coefficient\": " + coefficient + "}").when().patch(path() + "/versions/" + version + "/items/E51")
                    .then().statusCode(200);
        }
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin", null, "referential-admin"));
    }

    static String etag(String path) {
        return admin().when().get(path).then().statusCode(200).extract().header("ETag");
    }

    static JsonNode pkg(String document) throws IOException {
        return json(given().when().get(CASE + "CFPackages/" + document).then().statusCode(200).extract().asString());
    }

    static JsonNode epreuve(JsonNode pkg, String code) {
        for (JsonNode item : pkg.get("CFItems")) {
            if (code.equals(item.get("humanCodingScheme").asText()) && "epreuve".equals(item.at("/extensions/kind").asText())) {
                return item;
            }
        }
        throw new AssertionError("no épreuve " + code);
    }

    static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    static JsonSchema schema(String file, SpecVersion.VersionFlag flag) throws IOException {
        Path path = Path.of("../../shared/standards/" + file);
        if (!Files.exists(path)) {
            path = Path.of("/work/shared/standards/" + file);
        }
        ObjectNode node = (ObjectNode) JSON.readTree(Files.readString(path));
        if (node.has("$id")) {
            // the binding's $id is relative, which the validator refuses as a base URI: anchor it, nothing else changes
            node.put("$id", "https://purl.imsglobal.org/spec/case/v1p1/schema/json/" + node.get("$id").asText());
        }
        return JsonSchemaFactory.getInstance(flag).getSchema(node);
    }

    static String seed(String prefix) throws IOException {
        Path dir = Path.of("../../shared/seeds");
        if (!Files.exists(dir)) {
            dir = Path.of("/work/shared/seeds");
        }
        try (var files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix + "_")).findFirst().orElseThrow();
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CaseResourceTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Instant publishedAt(String code, int number) throws SQLException {
        return timestamp("published_at", code, number);
    }

    static Instant deprecatedAt(String code, int number) throws SQLException {
        return timestamp("deprecated_at", code, number);
    }

    private static Instant timestamp(String column, String code, int number) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             var statement = c.prepareStatement("select v." + column + " from referential_version v join certification c "
                     + "on c.id = v.certification_id where c.code = ? and v.number = ?")) {
            statement.setString(1, code);
            statement.setInt(2, number);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
