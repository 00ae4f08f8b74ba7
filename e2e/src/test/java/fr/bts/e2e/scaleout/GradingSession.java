package fr.bts.e2e.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.e2e.Fixtures;
import fr.bts.e2e.Stack;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A BTS-SAM session of versailles in GRADING, made once per test run through the instances themselves (each call
 * alternates between instance A and instance B): registrations imported and validated in dossier-service, the session
 * opened, its jury appointed, the snapshot taken, and one commission per written épreuve holding every candidate with
 * {@code jury-versailles}. The session year is the highest one (from 2100 down) no earlier run used, so the demo's
 * years (from 2026 up) are never taken.
 */
final class GradingSession {

    static final String SAM = "BTS-SAM";
    static final String RECTORAT = "rectorat-versailles";
    static final String JURY = "jury-versailles";
    static final String PRESIDENT = "president-versailles";
    static final String DOSSIERS = "/api/dossiers/v1";
    static final String EVALUATIONS = "/api/evaluations/v1";
    /** Épreuves every candidate sits and the jury member grades (written units of SAM). */
    static final List<String> EPREUVES = List.of("E1", "E21", "E22", "E3", "E6");
    static final int CANDIDATES = 24;
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static GradingSession made;

    final int year;
    final String id;
    final List<String> candidates;
    private int calls;

    private GradingSession(int year, String id, List<String> candidates) {
        this.year = year;
        this.id = id;
        this.candidates = candidates;
    }

    static synchronized GradingSession get() {
        if (made == null) {
            made = make();
        }
        return made;
    }

    /** A request to instance {@code i % n} of a service, as {@code user}. */
    static RequestSpecification at(List<String> instances, int i, String user) {
        return given().baseUri(instances.get(Math.floorMod(i, instances.size()))).auth().oauth2(Stack.userToken(user))
                .contentType("application/json");
    }

    String path(String below) {
        return EVALUATIONS + "/sessions/" + id + below;
    }

