package fr.bts.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static fr.bts.e2e.Fixtures.assertDecimal;
import static fr.bts.e2e.Fixtures.json;
import static fr.bts.e2e.Stack.anonymous;
import static fr.bts.e2e.Stack.as;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end demo of issue 5: a complete BTS-SAM session of académie versailles, through the gateway only,
 * with tokens from the real Keycloak. The rectorat opens a dossier campaign and imports four registrations (a
 * forme globale candidate with a facultative language, one with a dispense of U1, one with a bénéfice on U3 whose
 * E5 dossier is never submitted, a forme progressive candidate); the candidates write their E4/E5 dossiers from
 * the referential's requirements, upload their pieces, check conformity and submit; the deadline passes; the
 * rectorat opens the evaluation session, appoints the jury and commissions; jury apps send grade batches (one
 * retried); the president deliberates and seals; the rectorat publishes; transcripts, the PV and the audit
 * chain are read. A summary table of the results is printed, and the facts that make the session right are
 * asserted.
 *
 * <p>Each run uses the first session year (from 2026) that no earlier run used, so it can run again on the same
 * stack.
 */
class SessionDemoE2ETest {

    private static final String SAM = "BTS-SAM";
    private static final String RECTORAT = "rectorat-versailles";
    private static final String JURY = "jury-versailles";
    private static final String PRESIDENT = "president-versailles";
    private static final String DOSSIERS = "/api/dossiers/v1";
    private static final String EVALUATIONS = "/api/evaluations/v1";
    private static final String JSON_TYPE = "application/json";
    private static final byte[] PDF = "%PDF-1.4\n% piece of the end-to-end demo\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A candidate of the demo: the Keycloak account, the candidate number, the name on the registration. */
    private record Candidate(String account, String number, String lastName, String firstName) {
    }

    private final String run = UUID.randomUUID().toString();
    private JsonNode referential;
    private int year;
    private Candidate camille;
    private Candidate ines;
    private Candidate hugo;
    private Candidate nadia;
    private List<Candidate> candidates;
    private final Map<String, String> fileIds = new LinkedHashMap<>();
    private String sessionId;

    @Test
    void aCompleteSamSessionOfVersailles() {
        referential = json(anonymous().get("/api/referential/v1/certifications/" + SAM + "/current").then().statusCode(200)
                .extract().response());
        year = firstUnusedSessionYear();
        candidates();

        openDossierCampaign(Instant.now().plus(1, ChronoUnit.DAYS));
        importRegistrations();
        validateRegistrations();
        candidatesWriteTheirDossiers();
        rectoratRecordsConformityDecisions();
        deadlinePasses();

        openEvaluationSession();
        appointJuryAndStartGrading();
        Map<String, Map<String, JsonNode>> registrationGrades = registrationGradesOfTheSnapshot();
        formCommissions(registrationGrades);
        juryAppsSendGrades(registrationGrades);

        deliberateSealAndPublish();
        Map<String, JsonNode> results = transcripts();
        readThePv();
        auditChainIsValid();

        printSummary(results);
        assertTheSessionIsRight(results);
    }

    // ---- 1. a session year no earlier run used -------------------------------------------------------------

    private int firstUnusedSessionYear() {
        JsonNode sessions = json(as(RECTORAT).queryParam("size", 500).get(EVALUATIONS + "/sessions").then().statusCode(200)
                .extract().response());
        Set<Integer> samYears = new HashSet<>();
        sessions.path("items").forEach(s -> {
            if (SAM.equals(s.path("certification").asText())) {
                samYears.add(s.path("year").asInt());
            }
        });
        for (int y = 2026; y <= 2100; y++) {
            long registered = as(RECTORAT).queryParam("session", y).queryParam("certification", SAM)
                    .get(DOSSIERS + "/dossiers").then().statusCode(200).extract().jsonPath().getLong("totalItems");
            if (registered == 0 && !samYears.contains(y)) {
                return y;
            }
        }
        throw new AssertionError("no free session year between 2026 and 2100");
    }

    private void candidates() {
        camille = new Candidate("candidat-versailles", "VER-" + year + "-00001", "Martin", "Camille");
        ines = new Candidate("candidat-versailles-2", "VER-" + year + "-00002", "Bernard", "Inès");
        hugo = new Candidate("candidat-versailles-3", "VER-" + year + "-00003", "Petit", "Hugo");
        nadia = new Candidate("candidat-versailles-4", "VER-" + year + "-00004", "Moreau", "Nadia");
        candidates = List.of(camille, ines, hugo, nadia);
    }

