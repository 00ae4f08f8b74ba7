package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A grade batch extends its académie's audit chain once, after its grades and its answer are written (issue 16): one
 * entry per batch that wrote something, listing only the items written; none for a replay or a batch that changes
 * nothing. What it reads before writing (its candidates with the épreuves the caller grades, the stored grades with
 * their grid and comment) decides each item's outcome, and a refused batch stores nothing. Uses the académie lille,
 * which no other test uses, one session per test.
 */
@QuarkusTest
class GradeBatchResourceTest {

    static final String RECTORAT = TestTokens.token("rectorat-lille", "lille", "rectorat");
    static final String GRADER = TestTokens.token("ec-l1", "lille", "jury-member");
    static final String OTHER_MEMBER = TestTokens.token("prof-l1", "lille", "jury-member");
    static final String CANDIDATE = "LIL-2034-00001";
    static final ObjectMapper JSON = new ObjectMapper();

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void aBatchExtendsTheChainOnceWithTheItemsItWroteAndNeitherItsReplayNorAnUnchangedBatchDoes() throws Exception {
        String grades = session(2034, List.of("E1", "E3", "E4")) + "/grades";
        long entries = count("select count(*) from audit_entry where chain = 'lille'");
        Map<String, Object> e1 = Map.of("candidate", CANDIDATE, "epreuve", "E1", "statut", "NOTE", "note", 12,
                "grille", Map.of("C1", "maîtrisé"), "commentaire", "bien");
        String first = batch(GRADER, grades, "lille-1", List.of(e1, item("E3", 9, null)))
                .then().statusCode(200).body("created", is(2)).body("items.outcome", contains("CREATED", "CREATED"))
                .extract().asString();
        assertEquals(entries + 1, count("select count(*) from audit_entry where chain = 'lille'"));
        String payload = lastBatchPayload();
        assertTrue(payload.contains("\"E1\"") && payload.contains("\"E3\""), payload);

        Response replay = batch(GRADER, grades, "lille-1", List.of(e1, item("E3", 9, null)));
        replay.then().statusCode(200).header("Idempotency-Replayed", "true");
        assertEquals(first, replay.asString(), "a replay answers the first answer byte for byte");
        assertEquals(entries + 1, count("select count(*) from audit_entry where chain = 'lille'"), "a replay appends nothing");

        batch(GRADER, grades, "lille-2", List.of(e1, item("E3", 11, 0L)))
                .then().statusCode(200).body("unchanged", is(1)).body("updated", is(1))
                .body("items.outcome", contains("UNCHANGED", "UPDATED")).body("items.version", contains(0, 1));
        assertEquals(entries + 2, count("select count(*) from audit_entry where chain = 'lille'"));
        String second = lastBatchPayload();
        assertTrue(second.contains("\"E3\"") && !second.contains("\"E1\""), "only the item written is listed: " + second);

        batch(GRADER, grades, "lille-3", List.of(e1, item("E3", 11, 1L)))
                .then().statusCode(200).body("unchanged", is(2));
        assertEquals(entries + 2, count("select count(*) from audit_entry where chain = 'lille'"), "nothing written, nothing appended");
        as(RECTORAT).get("/api/evaluations/v1/audit/verify").then().statusCode(200).body("valid", is(true));
    }

    @Test
    void aBatchOutsideTheCallersCommissionsOrOverAStaleVersionStoresNothing() throws Exception {
        String grades = session(2035, List.of("E1", "E3")) + "/grades";
        batch(OTHER_MEMBER, grades, "lille-4", List.of(item("E1", 12, null)))
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", is("urn:bts:problem:not-found")).body("violations", hasSize(1));
        batch(GRADER, grades, "lille-5", List.of(item("E1", 12, null), item("E4", 12, null), unknown()))
                .then().statusCode(404).body("violations.field", contains("grades[1]", "grades[2]"));
        assertEquals(0, count("select count(*) from grade g join exam_session s on s.id = g.session_id "
                + "where s.academie = 'lille' and s.year = 2035"));

        batch(GRADER, grades, "lille-6", List.of(item("E1", 12, null))).then().statusCode(200).body("created", is(1));
        batch(GRADER, grades, "lille-7", List.of(item("E1", 13, 0L))).then().statusCode(200).body("items[0].version", is(1));
        batch(GRADER, grades, "lille-8", List.of(item("E3", 10, null), item("E1", 14, 0L)))
                .then().statusCode(409).body("violations.field", contains("grades[1].version"));
        assertEquals(1, count("select count(*) from grade g join exam_session s on s.id = g.session_id "
                + "where s.academie = 'lille' and s.year = 2035"), "the refused batch created nothing");
        as(GRADER).get(grades + "/" + CANDIDATE + "/E1").then().statusCode(200)
                .body("version", is(1)).body("note", is(13.0f));
    }

    private static String session(int year, List<String> epreuves) throws Exception {
        return SamSession.SESSIONS + "/" + SamSession.inGrading(JSON, RECTORAT, new SamSession.Plan("lille", year, 1, "l",
                new SamSession.Candidate("reg-l" + year, CANDIDATE, "Nord", "Jeanne", "1995-01-01", "candidat-l1", "EXPERIENCE_VAE")),
                epreuves);
    }

    private static Map<String, Object> item(String epreuve, int note, Long version) {
        Map<String, Object> item = new LinkedHashMap<>(Map.of("candidate", CANDIDATE, "epreuve", epreuve, "statut", "NOTE", "note", note));
        if (version != null) {
            item.put("version", version);
        }
        return item;
    }

    private static Map<String, Object> unknown() {
        return Map.of("candidate", "LIL-2034-99999", "epreuve", "E1", "statut", "NOTE", "note", 12);
    }

    private static Response batch(String token, String url, String key, List<Map<String, Object>> items) {
        return as(token).header("Idempotency-Key", key).body(Map.of("grades", new ArrayList<>(items))).post(url);
    }

    private static String lastBatchPayload() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("select action, payload from audit_entry where chain = 'lille' order by seq desc limit 1");
             ResultSet rs = s.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("GRADES_BATCH", rs.getString(1));
            String payload = rs.getString(2);
            assertFalse(payload.isEmpty());
            return payload;
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
