package fr.bts.dossier;

import fr.bts.devstack.MongoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static fr.bts.dossier.Fixtures.JURY;
import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.RECTORAT_LYON;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.candidate;
import static fr.bts.dossier.Fixtures.etag;
import static fr.bts.dossier.Fixtures.gpme;
import static fr.bts.dossier.Fixtures.register;
import static fr.bts.dossier.Fixtures.sam;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class DossierResourceTest {

    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    @Test
    void registrationIsCheckedAgainstTheReferentialAndOpensTheDossiersItNeeds() {
        String id = as(RECTORAT).contentType("application/json").body(sam("2031", "VER-2031-00001", "cand-a"))
                .post(DOSSIERS)
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", equalTo("\"v1\""))
                .body("academie", equalTo("versailles"))
                .body("status", equalTo("DRAFT"))
                .body("referentialVersion", equalTo(1))
                .body("unites", contains("U1", "U21", "U22", "U3", "U4", "U5", "U6"))
                .body("dossiers.epreuve", contains("E4", "E5"))
                .body("dossiers.status", contains("DRAFT", "DRAFT"))
                .body("history[0].to", equalTo("DRAFT"))
                .extract().path("id");

        as(RECTORAT).get(DOSSIERS + "/" + id).then().statusCode(200).body("benefices[0].note", equalTo("12.5"));
    }

    @Test
    void unknownUnitsNonDispensableUnitsLowBeneficesAndBadLanguagesAre422() {
        Map<String, Object> body = sam("2031", "VER-2031-00002", "cand-b");
        body.put("dispenses", List.of(Map.of("unite", "U4", "diplome", "BTS MCO")));
        body.put("benefices", List.of(Map.of("unite", "U6", "note", "9.5", "session", "2025", "dateObtention", "2025-07-04")));
        body.put("langues", new HashMap<>(Map.of("U21", "ALLEMAND", "U22", "ESPAGNOL", "UF1", "ESPAGNOL")));
        body.put("unitesFacultatives", List.of("UF1", "U9"));

        as(RECTORAT).contentType("application/json").body(body).post(DOSSIERS)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:validation"))
                .body("violations.field", hasItems("dispenses[0].unite", "benefices[0].note", "langues", "langues.UF1",
                        "unitesFacultatives[1]"));
        as(RECTORAT).queryParam("candidateNumber", "VER-2031-00002").get(DOSSIERS).then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void formatErrorsAndUnknownCertificationAre4xx() {
        Map<String, Object> body = sam("2031", "VER-2031-00003", "cand-c");
        body.put("ine", "12AB");
        body.put("email", "not-an-email");
        as(RECTORAT).contentType("application/json").body(body).post(DOSSIERS)
                .then().statusCode(422).body("violations.field", hasItems("ine", "email"));

        Map<String, Object> unknown = sam("2031", "VER-2031-00003", "cand-c");
        unknown.put("certification", "BTS-NOPE");
        as(RECTORAT).contentType("application/json").body(unknown).post(DOSSIERS)
                .then().statusCode(422).body("violations[0].field", equalTo("referentialVersion"));

        as(RECTORAT).contentType("application/json").body("{\"session\": 2031, \"birthDate\": [1]}").post(DOSSIERS)
                .then().statusCode(422).contentType("application/problem+json");
        as(RECTORAT).contentType("application/json").body("{\"session\": ").post(DOSSIERS)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void idempotencyKeyReplaysCreationsAndSubmissions() {
        Map<String, Object> body = gpme("2039", "VER-2039-00001", "cand-w");
        io.restassured.response.Response first = as(RECTORAT).header("Idempotency-Key", "create-w").contentType("application/json")
                .body(body).post(DOSSIERS);
        first.then().statusCode(201).header("ETag", "\"v1\"");
        as(RECTORAT).header("Idempotency-Key", "create-w").contentType("application/json").body(body).post(DOSSIERS)
                .then().statusCode(201).header("Location", equalTo(first.header("Location"))).body("id", equalTo(first.path("id")));
        as(RECTORAT).header("Idempotency-Key", "create-w").contentType("application/json").body(gpme("2039", "VER-2039-00002", "cand-w"))
                .post(DOSSIERS).then().statusCode(422).body("type", equalTo("urn:bts:problem:idempotency-key-reused"));
        assertEquals(1, (int) as(RECTORAT).queryParam("session", "2039").get(DOSSIERS).then().extract().path("totalItems"));

        String submit = DOSSIERS + "/" + first.path("id") + "/registration/submit";
        as(RECTORAT).header("Idempotency-Key", "submit-w").header("If-Match", "\"v1\"").post(submit).then().statusCode(200).header("ETag", "\"v2\"");
        as(RECTORAT).header("Idempotency-Key", "submit-w").header("If-Match", "\"v1\"").post(submit).then().statusCode(200)
                .header("ETag", "\"v2\"").body("status", equalTo("SUBMITTED"));
        as(RECTORAT).header("If-Match", "\"v1\"").post(submit).then().statusCode(412);
    }

    @Test
    void openApiDocumentsRequestExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/dossiers/v1/imports'.post.requestBody.content.'text/csv'.examples", org.hamcrest.Matchers.aMapWithSize(1))
                .body("paths.'/api/dossiers/v1/dossiers'.post.requestBody.content.'application/json'.examples", org.hamcrest.Matchers.aMapWithSize(1));
    }

    @Test
    void readinessChecksMongoDb() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("mongodb"));
    }

    @Test
    void unreachableReferentialIs503AndFixedVersionsAreReadOnce() {
        Map<String, Object> down = sam("2031", "VER-2031-00009", "cand-z");
        down.put("certification", "BTS-DOWN");
        as(RECTORAT).contentType("application/json").body(down).post(DOSSIERS)
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:service-unavailable"));
        assertEquals(3, ReferentialWireMock.requests("/api/referential/v1/certifications/BTS-DOWN/versions/1"));

        register(sam("2031", "VER-2031-00010", "cand-z"));
        register(sam("2031", "VER-2031-00011", "cand-z"));
        assertEquals(1, ReferentialWireMock.requests("/api/referential/v1/certifications/BTS-SAM/versions/1"));
    }

    @Test
    void candidateNumberIsUniquePerAcademieAndSession() {
        register(sam("2032", "VER-2032-00001", "cand-d"));
        as(RECTORAT).contentType("application/json").body(sam("2032", "VER-2032-00001", "cand-e")).post(DOSSIERS)
                .then().statusCode(409).body("type", equalTo("urn:bts:problem:duplicate-candidate-number"));
        // another académie may use the same number
        as(RECTORAT_LYON).contentType("application/json").body(sam("2032", "VER-2032-00001", "cand-e")).post(DOSSIERS)
                .then().statusCode(201).body("academie", equalTo("lyon"));
    }

    @Test
    void otherAcademieGets404OnEveryEndpointAndInLists() {
        String id = register(sam("2033", "VER-2033-00001", "cand-f"));
        String tag = etag(id, RECTORAT);

        as(RECTORAT_LYON).get(DOSSIERS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        as(RECTORAT_LYON).header("If-Match", tag).contentType("application/json").body(sam("2033", "VER-2033-00001", "cand-f"))
                .put(DOSSIERS + "/" + id + "/registration").then().statusCode(404);
        as(RECTORAT_LYON).header("If-Match", tag).post(DOSSIERS + "/" + id + "/registration/submit").then().statusCode(404);
        as(RECTORAT_LYON).get(DOSSIERS + "/" + id + "/conformity").then().statusCode(404);
        as(RECTORAT_LYON).get(DOSSIERS + "/" + id + "/epreuves/E4").then().statusCode(404);
        as(RECTORAT_LYON).get(DOSSIERS + "/" + id + "/attachments").then().statusCode(404);
        as(RECTORAT_LYON).header("If-Match", tag).contentType("application/json").body(Map.of("decision", "CONFORME", "reason", "x"))
                .post(DOSSIERS + "/" + id + "/epreuves/E4/decision").then().statusCode(404);
        as(RECTORAT_LYON).queryParam("session", "2033").get(DOSSIERS).then().statusCode(200).body("totalItems", equalTo(0));
        as(RECTORAT_LYON).get("/api/dossiers/v1/snapshots/2033/BTS-SAM").then().statusCode(200).body("candidates", hasSize(0));
        as(RECTORAT).queryParam("session", "2033").get(DOSSIERS).then().statusCode(200).body("totalItems", equalTo(1));
    }

    @Test
    void candidateSeesOnlyTheirOwnFile() {
        String mine = register(sam("2034", "VER-2034-00001", "cand-g"));
        String theirs = register(sam("2034", "VER-2034-00002", "cand-h"));

        as(candidate("cand-g")).get(DOSSIERS + "/" + mine).then().statusCode(200);
        as(candidate("cand-g")).get(DOSSIERS + "/" + theirs).then().statusCode(404);
        as(candidate("cand-g")).get(DOSSIERS + "/" + theirs + "/conformity").then().statusCode(404);
        as(candidate("cand-g")).queryParam("session", "2034").get(DOSSIERS)
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].id", equalTo(mine));
        List<String> links = as(RECTORAT).queryParam("session", "2034").queryParam("size", "1").get(DOSSIERS).then().statusCode(200)
                .header("X-Total-Count", "2").body("items", hasSize(1)).extract().headers().getValues("Link");
        assertEquals(1, links.stream().filter(l -> l.contains("page=1") && l.contains("rel=\"next\"")).count(), links::toString);
        as(RECTORAT).queryParam("size", "1000").get(DOSSIERS).then().statusCode(400).contentType("application/problem+json");
        as(RECTORAT).queryParam("status", "MAYBE").get(DOSSIERS).then().statusCode(400);
        // same username in another académie sees nothing
        as(fr.bts.devstack.TestTokens.token("cand-g", "lyon", "candidate")).get(DOSSIERS + "/" + mine).then().statusCode(404);
    }

    @Test
    void wrongRoleGets403AndNoTokenGets401() {
        String id = register(sam("2035", "VER-2035-00001", "cand-i"));
        as(JURY).get(DOSSIERS).then().statusCode(403).contentType("application/problem+json");
        as(JURY).get(DOSSIERS + "/" + id).then().statusCode(403);
        as(candidate("cand-i")).contentType("application/json").body(sam("2035", "VER-2035-00009", "cand-i")).post(DOSSIERS)
                .then().statusCode(403);
        as(candidate("cand-i")).header("If-Match", "*").post(DOSSIERS + "/" + id + "/registration/validate").then().statusCode(403);
        as(candidate("cand-i")).get(DOSSIERS + "/export.csv").then().statusCode(403);
        as(candidate("cand-i")).get("/api/dossiers/v1/snapshots/2035/BTS-SAM").then().statusCode(403);
        as(RECTORAT).contentType("application/json").body(Map.of("fiches", List.of()))
                .header("If-Match", "*").put(DOSSIERS + "/" + id + "/epreuves/E4").then().statusCode(403);
        given().get(DOSSIERS + "/" + id).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void registrationSnapshotIsReadByTheRectoratOfItsAcademieOnly() {
        register(sam("2047", "VER-2047-00001", "cand-s"));
        String snapshot = "/api/dossiers/v1/snapshots/2047/BTS-SAM";
        String president = fr.bts.devstack.TestTokens.token("pres-versailles", "versailles", "jury-president", "jury-member");
        as(president).get(snapshot).then().statusCode(403).contentType("application/problem+json");
        as(JURY).get(snapshot).then().statusCode(403).contentType("application/problem+json");
        as(candidate("cand-s")).get(snapshot).then().statusCode(403);
        as(RECTORAT_LYON).get(snapshot).then().statusCode(200).body("candidates", hasSize(0));
        as(RECTORAT).get(snapshot).then().statusCode(200).body("candidates", hasSize(1))
                .body("candidates[0].lastName", org.hamcrest.Matchers.notNullValue());
        // a certification that is no code is refused before any call to the referential
        as(RECTORAT).get("/api/dossiers/v1/snapshots/2047/not-a-code").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void registrationWorkflowNeedsIfMatchAndKeepsHistory() {
        String id = register(gpme("2036", "VER-2036-00001", "cand-j"));
        String submit = DOSSIERS + "/" + id + "/registration/submit";

        as(RECTORAT).post(submit).then().statusCode(428);
        as(RECTORAT).header("If-Match", "\"v9\"").post(submit).then().statusCode(412);
        // RestAssured asks for gzip: a read answered gzipped has the tag of that coding (issue 12)
        as(RECTORAT).header("If-None-Match", "\"v1-gzip\"").get(DOSSIERS + "/" + id).then().statusCode(304)
                .header("ETag", "\"v1-gzip\"").header("Cache-Control", "private, no-cache")
                .header("Vary", org.hamcrest.Matchers.containsString("Accept-Encoding"));
        as(candidate("cand-j")).header("If-Match", "\"v1\"").post(submit).then().statusCode(200).header("ETag", "\"v2\"")
                .body("status", equalTo("SUBMITTED"));
        as(RECTORAT).header("If-Match", "\"v2\"").contentType("application/json").body(Map.of("reason", " "))
                .post(DOSSIERS + "/" + id + "/registration/reject").then().statusCode(422);
        as(RECTORAT).header("If-Match", "\"v2\"").contentType("application/json").body(Map.of("reason", "Pièce d'identité illisible"))
                .post(DOSSIERS + "/" + id + "/registration/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("rejectionReason", equalTo("Pièce d'identité illisible"))
                .body("history.to", contains("DRAFT", "SUBMITTED", "REJECTED"))
                .body("history.by", contains("rectorat-versailles", "cand-j", "rectorat-versailles"))
                .body("history[2].from", equalTo("SUBMITTED"))
                .body("history[2].at", notNullValue());
        as(RECTORAT).header("If-Match", "\"v3\"").post(DOSSIERS + "/" + id + "/registration/validate")
                .then().statusCode(409).body("type", equalTo("urn:bts:problem:dossier-wrong-state"));
    }

    @Test
    void candidateBuildsTheSamE4DossierChecksItAndTheRectoratDecides() {
        String id = register(sam("2037", "VER-2037-00001", "cand-k"));
        String token = candidate("cand-k");
        List<Map<String, Object>> missions = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Map<String, String> champs = new HashMap<>();
            for (String f : List.of("periodeDuree", "competenceVisee", "objectifs", "methodologieMoyens", "productions",
                    "resultats", "initiativesResponsabilites", "analyseReflexive")) {
                champs.put(f, f + " " + i);
            }
            missions.add(Map.of("id", "M" + i, "type", "MISSION", "activites", List.of("1." + i),
                    "drapeaux", i <= 2 ? List.of("contexteInternational") : List.of(), "champs", champs));
        }
        String e4 = DOSSIERS + "/" + id + "/epreuves/E4";

        as(token).header("If-Match", "\"v1\"").contentType("application/json")
                .body(Map.of("fiches", List.of(Map.of("id", "X", "type", "GRCF")))).put(e4)
                .then().statusCode(422).body("violations[0].field", equalTo("fiches[0].type"));
        as(token).header("If-Match", "\"v1\"").contentType("application/json").body(Map.of("fiches", missions)).put(e4)
                .then().statusCode(200).header("ETag", "\"v2\"");

        as(token).get(DOSSIERS + "/" + id + "/conformity").then().statusCode(200)
                .body("E4.conforme", equalTo(false))
                .body("E4.results.findAll { !it.passed }.code", containsInAnyOrder("SAM-E4-05", "SAM-E4-06", "SAM-E4-07"))
                .body("E5.results.find { it.code == 'SAM-E5-01' }.passed", equalTo(false));

        for (String piece : List.of("SOMMAIRE", "ATTESTATION_NON_PLAGIAT", "ATTESTATIONS_STAGE")) {
            as(token).contentType("application/pdf").body("%PDF-1.7 piece".getBytes())
                    .queryParam("epreuve", "E4").queryParam("piece", piece).queryParam("fileName", piece + ".pdf")
                    .post(DOSSIERS + "/" + id + "/attachments").then().statusCode(201);
        }
        as(token).get(DOSSIERS + "/" + id + "/conformity").then().statusCode(200)
                .body("E4.conforme", equalTo(true)).body("E4.penalite", equalTo(false));

        String tag = etag(id, token);
        as(RECTORAT).header("If-Match", tag).contentType("application/json").body(Map.of("decision", "CONFORME"))
                .post(e4 + "/decision").then().statusCode(409);
        as(token).header("If-Match", tag).post(e4 + "/submit").then().statusCode(200)
                .body("dossiers.find { it.epreuve == 'E4' }.status", equalTo("SUBMITTED"));
        as(token).header("If-Match", "*").contentType("application/json").body(Map.of("fiches", missions)).put(e4)
                .then().statusCode(409).body("type", equalTo("urn:bts:problem:dossier-wrong-state"));

        tag = etag(id, RECTORAT);
        as(RECTORAT).header("If-Match", tag).contentType("application/json").body(Map.of("decision", "NON_CONFORME"))
                .post(e4 + "/decision").then().statusCode(422).body("violations[0].field", equalTo("reason"));
        as(RECTORAT).header("If-Match", tag).contentType("application/json").body(Map.of("decision", "CONFORME"))
                .post(e4 + "/decision").then().statusCode(200)
                .body("dossiers.find { it.epreuve == 'E4' }.status", equalTo("CONFORME"))
                .body("dossiers.find { it.epreuve == 'E4' }.decision.report.conforme", equalTo(true))
                .body("dossiers.find { it.epreuve == 'E4' }.decision.report.results", hasSize(7))
                .body("history.target", hasItem("E4"));
    }

    @Test
    void afterTheDeadlineTheCandidateCannotEditAndADraftDossierIsNvInTheSnapshot() {
        String id = register(sam("2038", "VER-2038-00001", "cand-l"));
        String other = register(sam("2038", "VER-2038-00002", "cand-m"));
        as(candidate("cand-m")).header("If-Match", "\"v1\"").post(DOSSIERS + "/" + other + "/epreuves/E4/submit").then().statusCode(200);
        as(RECTORAT).header("If-Match", "\"v1\"").post(DOSSIERS + "/" + id + "/registration/submit").then().statusCode(200);
        as(RECTORAT).header("If-Match", "\"v2\"").post(DOSSIERS + "/" + id + "/registration/validate").then().statusCode(200);

        as(RECTORAT).get("/api/dossiers/v1/snapshots/2038/BTS-SAM").then().statusCode(200)
                .body("candidates.find { it.registrationId == '" + id + "' }.epreuves.nv", contains(false, false));

        as(candidate("cand-l")).contentType("application/json").body(Map.of("dossierDeadline", Instant.now().minusSeconds(60).toString()))
                .put("/api/dossiers/v1/campaigns/2038/BTS-SAM").then().statusCode(403);
        as(RECTORAT).contentType("application/json").body(Map.of("dossierDeadline", Instant.now().minusSeconds(60).toString()))
                .put("/api/dossiers/v1/campaigns/2038/BTS-SAM").then().statusCode(200).body("setBy", equalTo("rectorat-versailles"));

        as(candidate("cand-l")).header("If-Match", "\"v3\"").contentType("application/json").body(Map.of("fiches", List.of()))
                .put(DOSSIERS + "/" + id + "/epreuves/E4")
                .then().statusCode(409).body("type", equalTo("urn:bts:problem:dossier-deadline-passed"));
        as(candidate("cand-l")).header("If-Match", "\"v3\"").post(DOSSIERS + "/" + id + "/epreuves/E5/submit").then().statusCode(409);

        as(RECTORAT).get("/api/dossiers/v1/snapshots/2038/BTS-SAM").then().statusCode(200)
                .body("academie", equalTo("versailles"))
                .body("referentialVersion", equalTo(1))
                .body("candidates", hasSize(2))
                .body("candidates.find { it.registrationId == '" + id + "' }.status", equalTo("VALIDATED"))
                .body("candidates.find { it.registrationId == '" + id + "' }.langues.U21", equalTo("ANGLAIS"))
                .body("candidates.find { it.registrationId == '" + id + "' }.dispenses[0].unite", equalTo("U1"))
                .body("candidates.find { it.registrationId == '" + id + "' }.benefices[0].note", equalTo("12.5"))
                .body("candidates.find { it.registrationId == '" + id + "' }.birthDate", matchesPattern("\\d{4}-\\d{2}-\\d{2}"))
                .body("candidates.find { it.registrationId == '" + id + "' }.benefices[0].dateObtention", matchesPattern("\\d{4}-\\d{2}-\\d{2}"))
                .body("candidates.find { it.registrationId == '" + id + "' }.epreuves.dossier", contains("ABSENT", "ABSENT"))
                .body("candidates.find { it.registrationId == '" + id + "' }.epreuves.nv", contains(true, true))
                .body("candidates.find { it.registrationId == '" + other + "' }.epreuves.dossier", contains("SUBMITTED", "ABSENT"));
    }

    @Test
    void answersOnlyTheMediaTypesItProducesAndElse406Problem() {
        String id = register(sam("2031", "VER-2031-00406", "cand-accept"));

        as(RECTORAT).accept("application/json").get(DOSSIERS + "/" + id).then().statusCode(200).body("id", equalTo(id));
        as(RECTORAT).accept("*/*").get(DOSSIERS + "/" + id).then().statusCode(200).contentType("application/json");
        as(RECTORAT).accept("text/csv").get(DOSSIERS + "/" + id)
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:not-acceptable")).body("status", equalTo(406));
        as(RECTORAT).accept("text/csv").get(DOSSIERS + "/export.csv?session=2031")
                .then().statusCode(200).contentType(startsWith("text/csv"));
        as(RECTORAT).accept("application/json").get(DOSSIERS + "/export.csv?session=2031")
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:not-acceptable"));
        as(RECTORAT).accept("application/xml").get(DOSSIERS + "/" + id + "/epreuves/E4")
                .then().statusCode(406).contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:not-acceptable"));
    }
}
