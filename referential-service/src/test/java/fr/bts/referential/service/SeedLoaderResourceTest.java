package fr.bts.referential.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeds load once, also when several instances start together on one database (issue 14): the seeds of this start
 * are recorded once in {@code seed_load}, and two loads of one seed file run at the same moment on two threads (two
 * transactions on two connections of the real PostgreSQL, as two instances) load it once — the second one waits for the
 * first one's lock and finds its record, instead of loading too and failing on the unique code. The raced seeds are
 * copies of the SAM seed under certification codes of their own, deleted at the end.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class SeedLoaderResourceTest {

    private static final int ROUNDS = 3;

    @Inject
    SeedLoader loader;

    @Test
    void theSeedsOfThisStartAreLoadedAndRecordedOnce() throws SQLException {
        for (String resource : List.of("seed/bts-gpme.json", "seed/bts-sam.json")) {
            assertEquals(1, count("select count(*) from seed_load where resource = ?", resource), resource);
            String code = SeedLoader.readTree(resource).path("certification").path("code").asText();
            assertEquals(1, count("select count(*) from seed_load where certification = ?", code));
            assertEquals(1, count("select count(*) from certification where code = ?", code));
            assertEquals(1, count("select count(*) from referential_version v join certification c on c.id = v.certification_id "
                    + "where c.code = ?", code), "a restart loads nothing again");
            assertEquals(SeedLoader.Outcome.LOADED_BEFORE, loader.loadOnce(resource, SeedLoader.readTree(resource)));
        }
    }

    @Test
    void twoInstancesStartingTogetherLoadASeedOnce() throws Exception {
        JsonNode sam = SeedLoader.readTree("seed/bts-sam.json");
        long samElements = count("select count(*) from referential_element e join referential_version v on v.id = e.version_id "
                + "join certification c on c.id = v.certification_id where c.code = ?", "BTS-SAM");
        List<String> codes = new ArrayList<>();
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String code = "BTS-RACE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
                codes.add(code);
                String resource = "test/" + code + ".json";
                JsonNode seed = sam.deepCopy();
                ((ObjectNode) seed.path("certification")).put("code", code);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<SeedLoader.Outcome>> outcomes = new ArrayList<>();
                for (int instance = 0; instance < 2; instance++) {
                    outcomes.add(instances.submit(() -> {
                        start.await();
                        return loader.loadOnce(resource, seed);
                    }));
                }
                start.countDown();
                List<SeedLoader.Outcome> seen = new ArrayList<>();
                for (Future<SeedLoader.Outcome> outcome : outcomes) {
                    seen.add(outcome.get(120, TimeUnit.SECONDS));
                }
                seen.sort(null);
                assertEquals(List.of(SeedLoader.Outcome.LOADED, SeedLoader.Outcome.LOADED_BEFORE), seen,
                        "one instance loads, the other finds its record");
                assertEquals(1, count("select count(*) from seed_load where resource = ?", resource));
                assertEquals(1, count("select count(*) from certification where code = ?", code));
                assertEquals(1, count("select count(*) from referential_version v join certification c on c.id = v.certification_id "
                        + "where c.code = ?", code));
                assertEquals(samElements, count("select count(*) from referential_element e join referential_version v "
                        + "on v.id = e.version_id join certification c on c.id = v.certification_id where c.code = ?", code));
            }
        } finally {
            instances.shutdownNow();
            for (String code : codes) {
                delete(code);
            }
        }
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void delete(String code) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestResource.jdbcUrl(), "postgres", "postgres")) {
            for (String sql : List.of("delete from seed_load where certification = ?",
                    "delete from referential_version where certification_id in (select id from certification where code = ?)",
                    "delete from certification where code = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, code);
                    s.executeUpdate();
                }
            }
        }
    }
}
