package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.ProxiedStoreResource;
import fr.bts.devstack.StoreOutageScenario;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * PostgreSQL going away under a running evaluation service (issue 10 item 3): the devstack
 * {@link StoreOutageScenario} (refused, then silent; readiness DOWN within five seconds, requests 503 problem+json
 * with {@code Retry-After} within the bounds below, never 500, then UP and 200 once the database is back).
 */
@QuarkusTest
@TestProfile(DatabaseOutageResourceTest.ThroughProxy.class)
class DatabaseOutageResourceTest {

    /** The service's datasource goes through the proxy to the test PostgreSQL. */
    public static class ThroughProxy extends ProxiedStoreResource {
        @Override
        protected int storePort() {
            return URI.create(PostgresTestResource.jdbcUrl().substring("jdbc:".length())).getPort();
        }

        @Override
        protected Map<String, String> throughProxy(int proxyPort) {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxyPort + "/app");
        }
    }

    @Test
    void aDeadOrSilentDatabaseIsA503WithRetryAfterAndReadinessFollowsIt() throws IOException {
        new StoreOutageScenario("database", "/api/evaluations/v1/sessions",
                TestTokens.token("rectorat-besancon", "besancon", "rectorat"),
                new StoreOutageScenario.Bounds(5, 5000, 8000, 10_000)).run();
    }
}
