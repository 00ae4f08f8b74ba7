package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The audit log keeps one hash chain per académie with its head recorded apart (issue 10 item 5, issue 11): appends
 * by concurrent requests leave a valid chain, a rectorat verifies its own chain and learns nothing of the others',
 * and a tail cut off the chain is reported with the missing range. Uses the académies nantes and rennes, which no
 * other test uses; every cut is undone before the test ends.
 */
@QuarkusTest
class AuditChainResourceTest {

    static final String VERIFY = "/api/evaluations/v1/audit/verify";
    static final String NANTES = TestTokens.token("rectorat-nantes", "nantes", "rectorat");
    static final String RENNES = TestTokens.token("rectorat-rennes", "rennes", "rectorat");
    static final String ADMIN = TestTokens.token("admin", null, "referential-admin");
    static final int WRITERS = 16;

    @TestHTTPResource("/")
    URI base;

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void concurrentWritersLeaveAValidChainThatOnlyItsAcademieSeesAndWhoseCutTailIsReported() throws Exception {
        long before = count("select count(*) from audit_entry where chain = 'nantes'");
        openConcurrently(WRITERS);
        as(RENNES).body(Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", 2030))
                .post("/api/evaluations/v1/sessions").then().statusCode(201);

        as(NANTES).get(VERIFY).then().statusCode(200).body("valid", is(true)).body("entries", is((int) before + WRITERS))
                .body("chains", hasSize(1)).body("chains[0].chain", is("nantes"))
                .body("chains[0].headSeq", is((int) before + WRITERS));
        long rennes = count("select count(*) from audit_entry where chain = 'rennes'");
        as(RENNES).get(VERIFY).then().statusCode(200).body("valid", is(true)).body("entries", is((int) rennes))
                .body("chains", hasSize(1)).body("chains[0].chain", is("rennes"));
        as(ADMIN).get(VERIFY).then().statusCode(200).body("valid", is(true))
                .body("chains.chain", org.hamcrest.Matchers.hasItems("nantes", "rennes"));

        long last = before + WRITERS;
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("create temp table cut_tail as select * from audit_entry where chain = 'nantes' and seq > " + (last - 2));
            s.execute("alter table audit_entry disable trigger audit_entry_no_update");
            try {
                assertEquals(2, s.executeUpdate("delete from audit_entry where chain = 'nantes' and seq > " + (last - 2)));
                as(NANTES).get(VERIFY).then().statusCode(200).body("valid", is(false)).body("truncated", is(true))
                        .body("missingFrom", is((int) last - 1)).body("missingTo", is((int) last))
                        .body("reason", containsString("entries " + (last - 1) + " to " + last + " are missing"));
                // another académie's chain is untouched and says nothing of the cut
                as(RENNES).get(VERIFY).then().statusCode(200).body("valid", is(true)).body("entries", is((int) rennes));
            } finally {
                s.executeUpdate("insert into audit_entry select * from cut_tail");
                s.execute("alter table audit_entry enable trigger audit_entry_no_update");
            }
        }
        as(NANTES).get(VERIFY).then().statusCode(200).body("valid", is(true)).body("entries", is((int) last));
    }

    /** Opens {@code n} nantes sessions at once (years 2030…): each appends to the nantes chain in its own transaction. */
    private void openConcurrently(int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int year = 2030 + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(base.resolve("/api/evaluations/v1/sessions"))
                            .header("Authorization", "Bearer " + NANTES).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"certification\":\"BTS-SAM\",\"referentialVersion\":\"1\",\"year\":"
                                    + year + "}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
