package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/**
 * A sealed SAM 2033 session of rennes through the API, for the credential tests: referential version 7 is SAM
 * version 1 with element identifiers and two competencies per bloc (as referential-service publishes them, CASE
 * CFItem identifiers included), one VAE candidate (attestations delivered automatically) with 12/20 everywhere.
 */
final class SamSession {

    static final String SESSIONS = "/api/evaluations/v1/sessions";

    private SamSession() {
    }

    static String competencyId(String code) {
        return UUID.nameUUIDFromBytes(("BTS-SAM/competence/" + code).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String sealed(ObjectMapper json, String rectorat, String president, String member, String candidate, List<String> epreuves)
            throws Exception {
        ObjectNode version = (ObjectNode) json.readTree(DownstreamWireMock.fixture("sam-v1.json"));
        ((ObjectNode) version.path("version")).put("number", 7);
        ((ObjectNode) version.path("certification")).put("id", UUID.nameUUIDFromBytes("BTS-SAM".getBytes(StandardCharsets.UTF_8)).toString());
        for (var b : version.path("blocs")) {
            ObjectNode bloc = (ObjectNode) b;
            bloc.put("id", UUID.nameUUIDFromBytes(("BTS-SAM/bloc/" + bloc.path("code").asText()).getBytes(StandardCharsets.UTF_8)).toString());
            ArrayNode competences = bloc.putArray("competences");
            for (int i = 1; i <= 2; i++) {
                String code = bloc.path("code").asText() + "-C" + i;
                competences.addObject().put("id", competencyId(code)).put("code", code).put("ordre", i)
                        .put("libelle", (code.equals("SAM-BC02-C1") ? "Conduire un projet administratif" : "Compétence " + code));
            }
        }
        DownstreamWireMock.server.stubFor(get(urlEqualTo("/api/referential/v1/certifications/BTS-SAM/versions/7"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(json.writeValueAsString(version))));
        String snapshot = json.writeValueAsString(Map.of("academie", "rennes", "session", "2033", "certification", "BTS-SAM",
                "referentialVersion", 7, "generatedAt", "2033-06-01T08:00:00Z", "candidates", List.of(Map.ofEntries(
                        Map.entry("registrationId", "reg-r1"), Map.entry("candidateNumber", candidate), Map.entry("lastName", "Le Goff"),
                        Map.entry("firstName", "Anna"), Map.entry("birthDate", "1990-03-01"), Map.entry("account", "candidat-r1"),
                        Map.entry("status", "VALIDATED"), Map.entry("categorie", "CAT_A"), Map.entry("voie", "EXPERIENCE_VAE"),
                        Map.entry("forme", "GLOBALE"), Map.entry("unites", List.of("U1", "U21", "U22", "U3", "U4", "U5", "U6")),
                        Map.entry("unitesFacultatives", List.of()), Map.entry("langues", Map.of()), Map.entry("dispenses", List.of()),
                        Map.entry("benefices", List.of()), Map.entry("epreuves", List.of(
                                Map.of("epreuve", "E4", "dossier", "CONFORME", "nv", false),
                                Map.of("epreuve", "E5", "dossier", "CONFORME", "nv", false)))))));
        DownstreamWireMock.server.stubFor(get(urlEqualTo("/api/dossiers/v1/snapshots/2033/BTS-SAM"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(snapshot)));
        String session = as(rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "7", "year", 2033))
                .post(SESSIONS).then().statusCode(201).extract().path("id");
        as(rectorat).body(Map.of("president", person("pres-rennes", "IA_IPR"), "members", List.of(
                        person("ec-r1", "ENSEIGNANT_CHERCHEUR"), person("prof-r1", "PROFESSEUR_PUBLIC"),
                        person("pro-r1", "PROFESSIONNEL_EMPLOYEUR"), person("pro-r2", "PROFESSIONNEL_SALARIE"))))
                .put(SESSIONS + "/" + session + "/jury").then().statusCode(200);
        as(rectorat).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING")).post(SESSIONS + "/" + session + "/transitions")
                .then().statusCode(200);
        String commissions = SESSIONS + "/" + session + "/commissions";
        for (String epreuve : epreuves) {
            as(rectorat).body(Map.of("code", "R-" + epreuve, "epreuve", epreuve, "members", List.of("ec-r1", "pro-r1")))
                    .post(commissions).then().statusCode(201);
            as(rectorat).body(Map.of("candidates", List.of(candidate))).put(commissions + "/R-" + epreuve + "/candidates")
                    .then().statusCode(200);
            as(member).body(Map.of("statut", "NOTE", "note", 12)).put(SESSIONS + "/" + session + "/grades/" + candidate + "/" + epreuve)
                    .then().statusCode(201);
        }
        as(president).post(SESSIONS + "/" + session + "/deliberations/seal").then().statusCode(201);
        return session;
    }

    static void publish(String rectorat, String session) {
        String etag = as(rectorat).get(SESSIONS + "/" + session).then().statusCode(200).extract().header("ETag");
        as(rectorat).header("If-Match", etag).body(Map.of("to", "PUBLISHED")).post(SESSIONS + "/" + session + "/transitions")
                .then().statusCode(200).body("status", is("PUBLISHED"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static Map<String, Object> person(String account, String qualite) {
        return Map.of("account", account, "name", account, "qualite", qualite);
    }
}
