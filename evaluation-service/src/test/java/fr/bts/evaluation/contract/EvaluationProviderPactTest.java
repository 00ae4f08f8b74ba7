package fr.bts.evaluation.contract;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.devstack.pact.ProviderPacts;
import fr.bts.evaluation.rest.DownstreamWireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * evaluation-service verifies the committed pacts of its consumers (contracts/pacts: the gateway) against the running
 * application on real PostgreSQL: readiness, the OpenAPI document and a routed read. A path or field the gateway
 * relies on that disappears fails this test, in this module's build. The gateway forwards its caller's token, which
 * the pact matches as {@code Bearer .+}: each replayed request gets a real rectorat token of the académie
 * {@code contrat}, signed as in every other test of this module.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
@Provider("evaluation-service")
@PactFolder("../contracts/pacts")
class EvaluationProviderPactTest implements ProviderPacts {

    static final String RECTORAT = TestTokens.token("rectorat-contrat", "contrat", "rectorat");

    @Override
    public String token() {
        return RECTORAT;
    }
}
