package fr.bts.dossier;

import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.ProxiedStoreResource;
import fr.bts.devstack.StoreOutageScenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import static fr.bts.dossier.Fixtures.RECTORAT;

/**
 * MongoDB going away under a running dossier-service (issue 10 item 3): the devstack {@link StoreOutageScenario}
 * (refused, then silent; readiness DOWN within five seconds, requests 503 problem+json with {@code Retry-After} within
 * the bounds below, never 500 — they took 30 s and answered 500 before — then UP and 200 once the store is back).
 */
@QuarkusTest
@TestProfile(MongoOutageResourceTest.ThroughProxy.class)
class MongoOutageResourceTest {

    /** The service's MongoDB client goes through the proxy to the test wire server. */
    public static class ThroughProxy extends ProxiedStoreResource {
        @Override
        protected int storePort() {
            return URI.create(MongoTestResource.connectionString()).getPort();
        }

        @Override
        protected Map<String, String> throughProxy(int proxyPort) {
            return Map.of("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + proxyPort);
        }
    }

    @Test
    void aDeadOrSilentStoreIsA503WithRetryAfterAndReadinessFollowsIt() throws IOException {
        new StoreOutageScenario("MongoDB", "/api/dossiers/v1/dossiers", RECTORAT,
                new StoreOutageScenario.Bounds(3, 5000, 6000, 15_000)).run();
    }
}
