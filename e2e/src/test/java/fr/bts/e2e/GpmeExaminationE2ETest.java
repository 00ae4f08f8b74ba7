package fr.bts.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static fr.bts.e2e.Fixtures.assertDecimal;
import static fr.bts.e2e.Fixtures.json;
import static fr.bts.e2e.Fixtures.mark;
import static fr.bts.e2e.Stack.anonymous;
import static fr.bts.e2e.Stack.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: a BTS « Gestion de la PME » that can be examined. The sources give no coefficient for EP-U51, EP-U52
 * and EP-U6, so no session opens on GPME version 1. The path past that, through the gateway with tokens of the real
 * Keycloak: a {@code referential-admin} opens draft version 2, sets the three coefficients with their provenance,
 * validates and publishes; the diff 1→2 shows exactly those fields; a rectorat opens a session on version 2; jury
 * apps grade E4 by its CCF situations (A on 14 points, B on 6); the deliberation explains E4's mark from them.
 *
 * <p>It runs on a certification of its own — a copy of GPME's published document under another code, created
 * through the admin API — so that the published seed BTS-GPME keeps its nulls (checked at the end).
 */
class GpmeExaminationE2ETest {

    private static final String ADMIN = "referentiel-admin";
    private static final String RECTORAT = "rectorat-versailles";
    private static final String JURY = "jury-versailles";
    private static final String PRESIDENT = "president-versailles";
    private static final String REFERENTIAL = "/api/referential/v1/certifications/";
    private static final String DOSSIERS = "/api/dossiers/v1";
    private static final String EVALUATIONS = "/api/evaluations/v1";
    private static final String JSON_TYPE = "application/json";
    private static final List<String> MISSING = List.of("EP-U51", "EP-U52", "EP-U6");
    /** The coefficients the administrator enters (test data of a throwaway certification, not facts of the seeds). */
    private static final Map<String, Integer> COEFFICIENTS = Map.of("EP-U51", 4, "EP-U52", 4, "EP-U6", 6);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String run = UUID.randomUUID().toString();
    private final String code = "GPME-E2E-" + run.substring(0, 8).toUpperCase(Locale.ROOT);
    private final int year = 2026;
    private final Map<String, String> fileIds = new LinkedHashMap<>();
    private final List<String> candidates = List.of("VER-" + year + "-" + run.substring(0, 8).toUpperCase(Locale.ROOT) + "-1",
            "VER-" + year + "-" + run.substring(0, 8).toUpperCase(Locale.ROOT) + "-2");
    private String sessionId;

    @Test
    void anAdministratorCompletesGpmeAndASessionIsExaminedOnIt() {
        copyGpmeUnderItsOwnCode();
        sessionCannotOpenOnVersionOne();
        completeTheExamRulesInVersionTwo();
        diffShowsExactlyTheCoefficients();

        registerCandidates();
        openSessionOnVersionTwo();
        juryGradesE4ByItsSituations();
        deliberationExplainsE4FromItsSituations();

        theSeedKeepsItsNulls();
    }

    // ---- the referential: a copy of GPME, then version 2 with the missing exam rules --------------------------------

    private void copyGpmeUnderItsOwnCode() {
        ObjectNode gpme = (ObjectNode) json(anonymous().get(REFERENTIAL + "BTS-GPME/versions/1").then().statusCode(200)
                .extract().response());
        ObjectNode identity = ((ObjectNode) gpme.path("certification")).deepCopy();
        identity.remove("id");
        identity.put("code", code);
        identity.putNull("rncp");
        identity.put("intitule", "BTS - Gestion de la PME (copie de bout en bout " + code + ")");
        as(ADMIN).contentType(JSON_TYPE).body(identity.toString()).post(REFERENTIAL)
                .then().log().ifValidationFails().statusCode(201);
        ObjectNode copy = gpme.deepCopy();
        copy.set("certification", identity);
        as(ADMIN).header("If-Match", etag(1)).contentType(JSON_TYPE).body(copy.toString()).put(REFERENTIAL + code + "/versions/1")
                .then().log().ifValidationFails().statusCode(200);
        lifeCycle(1);
        JsonNode completeness = completeness(1);
        assertEquals(MISSING, coefficientsMissing(completeness), "the copy lacks what GPME lacks");
    }

