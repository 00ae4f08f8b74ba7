package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static fr.bts.evaluation.rest.StagedSession.as;
import static fr.bts.evaluation.rest.StagedSession.person;
import static org.hamcrest.Matchers.is;

/**
 * A sealed SAM session of rennes through the API, for the credential tests (one year per session): referential version 7 is SAM
 * version 1 with element identifiers and two competencies per bloc (as referential-service publishes them, CASE
 * CFItem identifiers included), one VAE candidate (attestations delivered automatically) with 12/20 everywhere.
 */
final class SamSession {

    static final String SESSIONS = StagedSession.SESSIONS;

    private SamSession() {
    }

    static String competencyId(String code) {
        return UUID.nameUUIDFromBytes(("BTS-SAM/competence/" + code).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String sealed(ObjectMapper json, String rectorat, String president, String member, String candidate, List<String> epreuves,
                         int year) throws Exception {
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
        String session = inGrading(json, rectorat, new Plan("rennes", year, 7, "r",
                new Candidate("reg-r1", candidate, "Le Goff", "Anna", "1990-03-01", "candidat-r1", "EXPERIENCE_VAE")), epreuves);
        for (String epreuve : epreuves) {
            as(member).body(Map.of("statut", "NOTE", "note", 12)).put(SESSIONS + "/" + session + "/grades/" + candidate + "/" + epreuve)
                    .then().statusCode(201);
        }
        as(president).post(SESSIONS + "/" + session + "/deliberations/seal").then().statusCode(201);
        return session;
    }

    /** The candidate row of the dossier snapshot a {@link Plan} stubs. */
    record Candidate(String registrationId, String number, String lastName, String firstName, String birthDate,
                     String account, String voie) {
    }

    /**
     * A SAM session of {@code academie} for {@code year} on referential {@code version}, with one candidate. The jury
     * accounts are {@code pres-<academie>}, {@code ec-<jury>1}, {@code prof-<jury>1}, {@code pro-<jury>1} and
     * {@code pro-<jury>2}; each épreuve gets the commission {@code <JURY>-<epreuve>} of {@code ec-<jury>1} and
     * {@code pro-<jury>1}.
     */
    record Plan(String academie, int year, int version, String jury, Candidate candidate) {
    }

    /**
     * Creates the session of {@code plan} through the API (its dossier snapshot stubbed), names its jury, moves it to
     * GRADING and gives each of {@code epreuves} a commission holding the candidate; answers the session id.
     */
    static String inGrading(ObjectMapper json, String rectorat, Plan plan, List<String> epreuves) throws Exception {
        Candidate c = plan.candidate();
        String snapshot = json.writeValueAsString(Map.of("academie", plan.academie(), "session", String.valueOf(plan.year()),
                "certification", "BTS-SAM", "referentialVersion", plan.version(), "generatedAt", plan.year() + "-06-01T08:00:00Z",
                "candidates", List.of(Map.ofEntries(
                        Map.entry("registrationId", c.registrationId()), Map.entry("candidateNumber", c.number()),
                        Map.entry("lastName", c.lastName()), Map.entry("firstName", c.firstName()),
                        Map.entry("birthDate", c.birthDate()), Map.entry("account", c.account()),
                        Map.entry("status", "VALIDATED"), Map.entry("categorie", "CAT_A"), Map.entry("voie", c.voie()),
                        Map.entry("forme", "GLOBALE"), Map.entry("unites", List.of("U1", "U21", "U22", "U3", "U4", "U5", "U6")),
                        Map.entry("unitesFacultatives", List.of()), Map.entry("langues", Map.of()), Map.entry("dispenses", List.of()),
                        Map.entry("benefices", List.of()), Map.entry("epreuves", List.of(
                                Map.of("epreuve", "E4", "dossier", "CONFORME", "nv", false),
                                Map.of("epreuve", "E5", "dossier", "CONFORME", "nv", false)))))));
        DownstreamWireMock.snapshotFor(rectorat, plan.year(), "BTS-SAM", snapshot);
        String session = as(rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", String.valueOf(plan.version()),
                        "year", plan.year()))
                .post(SESSIONS).then().statusCode(201).extract().path("id");
        String j = plan.jury();
        as(rectorat).body(Map.of("president", person("pres-" + plan.academie(), "IA_IPR"), "members", List.of(
                        person("ec-" + j + "1", "ENSEIGNANT_CHERCHEUR"), person("prof-" + j + "1", "PROFESSEUR_PUBLIC"),
                        person("pro-" + j + "1", "PROFESSIONNEL_EMPLOYEUR"), person("pro-" + j + "2", "PROFESSIONNEL_SALARIE"))))
                .put(SESSIONS + "/" + session + "/jury").then().statusCode(200);
        as(rectorat).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING")).post(SESSIONS + "/" + session + "/transitions")
                .then().statusCode(200);
        String commissions = SESSIONS + "/" + session + "/commissions";
        String prefix = j.toUpperCase() + "-";
        for (String epreuve : epreuves) {
            as(rectorat).body(Map.of("code", prefix + epreuve, "epreuve", epreuve, "members", List.of("ec-" + j + "1", "pro-" + j + "1")))
                    .post(commissions).then().statusCode(201);
            as(rectorat).body(Map.of("candidates", List.of(c.number()))).put(commissions + "/" + prefix + epreuve + "/candidates")
                    .then().statusCode(200);
        }
        return session;
    }

    static void publish(String rectorat, String session) {
        String etag = as(rectorat).get(SESSIONS + "/" + session).then().statusCode(200).extract().header("ETag");
        as(rectorat).header("If-Match", etag).body(Map.of("to", "PUBLISHED")).post(SESSIONS + "/" + session + "/transitions")
                .then().statusCode(200).body("status", is("PUBLISHED"));
    }
}