    static JsonNode json(Response response) {
        try {
            return MAPPER.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session's grades, read from instance {@code i}. */
    JsonNode grades(int i) {
        return json(at(Instances.evaluation(), i, RECTORAT).queryParam("size", 500).get(path("/grades"))
                .then().statusCode(200).extract().response());
    }

    private static GradingSession make() {
        List<String> dossier = Instances.dossier();
        List<String> evaluation = Instances.evaluation();
        JsonNode referential = json(given().baseUri(Instances.referential().get(0))
                .get("/api/referential/v1/certifications/" + SAM + "/current").then().statusCode(200).extract().response());
        int version = referential.path("version").path("number").asInt();
        int year = freeYear(Set.of());
        String run = UUID.randomUUID().toString();

        at(dossier, 0, RECTORAT).body(Map.of("dossierDeadline", Instant.now().plusSeconds(86400).toString()))
                .put(DOSSIERS + "/campaigns/" + year + "/" + SAM).then().log().ifValidationFails().statusCode(200);
        List<String> compulsory = new ArrayList<>();
        referential.path("unites").forEach(u -> {
            if (!u.path("facultative").asBoolean()) {
                compulsory.add(u.path("code").asText());
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int n = 1; n <= CANDIDATES; n++) {
            String number = String.format("SCL-%d-%05d", year, n);
            numbers.add(number);
            Map<String, Object> row = Fixtures.samRegistration(Integer.toString(year), version, new Fixtures.Candidate(
                    number, "Scale" + n, "Out", "2005-03-01", "scale-" + n + "@example.org", "scale-out-" + n), compulsory);
            row.put("unitesFacultatives", List.of());
            row.put("dispenses", List.of());
            row.put("benefices", List.of());
            rows.add(row);
        }
        JsonNode report = json(at(dossier, 1, RECTORAT).header("Idempotency-Key", run + "-import").body(rows)
                .post(DOSSIERS + "/imports").then().log().ifValidationFails().statusCode(200).extract().response());
        assertEquals(CANDIDATES, report.path("created").asInt(), () -> "import report: " + report);
        int i = 0;
        for (JsonNode row : report.path("rows")) {
            String file = DOSSIERS + "/dossiers/" + row.path("id").asText();
            String etag = at(dossier, i, RECTORAT).get(file).then().statusCode(200).extract().header("ETag");
            etag = at(dossier, i + 1, RECTORAT).header("If-Match", etag).post(file + "/registration/submit")
                    .then().log().ifValidationFails().statusCode(200).extract().header("ETag");
            at(dossier, i, RECTORAT).header("If-Match", etag).post(file + "/registration/validate")
                    .then().log().ifValidationFails().statusCode(200);
            i++;
        }
        at(dossier, 1, RECTORAT).body(Map.of("dossierDeadline", Instant.now().minusSeconds(5).toString()))
                .put(DOSSIERS + "/campaigns/" + year + "/" + SAM).then().log().ifValidationFails().statusCode(200);

        String id = json(at(evaluation, 0, RECTORAT)
                .body(Map.of("certification", SAM, "referentialVersion", Integer.toString(version), "year", year))
                .post(EVALUATIONS + "/sessions").then().log().ifValidationFails().statusCode(201).extract().response())
                .path("id").asText();
        GradingSession session = new GradingSession(year, id, numbers);
        Map<String, Object> jury = Fixtures.jury(PRESIDENT, JURY, "scale");
        at(evaluation, 1, RECTORAT).body(jury).put(session.path("/jury")).then().log().ifValidationFails().statusCode(200);
        String etag = at(evaluation, 0, RECTORAT).get(session.path("")).then().statusCode(200).extract().header("ETag");
        at(evaluation, 1, RECTORAT).header("If-Match", etag).body(Map.of("to", "GRADING")).post(session.path("/transitions"))
                .then().log().ifValidationFails().statusCode(200);
        int c = 0;
        for (String epreuve : EPREUVES) {
            String code = "COM-" + epreuve;
            at(evaluation, c, RECTORAT).body(Map.of("code", code, "epreuve", epreuve, "members", List.of(JURY)))
                    .post(session.path("/commissions")).then().log().ifValidationFails().statusCode(201);
            at(evaluation, c + 1, RECTORAT).body(Map.of("candidates", numbers))
                    .put(session.path("/commissions/" + code + "/candidates")).then().log().ifValidationFails().statusCode(200);
            c++;
        }
        // the snapshot's own grades are the NV of the professional dossiers nobody wrote (E4, E5): none on the jury's épreuves
        session.grades(0).path("items").forEach(g -> assertTrue(!EPREUVES.contains(g.path("epreuve").asText())
                && "INSCRIPTION".equals(g.path("origine").asText()), () -> "a grade before any jury grade: " + g));
        return session;
    }

    /** The highest SAM session year of versailles with neither a session nor a registration, other than {@code taken}. */
    static int freeYear(Set<Integer> taken) {
        List<String> dossier = Instances.dossier();
        List<String> evaluation = Instances.evaluation();
        JsonNode sessions = json(at(evaluation, 0, RECTORAT).queryParam("size", 500).get(EVALUATIONS + "/sessions")
                .then().statusCode(200).extract().response());
        Set<Integer> used = new HashSet<>();
        sessions.path("items").forEach(s -> {
            if (SAM.equals(s.path("certification").asText())) {
                used.add(s.path("year").asInt());
            }
        });
        for (int y = 2100; y >= 2000; y--) {
            if (used.contains(y) || taken.contains(y)) {
                continue;
            }
            long registered = at(dossier, 0, RECTORAT).queryParam("session", y).queryParam("certification", SAM)
                    .get(DOSSIERS + "/dossiers").then().statusCode(200).extract().jsonPath().getLong("totalItems");
            if (registered == 0) {
                return y;
            }
        }
        throw new AssertionError("no free SAM session year between 2000 and 2100");
    }

    /** Every (candidate, épreuve) graded once. */
    static void assertOneGradePerPair(JsonNode grades) {
        Set<String> pairs = new HashSet<>();
        grades.path("items").forEach(g -> assertTrue(pairs.add(g.path("candidate").asText() + "/" + g.path("epreuve").asText()),
                "one grade per candidate and épreuve: " + g));
    }
}