    private void sessionCannotOpenOnVersionOne() {
        Response refused = as(RECTORAT).contentType(JSON_TYPE)
                .body(Map.of("certification", code, "referentialVersion", "1", "year", year))
                .post(EVALUATIONS + "/sessions").then().extract().response();
        assertEquals(422, refused.statusCode(), refused::asString);
        assertTrue(refused.asString().contains("EP-U51"), "the refusal names what is missing: " + refused.asString());
    }

    private void completeTheExamRulesInVersionTwo() {
        as(ADMIN).queryParam("libelle", "Coefficients des épreuves EP-U51, EP-U52 et EP-U6").post(REFERENTIAL + code + "/versions")
                .then().log().ifValidationFails().statusCode(201);
        JsonNode draft = json(as(ADMIN).get(REFERENTIAL + code + "/versions/2").then().statusCode(200).extract().response());
        // without its provenance, a coefficient does not validate
        JsonNode u51 = epreuve(draft, "EP-U51");
        as(ADMIN).header("If-Match", etag(2)).contentType(JSON_TYPE).body(Map.of("coefficient", 4))
                .patch(REFERENTIAL + code + "/versions/2/items/EP-U51?kind=epreuve").then().log().ifValidationFails().statusCode(200);
        Response invalid = as(ADMIN).post(REFERENTIAL + code + "/versions/2/validation").then().extract().response();
        assertEquals(422, invalid.statusCode(), invalid::asString);
        assertTrue(invalid.asString().contains("epreuves[1].coefficient") && invalid.asString().contains("provenance"),
                "the violation names the value without provenance: " + invalid.asString());
        for (String epreuve : MISSING) {
            JsonNode current = epreuve.equals("EP-U51") ? u51 : epreuve(draft, epreuve);
            ArrayNode provenance = ((ArrayNode) current.path("provenance")).deepCopy();
            ObjectNode entry = provenance.addObject();
            entry.putArray("champs").add("coefficient");
            entry.put("nature", "TEXTE_CITE");
            entry.put("texte", "Arrêté du 19 février 2018 modifié portant définition et fixant les conditions de délivrance "
                    + "du BTS « Gestion de la PME », annexe II.C (règlement d’examen)");
            entry.put("note", "Saisi par l’administrateur du référentiel (essai de bout en bout " + code + ")");
            ObjectNode patch = MAPPER.createObjectNode();
            patch.put("coefficient", COEFFICIENTS.get(epreuve));
            patch.set("provenance", provenance);
            as(ADMIN).header("If-Match", etag(2)).contentType(JSON_TYPE).body(patch.toString())
                    .patch(REFERENTIAL + code + "/versions/2/items/" + epreuve + "?kind=epreuve")
                    .then().log().ifValidationFails().statusCode(200);
        }
        lifeCycle(2);
        JsonNode completeness = completeness(2);
        assertEquals(List.of(), coefficientsMissing(completeness), "version 2 has every coefficient");
        assertEquals(0, completeness.path("sansProvenance").asInt(), "every rule value has its provenance");
        for (String epreuve : MISSING) {
            JsonNode p = provenanceOf(completeness, epreuve, "coefficient");
            assertEquals("TEXTE_CITE", p.path("nature").asText(), "completeness shows where " + epreuve + "'s coefficient comes from");
            assertEquals(COEFFICIENTS.get(epreuve).intValue(), p.path("value").asInt());
        }
    }

