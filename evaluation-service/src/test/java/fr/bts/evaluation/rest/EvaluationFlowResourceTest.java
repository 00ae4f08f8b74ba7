package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.evaluation.config.EvaluationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.evaluation.api.GradeDtos;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import fr.bts.evaluation.rest.StagedSession.Stage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole SAM session and a GPME one through the API, against a real PostgreSQL, real signed tokens and
 * WireMock for referential-service and dossier-service. Each test is independent: it takes a fresh session of its own
 * académie brought through the API to the {@link Stage} it starts from ({@link StagedSession}), so any test runs alone
 * or in any order.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class EvaluationFlowResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String RECTORAT_LYON = TestTokens.token("rectorat-lyon", "lyon", "rectorat");
    static final String EC1_LYON = TestTokens.token("ec-1", "lyon", "jury-member");
    static final String ADMIN = TestTokens.token("admin", null, "referential-admin");

    static final String C1 = StagedSession.C1;
    static final String C2 = StagedSession.C2;
    static final String C3 = StagedSession.C3;
    static final String C4 = StagedSession.C4;

    @Inject
    EvaluationConfig config;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper mapper;

    @Inject
    Scheduler scheduler;

    static RequestSpecification as(String token) {
        return StagedSession.as(token);
    }

    static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Moves the creation of the stored answer to an idempotency key of {@code academie} {@code age} into the past. */
    static void age(String academie, String key, Duration age) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("update idempotency_record set created_at = ? where academie = ? and idem_key = ?")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(age));
            s.setString(2, academie);
            s.setString(3, key);
            assertEquals(1, s.executeUpdate());
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(statement));
        }
    }

    /**
     * Sends the same request from {@code clients} threads at once; each retries after {@code Retry-After} while the
     * key is in progress (a bounded poll), and the last answer of each is returned.
     */
    static List<Response> concurrently(int clients, java.util.function.Supplier<Response> request) throws Exception {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    for (int attempt = 0; attempt < 500; attempt++) {
                        Response answer = request.get();
                        if (answer.statusCode() != 409) {
                            return answer;
                        }
                        assertEquals("urn:bts:problem:idempotency-key-in-progress", answer.path("type"));
                        assertEquals("1", answer.header("Retry-After"));
                        Thread.sleep(20);
                    }
                    throw new AssertionError("still in progress after 500 polls");
                }));
            }
            start.countDown();
            List<Response> out = new ArrayList<>();
            for (java.util.concurrent.Future<Response> answer : answers) {
                Response r = answer.get();
                assertEquals(200, r.statusCode(), r.asString());
                out.add(r);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static long gradeCount(StagedSession s) throws SQLException {
        return count("select count(*) from grade where session_id = '" + s.id() + "'");
    }

    @Test
    void openingRefusesIncompleteExamRulesWithTheListOfWhatIsMissing() {
        StagedSession s = StagedSession.none();
        as(s.rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "2", "year", 2027))
                .post(SESSIONS).then().statusCode(422).contentType("application/problem+json")
                .body("type", is("urn:bts:problem:exam-rules-incomplete"))
                .body("missing", hasItem(containsString("E5")))
                .body("missing", hasItem(containsString("E6")))
                .body("missing", hasItem(containsString("seuilInclusif")));
        as(s.rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "8", "year", 2027))
                .post(SESSIONS).then().statusCode(422).body("violations[0].field", is("referentialVersion"));
        as(s.rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "9", "year", 2027))
                .post(SESSIONS).then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", is("urn:bts:problem:service-unavailable")).body("detail", containsString("referential-service"));
        given().auth().oauth2(TestTokens.expired("rectorat-versailles", "versailles", "rectorat")).get(SESSIONS).then().statusCode(401);
        given().auth().oauth2(TestTokens.otherAudience("rectorat-versailles", "versailles", "rectorat")).get(SESSIONS).then().statusCode(401);
        as(s.rectorat).get("/api/evaluations/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void rectoratOpensASessionInItsAcademie() {
        StagedSession s = StagedSession.none();
        Map<String, Object> body = Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", 2026);
        given().contentType(ContentType.JSON).body(body).post(SESSIONS).then().statusCode(401);
        as(s.ec1).body(body).post(SESSIONS).then().statusCode(403).contentType("application/problem+json");
        as(s.rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", 1900))
                .post(SESSIONS).then().statusCode(422).body("violations.field", hasItem("year"));
        String sam = as(s.rectorat).body(body).post(SESSIONS).then().statusCode(201)
                .header("Location", containsString(SESSIONS + "/")).header("ETag", "\"v0\"")
                .body("academie", is(s.academie)).body("status", is("OPEN")).body("referentialVersion", is(1))
                .extract().path("id");
        as(s.rectorat).body(body).post(SESSIONS).then().statusCode(409);
        as(s.rectorat).get(SESSIONS + "/" + sam).then().statusCode(200).body("certification", is("BTS-SAM"));
        // RestAssured asks for gzip: a read answered gzipped has the tag of that coding (issue 12)
        as(s.rectorat).header("If-None-Match", "\"v0-gzip\"").get(SESSIONS + "/" + sam).then().statusCode(304);
        as(RECTORAT_LYON).get(SESSIONS + "/" + sam).then().statusCode(404).contentType("application/problem+json");
        as(RECTORAT_LYON).get(SESSIONS).then().statusCode(200).body("totalItems", is(0));
        as(s.rectorat).get(SESSIONS).then().statusCode(200).body("totalItems", is(1));
    }

    static Map<String, Object> person(String account, String qualite) {
        return StagedSession.person(account, qualite);
    }

    static Map<String, Object> jury() {
        return StagedSession.jury();
    }

    @Test
    void juryCompositionRulesAreChecked() {
        StagedSession s = StagedSession.at(Stage.CREATED);
        Map<String, Object> unequal = Map.of("president", person("pres-versailles", "PROFESSEUR_PUBLIC"), "members", List.of(
                person("ec-1", "ENSEIGNANT_CHERCHEUR"), person("prof-1", "PROFESSEUR_PUBLIC"), person("pro-1", "PROFESSIONNEL_EMPLOYEUR")));
        as(s.rectorat).body(unequal).put(s.path() + "/jury").then().statusCode(422)
                .body("detail", containsString("président")).body("detail", containsString("Parts égales"));
        as(RECTORAT_LYON).body(jury()).put(s.path() + "/jury").then().statusCode(404);
        as(s.ec1).body(jury()).put(s.path() + "/jury").then().statusCode(403);
        as(s.rectorat).body(jury()).put(s.path() + "/jury").then().statusCode(200);
        as(s.ec1).get(s.path() + "/jury").then().statusCode(200).body("president.account", is("pres-versailles"))
                .body("members", hasSize(4));
    }

    @Test
    void gradingTakesTheRegistrationSnapshotWithTheCallersToken() {
        StagedSession s = StagedSession.at(Stage.JURY_COMPOSED);
        String url = s.path() + "/transitions";
        as(s.rectorat).body(Map.of("to", "GRADING")).post(url).then().statusCode(428);
        as(s.rectorat).header("If-Match", "\"v9\"").body(Map.of("to", "GRADING")).post(url).then().statusCode(412);
        as(s.ec1).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING")).post(url).then().statusCode(403);
        as(s.rectorat).header("If-Match", "\"v0\"").body(Map.of("to", "SEALED")).post(url).then().statusCode(409);
        as(s.rectorat).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING")).post(url).then().statusCode(200)
                .body("status", is("GRADING")).header("ETag", "\"v1\"");
        DownstreamWireMock.server.verify(getRequestedFor(urlEqualTo("/api/dossiers/v1/snapshots/2026/BTS-SAM"))
                .withHeader("Authorization", equalTo("Bearer " + s.rectorat)));
    }

    @Test
    void commissionsTakeJuryMembersAndCandidatesWhoSitTheirEpreuve() {
        StagedSession s = StagedSession.at(Stage.GRADING);
        String url = s.path() + "/commissions";
        as(s.rectorat).body(Map.of("code", "C-X", "epreuve", "E1", "members", List.of("stranger"))).post(url).then().statusCode(422);
        as(s.ec1).body(Map.of("code", "C-X", "epreuve", "E1", "members", List.of("ec-1"))).post(url).then().statusCode(403);
        StagedSession.SITTING.forEach((epreuve, candidates) -> {
            as(s.rectorat).body(Map.of("code", "C-" + epreuve, "epreuve", epreuve, "members", List.of("ec-1", "pro-1")))
                    .post(url).then().statusCode(201);
            as(s.rectorat).body(Map.of("candidates", candidates)).put(url + "/C-" + epreuve + "/candidates").then().statusCode(200)
                    .body("candidates", hasSize(candidates.size()));
        });
        as(s.rectorat).body(Map.of("code", "C-E4", "epreuve", "E4", "members", List.of("prof-1", "pro-2"))).post(url).then().statusCode(201);
        as(s.rectorat).body(Map.of("candidates", List.of(C1, C2, C3, C4))).put(url + "/C-E4/candidates").then().statusCode(200);
        // C3 (forme progressive) does not sit E1
        as(s.rectorat).body(Map.of("candidates", List.of(C3))).put(url + "/C-E1/candidates").then().statusCode(422)
                .body("violations[0].field", is("candidates[0]"));
        as(RECTORAT_LYON).body(Map.of("candidates", List.of(C2))).put(url + "/C-E1/candidates").then().statusCode(404);
    }

    @Test
    void oneGradeIsCreatedThenUpdatedOnlyWithIfMatch() {
        StagedSession s = StagedSession.at(Stage.COMMISSIONS_FORMED);
        String url = s.grades() + "/" + C4 + "/E1";
        as(s.ec1).body(Map.of("statut", "NOTE", "note", 11, "grille", Map.of("C1", "maîtrisé"), "commentaire", "bien"))
                .put(url).then().statusCode(201).header("ETag", "\"v0\"").body("note", is(11.0f)).body("grader", is("ec-1"));
        as(s.ec1).body(Map.of("statut", "NOTE", "note", 12)).put(url).then().statusCode(428);
        as(s.ec1).header("If-Match", "\"v7\"").body(Map.of("statut", "NOTE", "note", 12)).put(url).then().statusCode(412);
        as(s.ec1).header("If-Match", "\"v0\"").body(Map.of("statut", "NOTE", "note", 12)).put(url).then().statusCode(200)
                .header("ETag", "\"v1\"").body("note", is(12.0f));
        // RestAssured asks for gzip: a read answered gzipped has the tag of that coding (issue 12)
        as(s.ec1).header("If-None-Match", "\"v1-gzip\"").get(url).then().statusCode(304);
        // and that tag names the gzip bytes only: a client without gzip gets the whole grade
        as(s.ec1).config(io.restassured.RestAssured.config().decoderConfig(io.restassured.config.DecoderConfig.decoderConfig()
                .noContentDecoders())).header("If-None-Match", "\"v1-gzip\"").get(url).then().statusCode(200)
                .header("ETag", "\"v1\"").header("Cache-Control", "private, no-cache")
                .header("Vary", org.hamcrest.Matchers.containsString("Accept-Encoding")).header("Last-Modified", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badGradesAreRefusedAndNothingIsStored() throws SQLException {
        StagedSession s = StagedSession.at(Stage.COMMISSIONS_FORMED);
        long before = gradeCount(s);
        String url = s.grades() + "/" + C2 + "/E1";
        as(s.ec1).body(Map.of("statut", "NOTE", "note", 20.5)).put(url).then().statusCode(422).body("violations[0].field", is("note"));
        as(s.ec1).body(Map.of("statut", "NOTE", "note", -1)).put(url).then().statusCode(422);
        as(s.ec1).body(Map.of("statut", "NOTE", "note", 12.25)).put(url).then().statusCode(422)
                .body("violations[0].message", containsString("multiple of 0.5"));
        as(s.ec1).body(Map.of("statut", "NOTE")).put(url).then().statusCode(422);
        as(s.ec1).body(Map.of("statut", "ABSENT", "note", 3)).put(url).then().statusCode(422);
        as(s.ec1).body(Map.of("statut", "DISPENSE")).put(url).then().statusCode(422);
        as(s.ec1).body(Map.of("statut", "NOTE", "note", "douze")).put(url).then().statusCode(422);
        as(s.ec1).body(Map.of("statut", "NOTE", "situations", Map.of("A", 3))).put(url).then().statusCode(422);
        // an épreuve the candidate does not sit (C3 is progressive, without E1), an unknown épreuve
        as(s.ec1).body(Map.of("statut", "NOTE", "note", 12)).put(s.grades() + "/" + C3 + "/E1").then().statusCode(404);
        as(s.ec1).body(Map.of("statut", "NOTE", "note", 12)).put(s.grades() + "/" + C2 + "/E9").then().statusCode(404);
        // a member outside the commission of E1, another académie, a role that does not grade
        as(s.prof1).body(Map.of("statut", "NOTE", "note", 12)).put(url).then().statusCode(404);
        as(EC1_LYON).body(Map.of("statut", "NOTE", "note", 12)).put(url).then().statusCode(404);
        as(EC1_LYON).header("Idempotency-Key", "lyon-1").body(Map.of("grades", List.of(item(C2, "E1", 12))))
                .post(s.grades()).then().statusCode(404);
        as(s.rectorat).body(Map.of("statut", "NOTE", "note", 12)).put(url).then().statusCode(403);
        as(s.candidate2).get(url).then().statusCode(403);
        // a dispensed unit is the registration's, not the jury's
        assertEquals(before, gradeCount(s));
    }

    static Map<String, Object> item(String candidate, String epreuve, Object note) {
        return StagedSession.item(candidate, epreuve, note);
    }

    @Test
    void aRetriedBatchNeverDuplicatesAndAnInvalidBatchStoresNothing() throws Exception {
        StagedSession s = StagedSession.at(Stage.COMMISSIONS_FORMED);
        List<Map<String, Object>> items = new ArrayList<>(List.of(
                item(C1, "E21", 14), item(C1, "E22", 8), item(C1, "E5", 11), item(C1, "E6", 10), item(C1, "EF1", 16),
                item(C2, "E1", 15), item(C2, "E21", 15), item(C2, "E22", 15), item(C2, "E3", 15), item(C2, "E6", 15),
                item(C3, "E5", 13), item(C3, "E6", 14),
                item(C4, "E21", 12), item(C4, "E22", 12), item(C4, "E3", 12), item(C4, "E5", 12)));
        Map<String, Object> batch = Map.of("grades", items);
        long before = gradeCount(s);

        as(s.ec1).body(batch).post(s.grades()).then().statusCode(400);
        Response first = as(s.ec1).header("Idempotency-Key", "batch-1").body(batch).post(s.grades());
        first.then().statusCode(200).header("Idempotency-Replayed", "false")
                .body("received", is(16)).body("created", is(16)).body("items[0].outcome", is("CREATED"));
        assertEquals(before + 16, gradeCount(s));

        Response retry = as(s.ec1).header("Idempotency-Key", "batch-1").body(batch).post(s.grades());
        retry.then().statusCode(200).header("Idempotency-Replayed", "true");
        assertEquals(first.asString(), retry.asString());
        assertEquals(before + 16, gradeCount(s));

        as(s.ec1).header("Idempotency-Key", "batch-1").body(Map.of("grades", List.of(item(C1, "E21", 15))))
                .post(s.grades()).then().statusCode(422).body("type", is("urn:bts:problem:idempotency-key-reused"));

        // same grades under a new key: unchanged, no duplicate
        as(s.ec1).header("Idempotency-Key", "batch-2").body(batch).post(s.grades()).then().statusCode(200)
                .body("unchanged", is(16)).body("created", is(0));

        // a key another instance claimed for this very batch and still runs: 409 with Retry-After; once that instance's
        // lease ran out (it died), the same request takes the run over, and its answer is the key's from then on
        String fingerprint = Idempotency.fingerprint("grades-batch", (s.id() + "\n"
                + mapper.writeValueAsString(mapper.convertValue(batch, GradeDtos.Batch.class))).getBytes(StandardCharsets.UTF_8));
        sql("insert into idempotency_record (academie, caller, idem_key, request_hash, run_id, owner, lease_until, created_at) "
                + "values ('" + s.academie + "', 'sub-ec-1', 'batch-running', '" + fingerprint + "', 'run-r', 'other-instance', "
                + "now() + interval '30 seconds', now())");
        as(s.ec1).header("Idempotency-Key", "batch-running").body(batch).post(s.grades()).then().statusCode(409)
                .header("Retry-After", "1").contentType("application/problem+json")
                .body("type", is("urn:bts:problem:idempotency-key-in-progress"));
        as(s.ec1).header("Idempotency-Key", "batch-running").body(Map.of("grades", List.of(item(C1, "E21", 15))))
                .post(s.grades()).then().statusCode(422).body("type", is("urn:bts:problem:idempotency-key-reused"));
        sql("update idempotency_record set lease_until = now() - interval '1 second' where academie = '" + s.academie + "' and idem_key = 'batch-running'");
        Response taken = as(s.ec1).header("Idempotency-Key", "batch-running").body(batch).post(s.grades());
        taken.then().statusCode(200).header("Idempotency-Replayed", "false").body("unchanged", is(16));
        as(s.ec1).header("Idempotency-Key", "batch-running").body(batch).post(s.grades()).then().statusCode(200)
                .header("Idempotency-Replayed", "true").body(is(taken.asString()));
        assertEquals(1, count("select count(*) from idempotency_record where academie = '" + s.academie + "' and idem_key = 'batch-running' and run_id = 'run-r' "
                + "and status = 200 and owner is null"));

        // the same key from four clients at once: it runs once, and every client ends with that first answer
        List<Response> finals = concurrently(4, () -> as(s.ec1).header("Idempotency-Key", "batch-together").body(batch).post(s.grades()));
        assertEquals(1, finals.stream().map(Response::asString).distinct().count(), "the same answer, byte for byte");
        assertEquals(1, finals.stream().filter(r -> "false".equals(r.header("Idempotency-Replayed"))).count(), "run once");
        assertEquals(before + 16, gradeCount(s));

        // within the retention the key still replays, however old the answer
        Duration retention = config.idempotency().retention();
        age(s.academie, "batch-1", retention.minusMinutes(1));
        as(s.ec1).header("Idempotency-Key", "batch-1").body(batch).post(s.grades()).then().statusCode(200)
                .header("Idempotency-Replayed", "true").body(is(first.asString()));
        // after it the key is free again: the same request runs anew (nothing left to change) and is kept again...
        age(s.academie, "batch-1", retention.plusMinutes(1));
        as(s.ec1).header("Idempotency-Key", "batch-1").body(batch).post(s.grades()).then().statusCode(200)
                .header("Idempotency-Replayed", "false").body("unchanged", is(16)).body("created", is(0));
        as(s.ec1).header("Idempotency-Key", "batch-1").body(batch).post(s.grades()).then().statusCode(200)
                .header("Idempotency-Replayed", "true").body("unchanged", is(16));
        // ...and another request under the expired key is not a reuse
        age(s.academie, "batch-1", retention.plusMinutes(1));
        as(s.ec1).header("Idempotency-Key", "batch-1").body(Map.of("grades", List.of(item(C1, "E21", 14)))).post(s.grades())
                .then().statusCode(200).header("Idempotency-Replayed", "false").body("received", is(1)).body("unchanged", is(1));
        assertEquals(before + 16, gradeCount(s));

        // one bad item refuses the whole batch
        as(s.ec1).header("Idempotency-Key", "batch-3")
                .body(Map.of("grades", List.of(item(C4, "E6", 12), item(C4, "E1", 25)))).post(s.grades())
                .then().statusCode(422).body("violations[0].field", is("grades[1].note"));
        // an existing grade changed without its version is a conflict
        as(s.ec1).header("Idempotency-Key", "batch-4")
                .body(Map.of("grades", List.of(item(C4, "E6", 12), item(C1, "E21", 15)))).post(s.grades())
                .then().statusCode(409).body("violations[0].field", is("grades[1].version"));
        // a candidate outside the caller's commissions
        as(s.ec1).header("Idempotency-Key", "batch-5")
                .body(Map.of("grades", List.of(item(C4, "E6", 12), item(C4, "E4", 12)))).post(s.grades())
                .then().statusCode(404).body("violations[0].field", is("grades[1]"));
        assertEquals(before + 16, gradeCount(s));

        // the update with its version goes through
        as(s.ec1).header("Idempotency-Key", "batch-6")
                .body(Map.of("grades", List.of(Map.of("candidate", C1, "epreuve", "E21", "statut", "NOTE", "note", 14.5, "version", 0))))
                .post(s.grades()).then().statusCode(200).body("updated", is(1)).body("items[0].version", is(1));

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(item(C4, "E6", 12));
        }
        as(s.ec1).header("Idempotency-Key", "batch-7").body(Map.of("grades", tooMany)).post(s.grades()).then().statusCode(422);

        as(s.prof1).header("Idempotency-Key", "e4-1").body(Map.of("grades", List.of(
                        item(C1, "E4", 9.5), item(C2, "E4", 15), item(C3, "E4", 12), item(C4, "E4", 12))))
                .post(s.grades()).then().statusCode(200).body("created", is(4));

        // listings: a jury member sees the grades of their commissions only
        as(s.prof1).get(s.grades()).then().statusCode(200).body("totalItems", is(4)).body("items.epreuve", everyItem(is("E4")));
        as(s.ec1).get(s.grades() + "?candidate=" + C1).then().statusCode(200).body("totalItems", is(5))
                .body("items.epreuve", not(hasItem("E4")));
        as(s.rectorat).get(s.grades() + "?candidate=" + C1).then().statusCode(200).body("totalItems", is(8))
                .body("items.find { it.epreuve == 'E1' }.statut", is("DISPENSE"))
                .body("items.find { it.epreuve == 'E3' }.statut", is("BENEFICE"))
                .body("items.find { it.epreuve == 'E3' }.origine", is("INSCRIPTION"));
        as(s.rectorat).get(s.grades() + "?epreuve=E5").then().statusCode(200)
                .body("items.find { it.candidate == '" + C2 + "' }.statut", is("NV"));
        as(RECTORAT_LYON).get(s.grades()).then().statusCode(404);
        as(s.candidate1).get(s.grades()).then().statusCode(403);
    }

    @Test
    void thePresidentPreviewsAdjustsAndCannotSealWhileAGradeIsMissing() {
        StagedSession s = StagedSession.at(Stage.GRADES_ENTERED);
        String url = s.path() + "/deliberations";
        // a president who does not sit on this session's jury: the session does not exist for him
        as(s.otherPresident).get(url + "/preview").then().statusCode(404);
        as(s.ec1).get(url + "/preview").then().statusCode(403);
        as(RECTORAT_LYON).get(url + "/preview").then().statusCode(404);
        as(s.president).get(url + "/preview").then().statusCode(200)
                .body("candidates", is(4))
                .body("items.find { it.candidate == '" + C2 + "' }.result.decision", is("NON_DELIVRE_NV"))
                .body("items.find { it.candidate == '" + C2 + "' }.result.epreuvesNv", hasItem("E5"))
                .body("items.find { it.candidate == '" + C3 + "' }.result.decision", is("SANS_DECISION_PROGRESSIVE"))
                .body("items.find { it.candidate == '" + C4 + "' }.result.decision", is("INCOMPLET"));

        as(s.ec1).body(Map.of("note", 10, "motif", "harmonisation")).put(url + "/adjustments/" + C1 + "/E4").then().statusCode(403);
        as(s.president).body(Map.of("note", 10)).put(url + "/adjustments/" + C1 + "/E4").then().statusCode(422);
        as(s.president).body(Map.of("note", 10, "motif", "harmonisation de la commission")).put(url + "/adjustments/" + C1 + "/E4")
                .then().statusCode(200).body("note", is(10.0f));

        as(s.president).post(url + "/seal").then().statusCode(409).body("type", is("urn:bts:problem:deliberation-incomplete"))
                .body("violations[0].field", is(C4));

        as(s.ec1).body(Map.of("statut", "ABSENT")).put(s.grades() + "/" + C4 + "/E6").then().statusCode(201);
        as(s.otherPresident).post(url + "/seal").then().statusCode(404);
        as(s.president).post(url + "/seal").then().statusCode(201).body("revision", is(1))
                .body("decisions.ADMIS", is(1)).body("decisions.NON_DELIVRE_ABSENCE", is(1));
    }

    @Test
    void aSealedSessionIsReadOnly() {
        StagedSession s = StagedSession.at(Stage.SEALED);
        as(s.ec1).header("If-Match", "\"v1\"").body(Map.of("statut", "NOTE", "note", 13)).put(s.grades() + "/" + C4 + "/E1")
                .then().statusCode(409).body("type", is("urn:bts:problem:session-sealed"));
        as(s.ec1).header("Idempotency-Key", "after-seal").body(Map.of("grades", List.of(item(C4, "E21", 13))))
                .post(s.grades()).then().statusCode(409);
        as(s.president).body(Map.of("note", 11, "motif", "x")).put(s.path() + "/deliberations/adjustments/" + C1 + "/E5")
                .then().statusCode(409);
        as(s.rectorat).body(jury()).put(s.path() + "/jury").then().statusCode(409);
        as(s.president).post(s.path() + "/deliberations/seal").then().statusCode(409);
    }

    @Test
    void candidatesReadOnlyTheirOwnResultsOnceThePublished() {
        StagedSession s = StagedSession.at(Stage.SEALED);
        String transcript = s.path() + "/candidates/" + C1 + "/transcript";
        as(s.candidate1).get(transcript).then().statusCode(404);
        // E1 dispensed (out of both sums); E21 14.5 × 2 = 29, E22 8 × 1 = 8, E3 bénéfice 12.5 × 3 = 37.5,
        // E4 adjusted 10 × 4 = 40, E5 11 × 4 = 44, E6 10 × 4 = 40 → 198.5, + EF1 (16 − 10) × 1 = 6 → 204.5 / 18 = 11.36
        as(s.rectorat).get(transcript).then().statusCode(200)
                .body("result.decision", is("ADMIS")).body("result.moyenne", is(11.36f))
                .body("result.lignes", hasItem(containsString("dispensée")))
                .body("result.lignes", hasItem(containsString("harmonisation")));
        as(RECTORAT_LYON).get(transcript).then().statusCode(404);

        Response session = as(s.rectorat).get(s.path());
        as(s.president).header("If-Match", session.header("ETag")).body(Map.of("to", "PUBLISHED"))
                .post(s.path() + "/transitions").then().statusCode(403);
        as(s.rectorat).header("If-Match", session.header("ETag")).body(Map.of("to", "PUBLISHED"))
                .post(s.path() + "/transitions").then().statusCode(200).body("status", is("PUBLISHED"));

        as(s.candidate1).get(transcript).then().statusCode(200).body("candidate", is(C1)).body("result.decision", is("ADMIS"));
        as(s.candidate1).get(s.path() + "/candidates/" + C2 + "/transcript").then().statusCode(404);
        as(s.candidate2).get(s.path() + "/candidates/" + C2 + "/transcript").then().statusCode(200)
                .body("result.decision", is("NON_DELIVRE_NV"));
        as(s.ec1).get(transcript).then().statusCode(403);

        byte[] pdf = given().auth().oauth2(s.candidate1).accept("application/pdf").get(transcript)
                .then().statusCode(200).contentType("application/pdf")
                // the reader's own cache may keep it and must revalidate; no shared cache may (issue 12)
                .header("Cache-Control", "private, no-cache").header("Vary", containsString("Accept"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertTrue(new String(pdf, 0, 5).startsWith("%PDF"));

        String pv = given().auth().oauth2(s.rectorat).accept("text/csv").get(s.path() + "/deliberations/latest/pv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(pv.startsWith("candidat;nom;prenom;"));
        assertTrue(pv.contains(C2) && pv.contains("NON_DELIVRE_NV") && pv.contains("NV E5"), pv);
        // names that a spreadsheet would evaluate are written as text (issue 11, OWASP CSV injection)
        assertTrue(pv.contains(";\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"Nom2\"\")\";'@Prénom;"), pv);
        assertFalse(pv.contains(";=") || pv.contains(";@"), pv);
        given().auth().oauth2(s.rectorat).accept("application/pdf").get(s.path() + "/deliberations/1/pv")
                .then().statusCode(200).contentType("application/pdf");
        given().auth().oauth2(s.candidate1).accept("text/csv").get(s.path() + "/deliberations/1/pv").then().statusCode(403);
        // negotiated by the operation's @Produces: a wildcard or a tie gets the first offered (CSV; JSON for the transcript),
        // q-values are honoured, and an Accept that none matches is a 406 problem
        String pv1 = s.path() + "/deliberations/1/pv";
        given().auth().oauth2(s.rectorat).accept("*/*").get(pv1).then().statusCode(200).contentType(containsString("text/csv"));
        given().auth().oauth2(s.rectorat).accept("application/pdf, text/csv").get(pv1).then().statusCode(200)
                .contentType(containsString("text/csv"));
        given().auth().oauth2(s.rectorat).accept("text/csv;q=0.2, application/pdf").get(pv1).then().statusCode(200)
                .contentType("application/pdf");
        given().auth().oauth2(s.rectorat).accept("application/json").get(pv1).then().statusCode(406)
                .contentType("application/problem+json").body("type", is("urn:bts:problem:not-acceptable"));
        given().auth().oauth2(s.candidate1).accept("application/json, application/pdf").get(transcript).then().statusCode(200)
                .contentType(containsString("application/json")).body("candidate", is(C1));
        given().auth().oauth2(s.candidate1).accept("text/csv").get(transcript).then().statusCode(406)
                .contentType("application/problem+json").body("type", is("urn:bts:problem:not-acceptable"));

        String attestations = s.path() + "/candidates/" + C1 + "/attestations";
        as(s.candidate1).get(attestations).then().statusCode(200)
                .body("find { it.bloc == 'SAM-BC02' }.delivrance", is("SUR_DEMANDE"))
                .body("find { it.bloc == 'SAM-BC02' }.delivree", is(false));
        as(s.candidate1).post(attestations + "/requests").then().statusCode(200)
                .body("find { it.bloc == 'SAM-BC02' }.delivree", is(true));
        as(s.candidate2).post(attestations + "/requests").then().statusCode(404);
        as(s.rectorat).get(s.path() + "/candidates/" + C3 + "/attestations").then().statusCode(200)
                .body("delivrance", hasItem("AUTOMATIQUE")).body("bloc", hasItem("SAM-BC03"));
    }

    @Test
    void aCorrectionAfterTheSealIsANewRevisionByThePresidentWithItsReason() {
        StagedSession s = StagedSession.at(Stage.PUBLISHED);
        String url = s.path() + "/deliberations";
        Map<String, Object> correction = Map.of("candidate", C4, "epreuve", "E6", "grade", Map.of("statut", "ABSENT_JUSTIFIE"));
        as(s.president).body(Map.of("corrections", List.of(correction))).post(url + "/revisions").then().statusCode(422);
        as(s.ec1).body(Map.of("reason", "certificat médical", "corrections", List.of(correction))).post(url + "/revisions").then().statusCode(403);
        as(s.president).body(Map.of("reason", "certificat médical", "corrections", List.of(
                        Map.of("candidate", C4, "epreuve", "E6", "grade", Map.of("statut", "NOTE", "note", 30)))))
                .post(url + "/revisions").then().statusCode(422);
        as(s.president).body(Map.of("reason", "certificat médical reçu après le jury", "corrections", List.of(correction)))
                .post(url + "/revisions").then().statusCode(201).body("revision", is(2))
                .body("decisions.SANS_DECISION_ABSENCE_JUSTIFIEE", is(1));
        as(s.rectorat).get(url + "/latest").then().statusCode(200).body("revision", is(2)).body("reason", containsString("certificat"));
        as(s.rectorat).get(url + "/1").then().statusCode(200).body("decisions.NON_DELIVRE_ABSENCE", is(1));
        as(s.rectorat).get(s.path() + "/candidates/" + C4 + "/transcript").then().statusCode(200)
                .body("revision", is(2)).body("result.decision", is("SANS_DECISION_ABSENCE_JUSTIFIEE"));
    }

    @Test
    void theAuditChainVerifiesAndATamperedRowIsDetected() throws SQLException {
        StagedSession s = StagedSession.at(Stage.REVISED);
        String verify = "/api/evaluations/v1/audit/verify";
        as(s.ec1).get(verify).then().statusCode(403);
        as(ADMIN).get(verify).then().statusCode(200).body("valid", is(true));
        as(s.rectorat).get(verify).then().statusCode(200).body("valid", is(true));
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement st = c.createStatement()) {
            assertThrows(SQLException.class, () -> st.executeUpdate("update audit_entry set payload = '{}' where chain = '" + s.academie + "' and seq = 5"),
                    "the table refuses updates");
            String original;
            try (ResultSet rs = st.executeQuery("select payload from audit_entry where chain = '" + s.academie + "' and seq = 5")) {
                rs.next();
                original = rs.getString(1);
            }
            st.execute("alter table audit_entry disable trigger audit_entry_no_update");
            try {
                st.executeUpdate("update audit_entry set payload = replace(payload, '1', '2') where chain = '" + s.academie + "' and seq = 5");
                as(s.rectorat).get(verify).then().statusCode(200).body("valid", is(false)).body("firstBrokenSeq", is(5))
                        .body("reason", containsString("hash"));
                try (PreparedStatement restore = c.prepareStatement("update audit_entry set payload = ? where chain = '" + s.academie + "' and seq = 5")) {
                    restore.setString(1, original);
                    restore.executeUpdate();
                }
            } finally {
                st.execute("alter table audit_entry enable trigger audit_entry_no_update");
            }
        }
        as(s.rectorat).get(verify).then().statusCode(200).body("valid", is(true));
        assertTrue(count("select count(*) from audit_entry where chain = '" + s.academie + "' and action = 'GRADES_BATCH'") >= 3);
    }

    @Test
    void gpmeCcfSituationsAreSummedToTwenty() {
        StagedSession s = StagedSession.none();
        String gpme = as(s.rectorat).body(Map.of("certification", "BTS-GPME", "referentialVersion", "1", "year", 2026))
                .post(SESSIONS).then().statusCode(201).extract().path("id");
        as(s.rectorat).body(jury()).put(SESSIONS + "/" + gpme + "/jury").then().statusCode(200);
        as(s.rectorat).header("If-Match", "\"v0\"").body(Map.of("to", "GRADING")).post(SESSIONS + "/" + gpme + "/transitions")
                .then().statusCode(200);
        as(s.rectorat).body(Map.of("code", "E4-1", "epreuve", "E4", "members", List.of("prof-1"))).post(SESSIONS + "/" + gpme + "/commissions")
                .then().statusCode(201);
        as(s.rectorat).body(Map.of("candidates", List.of("VER-2026-00011"))).put(SESSIONS + "/" + gpme + "/commissions/E4-1/candidates")
                .then().statusCode(200);
        as(s.prof1).get(SESSIONS + "/" + gpme + "/candidates").then().statusCode(200).body("totalItems", is(1))
                .body("items[0].candidate", is("VER-2026-00011"));
        as(s.ec1).get(SESSIONS + "/" + gpme + "/candidates").then().statusCode(200).body("totalItems", is(0));
        as(s.rectorat).get(SESSIONS + "/" + gpme + "/candidates").then().statusCode(200).body("totalItems", is(1));
        as(EC1_LYON).get(SESSIONS + "/" + gpme + "/candidates").then().statusCode(404);
        as(s.candidate1).get(SESSIONS + "/" + gpme + "/candidates").then().statusCode(403);
        String url = SESSIONS + "/" + gpme + "/grades/VER-2026-00011/E4";
        as(s.prof1).body(Map.of("statut", "NOTE", "situations", Map.of("A", 14.5, "B", 4))).put(url).then().statusCode(422)
                .body("violations[0].field", is("situations.A"));
        as(s.prof1).body(Map.of("statut", "NOTE", "situations", Map.of("C", 4))).put(url).then().statusCode(422);
        as(s.prof1).body(Map.of("statut", "NOTE", "note", 12, "situations", Map.of("A", 10))).put(url).then().statusCode(422);
        as(s.prof1).body(Map.of("statut", "NOTE", "origine", "PROPOSITION_CCF", "situations", Map.of("A", 10.5, "B", 4)))
                .put(url).then().statusCode(201).body("origine", is("PROPOSITION_CCF"));
        as(s.president).get(SESSIONS + "/" + gpme + "/deliberations/preview").then().statusCode(200)
                .body("items[0].result.decision", is("ADMIS"))
                .body("items[0].result.moyenne", is(14.5f))
                .body("items[0].result.attestations[0].bloc", is("RNCP38363BC01"))
                .body("items[0].result.attestations[0].delivrance", is("AUTOMATIQUE"))
                .body("items[0].result.lignes[0]", startsWith("E4 (U4) : A 10.5/14 + B 4/6 = 14.5/20"));
    }

    record Call(String method, String path, Object body, String rightRoleOtherAcademie, String wrongRole) {
    }

    @Test
    void everyEndpointAnswers404ToAnotherAcademieAnd403ToAWrongRole() {
        StagedSession staged = StagedSession.at(Stage.REVISED);
        String presidentLyon = TestTokens.token("pres-versailles", "lyon", "jury-president");
        String s = staged.path();
        Map<String, Object> grade = Map.of("statut", "NOTE", "note", 12);
        List<Call> calls = List.of(
                new Call("GET", s, null, RECTORAT_LYON, staged.candidate1),
                new Call("POST", s + "/transitions", Map.of("to", "PUBLISHED"), RECTORAT_LYON, staged.candidate1),
                new Call("GET", s + "/jury", null, RECTORAT_LYON, staged.candidate1),
                new Call("PUT", s + "/jury", jury(), RECTORAT_LYON, staged.president),
                new Call("GET", s + "/commissions", null, RECTORAT_LYON, staged.candidate1),
                new Call("POST", s + "/commissions", Map.of("code", "C-Y", "epreuve", "E1", "members", List.of("ec-1")), RECTORAT_LYON, staged.ec1),
                new Call("PUT", s + "/commissions/C-E1/candidates", Map.of("candidates", List.of(C2)), RECTORAT_LYON, staged.ec1),
                new Call("GET", s + "/candidates", null, RECTORAT_LYON, staged.candidate1),
                new Call("GET", s + "/grades", null, RECTORAT_LYON, staged.candidate1),
                new Call("GET", s + "/grades/" + C2 + "/E1", null, EC1_LYON, staged.rectorat),
                new Call("PUT", s + "/grades/" + C2 + "/E1", grade, EC1_LYON, staged.rectorat),
                new Call("POST", s + "/grades", Map.of("grades", List.of(item(C2, "E1", 12))), EC1_LYON, staged.rectorat),
                new Call("GET", s + "/deliberations/preview", null, presidentLyon, staged.ec1),
                new Call("PUT", s + "/deliberations/adjustments/" + C1 + "/E4", Map.of("note", 10, "motif", "m"), presidentLyon, staged.rectorat),
                new Call("DELETE", s + "/deliberations/adjustments/" + C1 + "/E4", null, presidentLyon, staged.rectorat),
                new Call("POST", s + "/deliberations/seal", Map.of(), presidentLyon, staged.rectorat),
                new Call("POST", s + "/deliberations/revisions", Map.of("reason", "r", "adjustments",
                        List.of(Map.of("candidate", C1, "epreuve", "E4", "note", 10, "motif", "m"))), presidentLyon, staged.rectorat),
                new Call("GET", s + "/deliberations/1", null, RECTORAT_LYON, staged.ec1),
                new Call("GET", s + "/deliberations/1/pv", null, RECTORAT_LYON, staged.ec1),
                new Call("GET", s + "/candidates/" + C1 + "/transcript", null, RECTORAT_LYON, staged.ec1),
                new Call("GET", s + "/candidates/" + C1 + "/attestations", null, RECTORAT_LYON, staged.ec1),
                new Call("POST", s + "/candidates/" + C1 + "/attestations/requests", null, RECTORAT_LYON, staged.ec1));
        for (Call call : calls) {
            send(call, call.rightRoleOtherAcademie()).then().statusCode(404).contentType("application/problem+json");
            send(call, call.wrongRole()).then().statusCode(403).contentType("application/problem+json");
        }
        as(staged.candidate1).get("/api/evaluations/v1/audit/verify").then().statusCode(403);
    }

    static Call call(String method, String path, Object body) {
        return new Call(method, path, body, null, null);
    }

    static Response send(Call call, String token) {
        RequestSpecification request = as(token).header("If-Match", "\"v0\"").header("Idempotency-Key", "isolation-" + call.path().hashCode());
        if (call.body() != null) {
            request.body(call.body());
        }
        return request.request(call.method(), call.path());
    }

    @Test
    void idempotencyRecordsOlderThanTheRetentionArePurgedAndYoungerOnesKept() throws SQLException {
        StagedSession s = StagedSession.at(Stage.GRADES_ENTERED);
        assertTrue(scheduler.getScheduledJobs().stream().anyMatch(job -> job.getMethodDescription().contains("purgeExpired")),
                "the purge runs periodically");
        assertEquals(1, count("select count(*) from pg_indexes where tablename = 'idempotency_record' "
                + "and indexname = 'idx_idempotency_record_created_at'"));
        Duration retention = config.idempotency().retention();
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             PreparedStatement insert = c.prepareStatement("insert into idempotency_record "
                     + "(academie, caller, idem_key, request_hash, run_id, status, body, created_at) "
                     + "values ('" + s.academie + "', 'purge-test', ?, 'h', 'r', 200, '{}', ?)")) {
            // five expired records: more than one purge transaction (purge-batch is 2 in tests)
            for (int i = 1; i <= 5; i++) {
                insert.setString(1, "expired-" + i);
                insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minus(retention).minusHours(i));
                insert.executeUpdate();
            }
            insert.setString(1, "live");
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minus(retention).plusMinutes(5));
            insert.executeUpdate();
        }
        Instant cutoff = Instant.now().minus(retention);
        long younger = count("select count(*) from idempotency_record where created_at >= '" + OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC) + "'");
        assertTrue(younger > 1, "the answers stored by the earlier steps are there too");

        idempotency.purgeOlderThan(cutoff);

        assertEquals(0, count("select count(*) from idempotency_record where caller = 'purge-test' and idem_key like 'expired-%'"));
        assertEquals(1, count("select count(*) from idempotency_record where caller = 'purge-test' and idem_key = 'live'"));
        assertEquals(younger, count("select count(*) from idempotency_record"));
        assertEquals(1, count("select count(*) from idempotency_record where academie = '" + s.academie + "' and idem_key = 'batch-1'"));
    }

    @Test
    void aJuryMemberOrPresidentSeesOnlyTheSessionsWhoseJuryTheySitOn() throws SQLException {
        StagedSession staged = StagedSession.at(Stage.PUBLISHED);
        // a second session of the same jury (ec-1 sits on both) and a third of another jury
        String gpme = as(staged.rectorat).body(Map.of("certification", "BTS-GPME", "referentialVersion", "1", "year", 2026))
                .post(SESSIONS).then().statusCode(201).extract().path("id");
        as(staged.rectorat).body(jury()).put(SESSIONS + "/" + gpme + "/jury").then().statusCode(200);
        String other = as(staged.rectorat).body(Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", 2027))
                .post(SESSIONS).then().statusCode(201).extract().path("id");
        as(staged.rectorat).body(Map.of("president", person("pres-autre", "IA_IPR"), "members", List.of(
                        person("ec-2", "ENSEIGNANT_CHERCHEUR"), person("prof-2", "PROFESSEUR_PUBLIC"),
                        person("pro-3", "PROFESSIONNEL_EMPLOYEUR"), person("pro-4", "PROFESSIONNEL_SALARIE"))))
                .put(SESSIONS + "/" + other + "/jury").then().statusCode(200);
        String memberElsewhere = TestTokens.token("ec-2", staged.academie, "jury-member");
        String memberNowhere = TestTokens.token("jury-sans-session", staged.academie, "jury-member");
        String presidentLyon = TestTokens.token("pres-versailles", "lyon", "jury-president", "jury-member");
        String s = staged.path();

        // who sits on a jury reads its session
        as(staged.ec1).get(s).then().statusCode(200);
        as(staged.ec1).get(s + "/jury").then().statusCode(200);
        as(staged.president).get(s + "/candidates").then().statusCode(200).body("totalItems", is(4));
        as(memberElsewhere).get(SESSIONS + "/" + other).then().statusCode(200);
        as(staged.otherPresident).get(SESSIONS + "/" + other + "/jury").then().statusCode(200).body("president.account", is("pres-autre"));

        // the list filter is the same rule
        as(staged.rectorat).get(SESSIONS).then().statusCode(200).body("totalItems", is(3));
        as(staged.ec1).get(SESSIONS).then().statusCode(200).body("totalItems", is(2)).body("items.id", not(hasItem(other)));
        as(memberElsewhere).get(SESSIONS).then().statusCode(200).body("totalItems", is(1)).body("items[0].id", is(other));
        as(staged.otherPresident).get(SESSIONS).then().statusCode(200).body("totalItems", is(1)).body("items[0].id", is(other));
        as(memberNowhere).get(SESSIONS).then().statusCode(200).body("totalItems", is(0));
        as(EC1_LYON).get(SESSIONS).then().statusCode(200).body("totalItems", is(0));

        // every endpoint of a session answers 404 to a jury member or president of another session, or of none
        long grades = gradeCount(staged);
        List<Call> juryCalls = List.of(
                call("GET", s, null),
                call("GET", s + "/jury", null),
                call("GET", s + "/commissions", null),
                call("GET", s + "/candidates", null),
                call("GET", s + "/grades", null),
                call("GET", s + "/grades/" + C2 + "/E1", null),
                call("PUT", s + "/grades/" + C2 + "/E1", Map.of("statut", "NOTE", "note", 12)),
                call("POST", s + "/grades", Map.of("grades", List.of(item(C2, "E1", 12)))));
        List<Call> presidentCalls = List.of(
                call("POST", s + "/transitions", Map.of("to", "DELIBERATION")),
                call("GET", s + "/deliberations/preview", null),
                call("PUT", s + "/deliberations/adjustments/" + C1 + "/E4", Map.of("note", 10, "motif", "m")),
                call("DELETE", s + "/deliberations/adjustments/" + C1 + "/E4", null),
                call("POST", s + "/deliberations/seal", Map.of()),
                call("POST", s + "/deliberations/revisions", Map.of("reason", "r", "adjustments",
                        List.of(Map.of("candidate", C1, "epreuve", "E4", "note", 10, "motif", "m")))),
                call("GET", s + "/deliberations/1", null),
                call("GET", s + "/deliberations/1/pv", null),
                call("GET", s + "/candidates/" + C1 + "/transcript", null),
                call("GET", s + "/candidates/" + C1 + "/attestations", null));
        for (Call call : juryCalls) {
            for (String token : List.of(memberElsewhere, memberNowhere, staged.otherPresident)) {
                send(call, token).then().statusCode(404).contentType("application/problem+json");
            }
        }
        for (Call call : presidentCalls) {
            send(call, staged.otherPresident).then().statusCode(404).contentType("application/problem+json");
        }
        // the same usernames in another académie see nothing of it either
        for (String read : List.of(s, s + "/jury", s + "/commissions", s + "/candidates", s + "/grades")) {
            as(EC1_LYON).get(read).then().statusCode(404).contentType("application/problem+json");
            as(presidentLyon).get(read).then().statusCode(404).contentType("application/problem+json");
        }
        // a candidate of one session sees nothing of another
        as(staged.candidate1).get(SESSIONS + "/" + other + "/candidates/" + C1 + "/transcript").then().statusCode(404);
        assertEquals(grades, gradeCount(staged));
        as(staged.rectorat).get(s).then().statusCode(200).body("status", is("PUBLISHED"));
    }
}
