package fr.bts.referential.service;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.referential.model.Certification;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * referential-service verifies the committed pacts of its consumers (contracts/pacts: dossier-service,
 * evaluation-service, gateway) against the running application on real PostgreSQL. A field renamed or dropped in
 * what a consumer reads fails this test, in this module's build. The provider states create their data here.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@Provider("referential-service")
@PactFolder("../contracts/pacts")
class ReferentialProviderPactTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    SeedLoader seeds;

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("localhost", port));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void keepsTheContractsOfItsConsumers(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("BTS-SAM version 1 is published")
    void samPublished() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("seed/bts-sam.json")) {
            seeds.loadOnce("seed/bts-sam.json", new ObjectMapper().readTree(in));
        }
    }

    @State("no certification BTS-NONE exists")
    void noneMissing() {
        assertFalse(QuarkusTransaction.requiringNew().call(() -> Certification.findByCodeOrRncp("BTS-NONE").isPresent()));
    }
}