    private void diffShowsExactlyTheCoefficients() {
        JsonNode diff = json(anonymous().get(REFERENTIAL + code + "/versions/1/diff/2").then().statusCode(200).extract().response());
        assertEquals(0, diff.path("added").size(), diff.toString());
        assertEquals(0, diff.path("removed").size(), diff.toString());
        Map<String, Set<String>> changed = new TreeMap<>();
        for (JsonNode c : diff.path("changed")) {
            Set<String> fields = new TreeSet<>();
            for (JsonNode f : c.path("changes")) {
                fields.add(f.path("field").asText());
                if (f.path("field").asText().equals("coefficient")) {
                    assertTrue(f.path("from").isNull(), "the coefficient was null in version 1: " + f);
                    assertEquals(COEFFICIENTS.get(c.path("code").asText()).intValue(), f.path("to").asInt());
                }
            }
            changed.put(c.path("code").asText(), fields);
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        MISSING.forEach(e -> expected.put(e, Set.of("coefficient", "provenance")));
        assertEquals(expected, changed, "the diff 1→2 shows exactly the coefficients and their provenance");
    }

    // ---- dossiers: registrations of two candidates on version 2 ---------------------------------------------------

    private void registerCandidates() {
        campaign(Instant.now().plus(1, ChronoUnit.DAYS));
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] people = {{"Lambert", "Chloé", "candidat-versailles"}, {"Girard", "Lucas", "candidat-versailles-2"}};
        for (int i = 0; i < candidates.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("session", Integer.toString(year));
            row.put("certification", code);
            row.put("referentialVersion", 2);
            row.put("candidateNumber", candidates.get(i));
            row.put("lastName", people[i][0]);
            row.put("firstName", people[i][1]);
            row.put("birthDate", "2005-09-14");
            row.put("email", people[i][2] + "@example.org");
            row.put("account", people[i][2]);
            row.put("categorie", "CAT_A");
            row.put("voie", "ELEVE_ETUDIANT");
            row.put("forme", "GLOBALE");
            row.put("unites", List.of("U4", "U51", "U52", "U6"));
            row.put("unitesFacultatives", List.of());
            row.put("langues", Map.of());
            row.put("dispenses", List.of());
            row.put("benefices", List.of());
            rows.add(row);
        }
        JsonNode report = json(as(RECTORAT).contentType(JSON_TYPE).header("Idempotency-Key", run + "-import").body(rows)
                .post(DOSSIERS + "/imports").then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals(2, report.path("created").asInt(), () -> "import report: " + report);
        report.path("rows").forEach(r -> fileIds.put(r.path("candidateNumber").asText(), r.path("id").asText()));
        for (String number : candidates) {
            String path = DOSSIERS + "/dossiers/" + fileIds.get(number);
            String etag = as(RECTORAT).header("If-Match", fileEtag(number)).post(path + "/registration/submit")
                    .then().log().ifValidationFails().statusCode(200).extract().header("ETag");
            as(RECTORAT).header("If-Match", etag).post(path + "/registration/validate")
                    .then().log().ifValidationFails().statusCode(200);
        }
        campaign(Instant.now().minusSeconds(5));
    }

    private void campaign(Instant deadline) {
        as(RECTORAT).contentType(JSON_TYPE).body(Map.of("dossierDeadline", deadline.toString()))
                .put(DOSSIERS + "/campaigns/" + year + "/" + code).then().log().ifValidationFails().statusCode(200);
    }

    // ---- evaluation: session on version 2, jury, commissions, grades --------------------------------------------

    private void openSessionOnVersionTwo() {
        JsonNode session = json(as(RECTORAT).contentType(JSON_TYPE)
                .body(Map.of("certification", code, "referentialVersion", "2", "year", year))
                .post(EVALUATIONS + "/sessions").then().log().ifValidationFails().statusCode(201).extract().response());
        sessionId = session.path("id").asText();
        assertEquals(2, session.path("referentialVersion").asInt());
        Map<String, Object> jury = Fixtures.jury(PRESIDENT, JURY, "gpme");
        as(RECTORAT).contentType(JSON_TYPE).body(jury).put(session("/jury")).then().log().ifValidationFails().statusCode(200);
        transition(RECTORAT, "GRADING");
        for (String epreuve : List.of("E4", "EP-U51", "EP-U52", "EP-U6")) {
            String commission = "COM-" + epreuve;
            as(RECTORAT).contentType(JSON_TYPE).body(Map.of("code", commission, "epreuve", epreuve, "members", List.of(JURY)))
                    .post(session("/commissions")).then().log().ifValidationFails().statusCode(201);
            as(RECTORAT).contentType(JSON_TYPE).body(Map.of("candidates", candidates))
                    .put(session("/commissions/" + commission + "/candidates")).then().log().ifValidationFails().statusCode(200);
        }
    }

    private void juryGradesE4ByItsSituations() {
        // situation A is marked on 14 points: 15 is refused and nothing is stored
        Response above = grades(run + "-above", List.of(situations(candidates.get(0), "15", "4")));
        assertEquals(422, above.statusCode(), above::asString);
        List<Map<String, Object>> batch = List.of(
                situations(candidates.get(0), "11", "4.5"), mark(candidates.get(0), "EP-U51", "12"),
                mark(candidates.get(0), "EP-U52", "10"), mark(candidates.get(0), "EP-U6", "9"),
                situations(candidates.get(1), "6", "3"), mark(candidates.get(1), "EP-U51", "8"),
                mark(candidates.get(1), "EP-U52", "9"), mark(candidates.get(1), "EP-U6", "7"));
        Response stored = grades(run + "-grades", batch);
        assertEquals(200, stored.statusCode(), stored::asString);
        assertEquals(batch.size(), json(stored).path("created").asInt());
    }

    private void deliberationExplainsE4FromItsSituations() {
        transition(PRESIDENT, "DELIBERATION");
        as(PRESIDENT).contentType(JSON_TYPE).body(Map.of("reason", "Délibération du jury " + code))
                .post(session("/deliberations/seal")).then().log().ifValidationFails().statusCode(201);
        transition(RECTORAT, "PUBLISHED");

        JsonNode first = transcript(candidates.get(0));
        JsonNode e4 = unit(first, "E4");
        assertDecimal("15.5", e4.path("note"), "A 11/14 + B 4.5/6 = 15.5/20");
        assertDecimal("6", e4.path("coefficient"), "E4's coefficient from the seed");
        assertDecimal("93", e4.path("points"), "15.5 × 6");
        assertDecimal("4", unit(first, "EP-U51").path("coefficient"), "the coefficient set in version 2");
        assertDecimal("20", first.path("totalCoefficients"), "6 + 4 + 4 + 6");
        assertDecimal("11.75", first.path("moyenne"), "(93 + 48 + 40 + 54) / 20");
        assertEquals("ADMIS", first.path("decision").asText());
        assertTrue(lignes(first).contains("E4 (U4) : A 11/14 + B 4.5/6 = 15.5/20 × coef 6 = 93 points"),
                "the deliberation explains E4 from its situations: " + lignes(first));

        JsonNode second = transcript(candidates.get(1));
        assertDecimal("9", unit(second, "E4").path("note"), "A 6/14 + B 3/6 = 9/20");
        assertTrue(lignes(second).contains("E4 (U4) : A 6/14 + B 3/6 = 9/20 × coef 6 = 54 points"), lignes(second).toString());
        assertEquals("AJOURNE", second.path("decision").asText());
        System.out.println("\n" + code + " (copie de BTS-GPME, version 2), session " + year + " :\n  "
                + String.join("\n  ", lignes(first)) + "\n  → " + first.path("decision").asText() + " " + first.path("moyenne"));
    }

    private void theSeedKeepsItsNulls() {
        assertEquals(MISSING, coefficientsMissing(json(anonymous().get(REFERENTIAL + "BTS-GPME/versions/1/completeness")
                .then().statusCode(200).extract().response())), "the published seed keeps its nulls");
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    private void lifeCycle(int version) {
        as(ADMIN).post(REFERENTIAL + code + "/versions/" + version + "/validation").then().log().ifValidationFails().statusCode(200);
        as(ADMIN).post(REFERENTIAL + code + "/versions/" + version + "/publication").then().log().ifValidationFails().statusCode(200);
        JsonNode published = json(anonymous().get(REFERENTIAL + code + "/versions/" + version).then().statusCode(200).extract().response());
        assertEquals("PUBLISHED", published.path("version").path("status").asText());
    }

    private String etag(int version) {
        return as(ADMIN).get(REFERENTIAL + code + "/versions/" + version).then().statusCode(200).extract().header("ETag");
    }

    private JsonNode completeness(int version) {
        return json(as(ADMIN).get(REFERENTIAL + code + "/versions/" + version + "/completeness").then().statusCode(200)
                .extract().response());
    }

    private static List<String> coefficientsMissing(JsonNode completeness) {
        List<String> out = new ArrayList<>();
        completeness.path("missing").forEach(m -> {
            if (m.path("field").asText().equals("coefficient")) {
                out.add(m.path("code").asText());
            }
        });
        return out;
    }

    private static JsonNode provenanceOf(JsonNode completeness, String code, String field) {
        for (JsonNode p : completeness.path("provenances")) {
            if (code.equals(p.path("code").asText()) && field.equals(p.path("field").asText())) {
                return p;
            }
        }
        throw new AssertionError("no provenance of " + code + "." + field + " in " + completeness.path("provenances"));
    }

    private static JsonNode epreuve(JsonNode document, String code) {
        for (JsonNode e : document.path("epreuves")) {
            if (code.equals(e.path("code").asText())) {
                return e;
            }
        }
        throw new AssertionError("no épreuve " + code);
    }

    private String fileEtag(String number) {
        return as(RECTORAT).get(DOSSIERS + "/dossiers/" + fileIds.get(number)).then().statusCode(200).extract().header("ETag");
    }

    private void transition(String user, String to) {
        String etag = as(user).get(session("")).then().statusCode(200).extract().header("ETag");
        JsonNode session = json(as(user).header("If-Match", etag).contentType(JSON_TYPE).body(Map.of("to", to))
                .post(session("/transitions")).then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals(to, session.path("status").asText());
    }

    private String session(String path) {
        return EVALUATIONS + "/sessions/" + sessionId + path;
    }

    private static Map<String, Object> situations(String candidate, String a, String b) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("candidate", candidate);
        item.put("epreuve", "E4");
        item.put("statut", "NOTE");
        item.put("situations", Map.of("A", new BigDecimal(a), "B", new BigDecimal(b)));
        item.put("commentaire", "CCF : situation A sur 14 points, situation B sur 6 points");
        return item;
    }

    private Response grades(String key, List<Map<String, Object>> grades) {
        return as(JURY).header("Idempotency-Key", key).contentType(JSON_TYPE).body(Map.of("grades", grades))
                .post(session("/grades")).then().extract().response();
    }

    private JsonNode transcript(String number) {
        return json(as(RECTORAT).accept(JSON_TYPE).get(session("/candidates/" + number + "/transcript"))
                .then().log().ifValidationFails().statusCode(200).extract().response()).path("result");
    }

    private static JsonNode unit(JsonNode result, String epreuve) {
        for (JsonNode u : result.path("unites")) {
            if (epreuve.equals(u.path("epreuve").asText())) {
                return u;
            }
        }
        throw new AssertionError("no unit result for " + epreuve + " in " + result);
    }

    private static List<String> lignes(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("lignes").forEach(l -> out.add(l.asText()));
        return out;
    }
}