    // ---- 2. campaign, bulk import, validation ----------------------------------------------------------------

    private void openDossierCampaign(Instant deadline) {
        as(RECTORAT).contentType(JSON_TYPE).body(Map.of("dossierDeadline", deadline.toString()))
                .put(DOSSIERS + "/campaigns/" + year + "/" + SAM)
                .then().log().ifValidationFails().statusCode(200);
    }

    private void importRegistrations() {
        List<String> compulsory = new ArrayList<>();
        referential.path("unites").forEach(u -> {
            if (!u.path("facultative").asBoolean()) {
                compulsory.add(u.path("code").asText());
            }
        });
        List<Map<String, Object>> rows = List.of(
                registration(camille, "CAT_A", "ELEVE_ETUDIANT", "GLOBALE", compulsory, List.of("UF1"),
                        Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL", "UF1", "ITALIEN"), List.of(), List.of()),
                registration(ines, "CAT_A", "APPRENTISSAGE", "GLOBALE", compulsory, List.of(),
                        Map.of("U21", "ANGLAIS", "U22", "ALLEMAND"),
                        List.of(Map.of("unite", "U1", "diplome", "DUT Gestion des entreprises et des administrations")), List.of()),
                registration(hugo, "CAT_A", "ELEVE_ETUDIANT", "GLOBALE", compulsory, List.of(),
                        Map.of("U21", "ANGLAIS", "U22", "ESPAGNOL"), List.of(),
                        List.of(Map.of("unite", "U3", "note", "12.5", "session", "2025", "dateObtention", "2025-07-04"))),
                registration(nadia, "CAT_C", "FORMATION_CONTINUE", "PROGRESSIVE", List.of("U1", "U3", "U6"), List.of(),
                        Map.of(), List.of(), List.of()));
        JsonNode report = importBatch(rows);
        assertEquals(4, report.path("created").asInt(), () -> "import report: " + report);
        assertEquals(0, report.path("rejected").asInt(), () -> "import report: " + report);
        assertEquals(report, importBatch(rows), "a retried import replays its first report");
        assertEquals(4, as(RECTORAT).queryParam("session", year).queryParam("certification", SAM).get(DOSSIERS + "/dossiers")
                .then().statusCode(200).extract().jsonPath().getInt("totalItems"), "the retry registered nobody twice");
        report.path("rows").forEach(r -> fileIds.put(r.path("candidateNumber").asText(), r.path("id").asText()));
        assertEquals(4, fileIds.size());
    }

    private JsonNode importBatch(List<Map<String, Object>> rows) {
        return json(as(RECTORAT).contentType(JSON_TYPE).header("Idempotency-Key", run + "-import").body(rows)
                .post(DOSSIERS + "/imports").then().log().ifValidationFails().statusCode(200).extract().response());
    }

    private Map<String, Object> registration(Candidate c, String categorie, String voie, String forme, List<String> unites,
                                             List<String> facultatives, Map<String, String> langues,
                                             List<Map<String, String>> dispenses, List<Map<String, String>> benefices) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session", Integer.toString(year));
        row.put("certification", SAM);
        row.put("referentialVersion", referentialVersion());
        row.put("candidateNumber", c.number());
        row.put("lastName", c.lastName());
        row.put("firstName", c.firstName());
        row.put("birthDate", "2005-03-01");
        row.put("email", c.account() + "@example.org");
        row.put("account", c.account());
        row.put("categorie", categorie);
        row.put("voie", voie);
        row.put("forme", forme);
        row.put("unites", unites);
        row.put("unitesFacultatives", facultatives);
        row.put("langues", langues);
        row.put("dispenses", dispenses);
        row.put("benefices", benefices);
        return row;
    }

    private void validateRegistrations() {
        for (Candidate c : candidates) {
            String path = DOSSIERS + "/dossiers/" + fileIds.get(c.number());
            String etag = as(RECTORAT).header("If-Match", etagOf(RECTORAT, c)).post(path + "/registration/submit")
                    .then().log().ifValidationFails().statusCode(200).extract().header("ETag");
            JsonNode file = json(as(RECTORAT).header("If-Match", etag).post(path + "/registration/validate")
                    .then().log().ifValidationFails().statusCode(200).extract().response());
            assertEquals("VALIDATED", file.path("status").asText());
        }
    }

