package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grade writes racing the seal on the real PostgreSQL (issue 10 item 4): seven jury writers keep updating their
 * grade while the president seals. No answer is a 500; every write that loses is a 409 {@code session-sealed}; every
 * accepted write is in the stored grades and none is dated after the seal; the audit chain stays valid with the
 * concurrent writers, and the seal's anchor detects a tail cut together with the head. The session is in the
 * académie grenoble, which no other test uses.
 */
@QuarkusTest
class SealRaceResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String RECTORAT = TestTokens.token("rectorat-grenoble", "grenoble", "rectorat");
    static final String PRESIDENT = TestTokens.token("pres-grenoble", "grenoble", "jury-president");
    static final String MEMBER = TestTokens.token("ec-g1", "grenoble", "jury-member");
    static final String CANDIDATE = "GRE-2031-00001";
    static final List<String> EPREUVES = List.of("E1", "E21", "E22", "E3", "E4", "E5", "E6");
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private record Answer(String epreuve, int status, String type) {
    }

    @Test
    void gradeWritesRacingTheSealAreAcceptedBeforeItOrRefusedAsSessionSealed() throws Exception {
        String session = gradingSession();
        String grades = SESSIONS + "/" + session + "/grades/" + CANDIDATE + "/";
        for (String epreuve : EPREUVES) {
            as(MEMBER).body(Map.of("statut", "NOTE", "note", 10)).put(grades + epreuve).then().statusCode(201);
        }

        HttpClient http = HttpClient.newHttpClient();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        Map<String, BigDecimal> lastAccepted = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch warmedUp = new CountDownLatch(EPREUVES.size());
        ExecutorService pool = Executors.newFixedThreadPool(EPREUVES.size() + 1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String epreuve : EPREUVES) {
                writers.add(pool.submit(() -> {
                    start.await();
                    long version = 0;
                    for (int i = 1; i <= 2000; i++) {
                        BigDecimal note = BigDecimal.valueOf(i % 2 == 0 ? 10 : 11);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(grades + epreuve))
                                .header("Authorization", "Bearer " + MEMBER).header("Content-Type", "application/json")
                                .header("If-Match", "\"v" + version + "\"")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"statut\":\"NOTE\",\"note\":" + note + "}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        String type = r.statusCode() == 200 ? null : JSON.readTree(r.body()).path("type").asText();
                        answers.add(new Answer(epreuve, r.statusCode(), type));
                        if (r.statusCode() != 200) {
                            return null;
                        }
                        version++;
                        lastAccepted.put(epreuve, note);
                        if (i == 3) {
                            warmedUp.countDown();
                        }
                    }
                    return null;
                }));
            }
            Future<Integer> seal = pool.submit(() -> {
                start.await();
                assertTrue(warmedUp.await(60, TimeUnit.SECONDS), "the writers got going");
                return http.send(HttpRequest.newBuilder(base.resolve(SESSIONS + "/" + session + "/deliberations/seal"))
                        .header("Authorization", "Bearer " + PRESIDENT).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            });
            start.countDown();
            assertEquals(201, seal.get(120, TimeUnit.SECONDS), "the seal goes through");
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Answer> all = new ArrayList<>(answers);
        assertEquals(0, all.stream().filter(a -> a.status() >= 500).count(), () -> "answers 5xx: " + all);
        List<Answer> refused = all.stream().filter(a -> a.status() != 200).toList();
        assertEquals(EPREUVES.size(), refused.size(), () -> "each writer ends on one refusal: " + refused);
        for (Answer a : refused) {
            assertEquals(409, a.status(), a::toString);
            assertEquals("urn:bts:problem:session-sealed", a.type(), a::toString);
        }
        assertTrue(all.size() > 3L * EPREUVES.size(), "writes were accepted while the seal was coming: " + all.size());
        System.out.printf("issue 10 figures: seal race -> %d grade writes accepted, %d refused 409 session-sealed, 0 answers 5xx%n",
                all.size() - refused.size(), refused.size());
        for (String epreuve : EPREUVES) {
            float stored = as(RECTORAT).get(SESSIONS + "/" + session + "/grades?candidate=" + CANDIDATE + "&epreuve=" + epreuve)
                    .then().statusCode(200).extract().path("items[0].note");
            assertEquals(0, lastAccepted.get(epreuve).compareTo(BigDecimal.valueOf(stored)), "every accepted write is stored: " + epreuve);
        }
        assertEquals(0, count("select count(*) from grade g join exam_session s on s.id = g.session_id where s.id = '" + session
                + "' and g.graded_at >= s.sealed_at"), "no grade is dated after the seal");
        as(RECTORAT).get("/api/evaluations/v1/audit/verify").then().statusCode(200).body("valid", is(true))
                .body("chains[0].chain", is("grenoble"));
        theSealAnchorDetectsATailCutWithItsHead(session);
    }

    /** Cuts the seal's entry and everything after it, and moves the head back as a lost transaction would; then undoes it. */
    private void theSealAnchorDetectsATailCutWithItsHead(String session) throws SQLException {
        long sealSeq = count("select audit_seq from deliberation_revision where session_id = '" + session + "' and revision = 1");
        long headSeq = count("select seq from audit_head where chain = 'grenoble'");
        assertTrue(sealSeq > 1 && headSeq >= sealSeq, "the seal recorded its place in the chain");
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("create temp table cut_tail as select * from audit_entry where chain = 'grenoble' and seq >= " + sealSeq);
            s.execute("create temp table cut_head as select * from audit_head where chain = 'grenoble'");
            s.execute("alter table audit_entry disable trigger audit_entry_no_update");
            try {
                s.executeUpdate("delete from audit_entry where chain = 'grenoble' and seq >= " + sealSeq);
                s.executeUpdate("update audit_head set seq = " + (sealSeq - 1) + ", hash = (select hash from audit_entry "
                        + "where chain = 'grenoble' and seq = " + (sealSeq - 1) + ") where chain = 'grenoble'");
                as(RECTORAT).get("/api/evaluations/v1/audit/verify").then().statusCode(200).body("valid", is(false))
                        .body("truncated", is(true)).body("missingFrom", is((int) sealSeq)).body("missingTo", is((int) sealSeq))
                        .body("reason", org.hamcrest.Matchers.containsString("missing"));
            } finally {
                s.executeUpdate("insert into audit_entry select * from cut_tail");
                s.executeUpdate("update audit_head h set seq = c.seq, hash = c.hash from cut_head c where h.chain = c.chain");
                s.execute("alter table audit_entry enable trigger audit_entry_no_update");
            }
        }
        as(RECTORAT).get("/api/evaluations/v1/audit/verify").then().statusCode(200).body("valid", is(true));
    }

    /** A SAM 2031 session of grenoble in GRADING: one candidate sitting seven épreuves, one member grading them all. */
    private String gradingSession() throws Exception {
        return SamSession.inGrading(JSON, RECTORAT, new SamSession.Plan("grenoble", 2031, 1, "g",
                new SamSession.Candidate("reg-g1", CANDIDATE, "Nom", "Prénom", "2010-03-01", "candidat-g1", "ELEVE_ETUDIANT")), EPREUVES);
    }

    static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