    // ---- 3. professional dossiers ------------------------------------------------------------------------------

    private void candidatesWriteTheirDossiers() {
        ProfessionalDossier e4 = ProfessionalDossier.complete("E4", exigences("E4"));
        ProfessionalDossier e5 = ProfessionalDossier.complete("E5", exigences("E5"));
        for (Candidate c : List.of(camille, ines)) {
            writeAndSubmit(c, e4);
            writeAndSubmit(c, e5);
        }
        writeAndSubmit(hugo, e4);
        // Hugo starts his E5 dossier and never finishes it: the check tells him what is missing, he does not submit.
        edit(hugo, e5.firstFicheOnly());
        JsonNode report = json(as(hugo.account()).get(DOSSIERS + "/dossiers/" + fileIds.get(hugo.number()) + "/conformity")
                .then().statusCode(200).extract().response()).path("E5");
        assertFalse(report.path("conforme").asBoolean(), "an E5 draft with one project is not conforme: " + report);
        assertTrue(failedRules(report).contains("SAM-E5-01"), "the check names the missing project: " + report);
        // Nadia (forme progressive, U1 U3 U6) has no épreuve with a dossier.
        JsonNode nadiaFile = json(as(RECTORAT).get(DOSSIERS + "/dossiers/" + fileIds.get(nadia.number())).then().statusCode(200)
                .extract().response());
        assertEquals(0, nadiaFile.path("dossiers").size(), "U1, U3, U6 have no professional dossier");
        // a candidate never sees another candidate's file
        as(ines.account()).get(DOSSIERS + "/dossiers/" + fileIds.get(camille.number())).then().statusCode(404);
    }

    private void writeAndSubmit(Candidate c, ProfessionalDossier dossier) {
        String path = DOSSIERS + "/dossiers/" + fileIds.get(c.number());
        edit(c, dossier);
        for (String piece : dossier.pieces()) {
            as(c.account()).contentType("application/pdf").body(PDF)
                    .queryParam("epreuve", dossier.epreuve()).queryParam("piece", piece)
                    .queryParam("fileName", dossier.epreuve() + "-" + piece + ".pdf")
                    .post(path + "/attachments").then().log().ifValidationFails().statusCode(201);
        }
        JsonNode report = json(as(c.account()).get(path + "/conformity").then().statusCode(200).extract().response())
                .path(dossier.epreuve());
        assertTrue(report.path("conforme").asBoolean(), () -> c.account() + " " + dossier.epreuve() + ": " + report);
        assertEquals(List.of(), failedRules(report), c.account() + " " + dossier.epreuve() + ": every rule passes");
        assertTrue(report.path("results").size() > 0, "the report lists the rules it checked");
        JsonNode file = json(as(c.account()).header("If-Match", etagOf(c.account(), c))
                .post(path + "/epreuves/" + dossier.epreuve() + "/submit")
                .then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals("SUBMITTED", dossierStatus(file, dossier.epreuve()));
    }

    private void edit(Candidate c, ProfessionalDossier dossier) {
        as(c.account()).header("If-Match", etagOf(c.account(), c)).contentType(JSON_TYPE).body(dossier.edit())
                .put(DOSSIERS + "/dossiers/" + fileIds.get(c.number()) + "/epreuves/" + dossier.epreuve())
                .then().log().ifValidationFails().statusCode(200);
    }

    private void rectoratRecordsConformityDecisions() {
        for (Candidate c : List.of(camille, ines, hugo)) {
            for (String epreuve : List.of("E4", "E5")) {
                if (c == hugo && epreuve.equals("E5")) {
                    continue;
                }
                JsonNode file = json(as(RECTORAT).header("If-Match", etagOf(RECTORAT, c)).contentType(JSON_TYPE)
                        .body(Map.of("decision", "CONFORME"))
                        .post(DOSSIERS + "/dossiers/" + fileIds.get(c.number()) + "/epreuves/" + epreuve + "/decision")
                        .then().log().ifValidationFails().statusCode(200).extract().response());
                JsonNode dossier = dossierOf(file, epreuve);
                assertEquals("CONFORME", dossier.path("status").asText());
                assertTrue(dossier.path("decision").path("report").path("conforme").asBoolean(), "the decision keeps its report");
            }
        }
    }

    private void deadlinePasses() {
        openDossierCampaign(Instant.now().minusSeconds(5));
        ProfessionalDossier late = ProfessionalDossier.complete("E5", exigences("E5"));
        as(hugo.account()).header("If-Match", etagOf(hugo.account(), hugo)).contentType(JSON_TYPE).body(late.edit())
                .put(DOSSIERS + "/dossiers/" + fileIds.get(hugo.number()) + "/epreuves/E5")
                .then().log().ifValidationFails().statusCode(409);
        JsonNode snapshot = json(as(RECTORAT).get(DOSSIERS + "/snapshots/" + year + "/" + SAM).then().statusCode(200)
                .extract().response());
        JsonNode hugoE5 = snapshotEpreuve(snapshot, hugo, "E5");
        assertEquals("ABSENT", hugoE5.path("dossier").asText(), "a draft at the deadline is absent");
        assertTrue(hugoE5.path("nv").asBoolean(), "an absent SAM E5 dossier is NV");
        assertEquals("CONFORME", snapshotEpreuve(snapshot, camille, "E5").path("dossier").asText());
        assertFalse(snapshotEpreuve(snapshot, camille, "E5").path("nv").asBoolean());
    }

    // ---- 4. evaluation session, jury, commissions ----------------------------------------------------------------

    private void openEvaluationSession() {
        JsonNode session = json(as(RECTORAT).contentType(JSON_TYPE)
                .body(Map.of("certification", SAM, "referentialVersion", Integer.toString(referentialVersion()), "year", year))
                .post(EVALUATIONS + "/sessions").then().log().ifValidationFails().statusCode(201).extract().response());
        sessionId = session.path("id").asText();
        assertEquals("OPEN", session.path("status").asText());
        assertEquals(referentialVersion(), session.path("referentialVersion").asInt());
    }

    private void appointJuryAndStartGrading() {
        Map<String, Object> jury = Fixtures.jury(PRESIDENT, JURY, "demo");
        as(RECTORAT).contentType(JSON_TYPE).body(jury).put(session("/jury")).then().log().ifValidationFails().statusCode(200);
        JsonNode grading = json(as(RECTORAT).header("If-Match", sessionEtag(RECTORAT)).contentType(JSON_TYPE)
                .body(Map.of("to", "GRADING")).post(session("/transitions"))
                .then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals("GRADING", grading.path("status").asText());
        assertFalse(grading.path("snapshotTakenAt").isNull(), "GRADING takes the registration snapshot");
    }

    /** Grades the snapshot created from the registrations (dispenses, bénéfices, NV dossiers): candidate → épreuve → grade. */
    private Map<String, Map<String, JsonNode>> registrationGradesOfTheSnapshot() {
        Map<String, Map<String, JsonNode>> out = new TreeMap<>();
        for (JsonNode g : gradesOfTheSession().path("items")) {
            assertEquals("INSCRIPTION", g.path("origine").asText(), "before any jury grade, only registration grades exist");
            out.computeIfAbsent(g.path("candidate").asText(), k -> new TreeMap<>()).put(g.path("epreuve").asText(), g);
        }
        assertEquals("DISPENSE", out.get(ines.number()).get("E1").path("statut").asText());
        assertEquals("BENEFICE", out.get(hugo.number()).get("E3").path("statut").asText());
        assertEquals(0, new BigDecimal("12.5").compareTo(out.get(hugo.number()).get("E3").path("note").decimalValue()));
        assertEquals("NV", out.get(hugo.number()).get("E5").path("statut").asText());
        assertEquals(Set.of(ines.number(), hugo.number()), out.keySet());
        return out;
    }

    private void formCommissions(Map<String, Map<String, JsonNode>> registrationGrades) {
        JsonNode listed = json(as(RECTORAT).queryParam("size", 100).get(session("/candidates")).then().statusCode(200)
                .extract().response());
        Map<String, List<String>> sitters = new TreeMap<>();
        for (JsonNode c : listed.path("items")) {
            String number = c.path("candidate").asText();
            for (JsonNode e : c.path("epreuves")) {
                if (!registrationGrades.getOrDefault(number, Map.of()).containsKey(e.asText())) {
                    sitters.computeIfAbsent(e.asText(), k -> new ArrayList<>()).add(number);
                }
            }
        }
        assertEquals(4, listed.path("totalItems").asInt());
        assertEquals(List.of("E1", "E3", "E6"), epreuvesOf(listed, nadia), "the progressive candidate sits only her units");
        assertTrue(epreuvesOf(listed, camille).contains("EF1"), "the facultative language is an épreuve of its own");
        sitters.forEach((epreuve, numbers) -> {
            String code = "COM-" + epreuve;
            String member = epreuve.equals("EF1") ? PRESIDENT : JURY;
            as(RECTORAT).contentType(JSON_TYPE).body(Map.of("code", code, "epreuve", epreuve, "members", List.of(member)))
                    .post(session("/commissions")).then().log().ifValidationFails().statusCode(201);
            as(RECTORAT).contentType(JSON_TYPE).body(Map.of("candidates", numbers))
                    .put(session("/commissions/" + code + "/candidates")).then().log().ifValidationFails().statusCode(200);
        });
    }

    // ---- 5. grades from jury apps ----------------------------------------------------------------------------------

    private void juryAppsSendGrades(Map<String, Map<String, JsonNode>> registrationGrades) {
        List<Map<String, Object>> written = List.of(
                mark(camille, "E1", "12"), mark(camille, "E21", "14"), mark(camille, "E22", "11"), mark(camille, "E3", "10.5"),
                mark(ines, "E21", "8"), mark(ines, "E22", "9"), mark(ines, "E3", "7.5"),
                mark(hugo, "E1", "13"), mark(hugo, "E21", "15"), mark(hugo, "E22", "12"),
                mark(nadia, "E1", "11"), mark(nadia, "E3", "8"));
        Map<String, Object> ccfA = new LinkedHashMap<>(mark(camille, "E5", null));
        ccfA.put("situations", Map.of("A", 13, "B", 11));
        ccfA.put("commentaire", "Situations A et B du CCF, deux projets conduits en autonomie");
        List<Map<String, Object>> professional = List.of(
                mark(camille, "E4", "13"), ccfA, mark(camille, "E6", "9.5"),
                mark(ines, "E4", "9"), mark(ines, "E5", "8.5"), mark(ines, "E6", "10"),
                mark(hugo, "E4", "14"), mark(hugo, "E6", "12"),
                mark(nadia, "E6", "12.5"));
        int before = gradesOfTheSession().path("totalItems").asInt();

        String firstKey = run + "-jury-batch-1";
        Response first = gradeBatch(JURY, firstKey, written);
        assertEquals(200, first.statusCode(), first::asString);
        assertEquals("false", first.header("Idempotency-Replayed"));
        assertEquals(written.size(), json(first).path("created").asInt());
        // the tablet lost the answer and sends the same batch again: the first answer is replayed, nothing is duplicated
        Response retried = gradeBatch(JURY, firstKey, written);
        assertEquals(200, retried.statusCode(), retried::asString);
        assertEquals("true", retried.header("Idempotency-Replayed"));
        assertEquals(json(first), json(retried), "the replay is the first answer");
        assertEquals(before + written.size(), gradesOfTheSession().path("totalItems").asInt(), "the retry stored nothing");
        // the same key with another body is refused, nothing stored
        assertEquals(422, gradeBatch(JURY, firstKey, written.subList(0, 1)).statusCode());

        Response second = gradeBatch(JURY, run + "-jury-batch-2", professional);
        assertEquals(200, second.statusCode(), second::asString);
        assertEquals(professional.size(), json(second).path("created").asInt());
        // a jury member grades only the candidates of their commissions (EF1 is the president's): 404, nothing stored
        assertEquals(404, gradeBatch(JURY, run + "-jury-batch-x", List.of(mark(camille, "EF1", "15"))).statusCode());
        Response president = gradeBatch(PRESIDENT, run + "-president-batch", List.of(mark(camille, "EF1", "14")));
        assertEquals(200, president.statusCode(), president::asString);

        JsonNode all = gradesOfTheSession();
        int registration = registrationGrades.values().stream().mapToInt(Map::size).sum();
        assertEquals(registration + written.size() + professional.size() + 1, all.path("totalItems").asInt());
        Set<String> pairs = new HashSet<>();
        all.path("items").forEach(g -> assertTrue(pairs.add(g.path("candidate").asText() + "/" + g.path("epreuve").asText()),
                "one grade per candidate and épreuve: " + g));
    }

    private static Map<String, Object> mark(Candidate c, String epreuve, String note) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("candidate", c.number());
        item.put("epreuve", epreuve);
        item.put("statut", "NOTE");
        if (note != null) {
            item.put("note", new BigDecimal(note));
        }
        return item;
    }

    private Response gradeBatch(String user, String key, List<Map<String, Object>> grades) {
        return as(user).header("Idempotency-Key", key).contentType(JSON_TYPE).body(Map.of("grades", grades))
                .post(session("/grades")).then().extract().response();
    }

    private JsonNode gradesOfTheSession() {
        return json(as(RECTORAT).queryParam("size", 500).get(session("/grades")).then().statusCode(200).extract().response());
    }

    // ---- 6. deliberation, seal, publication, outputs ----------------------------------------------------------------

    private void deliberateSealAndPublish() {
        as(PRESIDENT).header("If-Match", sessionEtag(PRESIDENT)).contentType(JSON_TYPE).body(Map.of("to", "DELIBERATION"))
                .post(session("/transitions")).then().log().ifValidationFails().statusCode(200);
        JsonNode preview = json(as(PRESIDENT).queryParam("size", 100).get(session("/deliberations/preview"))
                .then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals(Map.of("ADMIS", 1, "AJOURNE", 1, "NON_DELIVRE_NV", 1, "SANS_DECISION_PROGRESSIVE", 1),
                MAPPER.convertValue(preview.path("decisions"), new TypeReference<Map<String, Integer>>() {
                }));
        // a jury member is not the president: no seal
        as(JURY).contentType(JSON_TYPE).body(Map.of("reason", "x")).post(session("/deliberations/seal")).then().statusCode(403);
        JsonNode sealed = json(as(PRESIDENT).contentType(JSON_TYPE).body(Map.of("reason", "Délibération du jury, session " + year))
                .post(session("/deliberations/seal")).then().log().ifValidationFails().statusCode(201).extract().response());
        assertEquals(1, sealed.path("revision").asInt());
        // sealed but not published: the candidate does not see a result yet
        as(camille.account()).get(session("/candidates/" + camille.number() + "/transcript")).then().statusCode(404);
        // a sealed session is read-only
        assertEquals(409, gradeBatch(JURY, run + "-after-seal", List.of(mark(nadia, "E1", "20"))).statusCode());
        JsonNode published = json(as(RECTORAT).header("If-Match", sessionEtag(RECTORAT)).contentType(JSON_TYPE)
                .body(Map.of("to", "PUBLISHED")).post(session("/transitions"))
                .then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals("PUBLISHED", published.path("status").asText());
    }

    /** Each candidate's transcript as the rectorat reads it; the candidates read their own, not another's. */
    private Map<String, JsonNode> transcripts() {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            JsonNode transcript = json(as(RECTORAT).accept(JSON_TYPE).get(session("/candidates/" + c.number() + "/transcript"))
                    .then().log().ifValidationFails().statusCode(200).extract().response());
            assertEquals(c.number(), transcript.path("candidate").asText());
            assertTrue(transcript.path("result").path("lignes").size() > 0, "a result explains itself");
            results.put(c.number(), transcript);
        }
        for (Candidate c : List.of(camille, ines, hugo)) {
            JsonNode own = json(as(c.account()).accept(JSON_TYPE).get(session("/candidates/" + c.number() + "/transcript"))
                    .then().log().ifValidationFails().statusCode(200).extract().response());
            assertEquals(results.get(c.number()).path("result"), own.path("result"), "the candidate reads the sealed result");
        }
        as(camille.account()).accept(JSON_TYPE).get(session("/candidates/" + ines.number() + "/transcript")).then().statusCode(404);
        byte[] pdf = as(camille.account()).accept("application/pdf").get(session("/candidates/" + camille.number() + "/transcript"))
                .then().statusCode(200).extract().asByteArray();
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII), "the transcript as PDF");
        return results;
    }

    private void readThePv() {
        String csv = as(RECTORAT).accept("text/csv").get(session("/deliberations/latest/pv"))
                .then().log().ifValidationFails().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("candidat;nom;prenom;"), lines.get(0));
        assertEquals(5, lines.size(), "header and one line per candidate:\n" + csv);
        assertTrue(line(lines, camille).contains(";ADMIS;"), csv);
        assertTrue(line(lines, ines).contains(";AJOURNE;"), csv);
        assertTrue(line(lines, hugo).contains(";NON_DELIVRE_NV;NV E5"), csv);
        assertTrue(line(lines, nadia).contains(";SANS_DECISION_PROGRESSIVE;"), csv);
        System.out.println("\nPV (CSV) of session " + year + ":\n" + csv);
    }

    private void auditChainIsValid() {
        JsonNode verification = json(as(RECTORAT).get(EVALUATIONS + "/audit/verify").then().statusCode(200).extract().response());
        assertTrue(verification.path("valid").asBoolean(), () -> "audit chain: " + verification);
        assertTrue(verification.path("entries").asInt() > 0);
        assertTrue(verification.path("firstBrokenSeq").isNull() || verification.path("firstBrokenSeq").isMissingNode());
    }

    // ---- 7. summary and the facts that make the session right ---------------------------------------------------------

    private void printSummary(Map<String, JsonNode> transcripts) {
        String format = "%-15s | %-16s | %-11s | %7s | %-25s | %-26s | %9s | %s%n";
        StringBuilder table = new StringBuilder(String.format(format, "candidat", "nom", "forme", "moyenne", "décision",
                "NV / absences / à obtenir", "bonus fac", "blocs validés"));
        table.append("-".repeat(150)).append('\n');
        for (JsonNode t : transcripts.values()) {
            JsonNode r = t.path("result");
            List<String> reasons = new ArrayList<>();
            r.path("epreuvesNv").forEach(e -> reasons.add("NV " + e.asText()));
            r.path("epreuvesAbsent").forEach(e -> reasons.add("absent " + e.asText()));
            if (r.path("epreuvesManquantes").size() > 0) {
                reasons.add("à obtenir " + String.join(" ", texts(r.path("epreuvesManquantes"))));
            }
            table.append(String.format(format, t.path("candidate").asText(), t.path("lastName").asText() + " " + t.path("firstName").asText(),
                    t.path("forme").asText(), r.path("moyenne").isNull() ? "—" : r.path("moyenne").decimalValue().toPlainString(),
                    r.path("decision").asText(), reasons.isEmpty() ? "—" : String.join(", ", reasons),
                    "+" + r.path("pointsFacultatifs").decimalValue().stripTrailingZeros().toPlainString(),
                    String.join(" ", texts(r.path("blocsValides")))));
        }
        System.out.println("\nBTS-SAM session " + year + ", académie versailles — published results\n" + table);
    }

    private void assertTheSessionIsRight(Map<String, JsonNode> transcripts) {
        JsonNode a = transcripts.get(camille.number()).path("result");
        assertEquals("ADMIS", a.path("decision").asText());
        assertDecimal("21", a.path("totalCoefficients"), "every compulsory unit counts");
        assertDecimal("4", a.path("pointsFacultatifs"), "UF1 at 14: (14 − 10) × 1 point");
        assertDecimal("248.5", a.path("totalPoints"), "244.5 compulsory points + 4 facultative");
        assertDecimal("11.83", a.path("moyenne"), "248.5 / 21 truncated");
        assertDecimal("12", unit(a, "E5").path("note"), "CCF situations A 13/20 + B 11/20 = 24/40 → 12/20");

        JsonNode b = transcripts.get(ines.number()).path("result");
        assertEquals("AJOURNE", b.path("decision").asText());
        assertEquals("DISPENSE", unit(b, "E1").path("statut").asText());
        assertTrue(unit(b, "E1").path("points").isNull(), "a dispensed unit brings no points");
        assertDecimal("18", b.path("totalCoefficients"), "the dispensed U1 (coef 3) is out of the denominator");
        assertDecimal("8.75", b.path("moyenne"), "157.5 / 18");

        JsonNode c = transcripts.get(hugo.number()).path("result");
        assertEquals("NON_DELIVRE_NV", c.path("decision").asText(), "NV at E5: not delivered whatever the average");
        assertEquals(List.of("E5"), texts(c.path("epreuvesNv")));
        assertEquals("BENEFICE", unit(c, "E3").path("statut").asText());
        assertDecimal("12.5", unit(c, "E3").path("note"), "the bénéfice counts with its kept grade");
        assertTrue(c.path("totalPoints").decimalValue().compareTo(BigDecimal.TEN.multiply(c.path("totalCoefficients").decimalValue())) >= 0,
                "his marks alone would pass the threshold: " + c);

        JsonNode d = transcripts.get(nadia.number()).path("result");
        assertEquals("PROGRESSIVE", transcripts.get(nadia.number()).path("forme").asText());
        assertEquals("SANS_DECISION_PROGRESSIVE", d.path("decision").asText(), "no diploma decision in forme progressive");
        assertTrue(d.path("moyenne").isNull());
        assertTrue(unit(d, "E1").path("acquise").asBoolean());
        assertFalse(unit(d, "E3").path("acquise").asBoolean());
        assertTrue(unit(d, "E6").path("acquise").asBoolean());
        assertTrue(texts(d.path("blocsValides")).containsAll(List.of("SAM-B3", "SAM-B4")), d.path("blocsValides").toString());
        assertFalse(texts(d.path("blocsValides")).contains("SAM-B6"));
        assertEquals(d.path("blocsValides").size(), d.path("attestations").size(), "one attestation per validated bloc");
        assertTrue(StreamSupport.stream(d.path("attestations").spliterator(), false)
                        .allMatch(x -> x.path("delivrance").asText().equals("AUTOMATIQUE")),
                "continuing education: bloc attestations are automatic");
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------------

    private int referentialVersion() {
        return referential.path("version").path("number").asInt();
    }

    private JsonNode exigences(String epreuve) {
        for (JsonNode e : referential.path("epreuves")) {
            if (epreuve.equals(e.path("code").asText())) {
                assertFalse(e.path("exigencesDossier").isNull(), epreuve + " has dossier requirements");
                return e.path("exigencesDossier");
            }
        }
        throw new AssertionError("no épreuve " + epreuve + " in " + SAM);
    }

    private String etagOf(String user, Candidate c) {
        return as(user).get(DOSSIERS + "/dossiers/" + fileIds.get(c.number())).then().statusCode(200).extract().header("ETag");
    }

    private String sessionEtag(String user) {
        return as(user).get(session("")).then().statusCode(200).extract().header("ETag");
    }

    private String session(String path) {
        return EVALUATIONS + "/sessions/" + sessionId + path;
    }

    private static JsonNode dossierOf(JsonNode file, String epreuve) {
        for (JsonNode d : file.path("dossiers")) {
            if (epreuve.equals(d.path("epreuve").asText())) {
                return d;
            }
        }
        throw new AssertionError("no dossier " + epreuve + " in " + file.path("candidateNumber"));
    }

    private static String dossierStatus(JsonNode file, String epreuve) {
        return dossierOf(file, epreuve).path("status").asText();
    }

    private static JsonNode snapshotEpreuve(JsonNode snapshot, Candidate c, String epreuve) {
        for (JsonNode candidate : snapshot.path("candidates")) {
            if (c.number().equals(candidate.path("candidateNumber").asText())) {
                for (JsonNode e : candidate.path("epreuves")) {
                    if (epreuve.equals(e.path("epreuve").asText())) {
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no " + epreuve + " of " + c.number() + " in the snapshot " + snapshot);
    }

    private static List<String> failedRules(JsonNode report) {
        List<String> failed = new ArrayList<>();
        report.path("results").forEach(r -> {
            if (!r.path("passed").asBoolean()) {
                failed.add(r.path("code").asText());
            }
        });
        return failed;
    }

    private static List<String> epreuvesOf(JsonNode listed, Candidate c) {
        for (JsonNode item : listed.path("items")) {
            if (c.number().equals(item.path("candidate").asText())) {
                return texts(item.path("epreuves"));
            }
        }
        throw new AssertionError("no candidate " + c.number());
    }

    private static JsonNode unit(JsonNode result, String epreuve) {
        for (JsonNode u : result.path("unites")) {
            if (epreuve.equals(u.path("epreuve").asText())) {
                return u;
            }
        }
        throw new AssertionError("no unit result for " + epreuve + " in " + result);
    }

    private static String line(List<String> lines, Candidate c) {
        return lines.stream().filter(l -> l.startsWith(c.number() + ";")).findFirst()
                .orElseThrow(() -> new AssertionError("no PV line for " + c.number()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
