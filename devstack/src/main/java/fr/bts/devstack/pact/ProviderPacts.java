package fr.bts.devstack.pact;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import org.apache.hc.core5.http.HttpRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provider side of a contract (docs/contracts.md, "Consumer-driven contracts"), for a {@code @QuarkusTest}
 * annotated {@code @Provider("<service>")} and {@code @PactFolder("../contracts/pacts")}: every committed interaction
 * naming the provider is replayed against the running application. A consumer that propagates its caller's token
 * declares {@code Authorization: Bearer .+}; the replayed request carries {@link #token()} instead, a real token
 * signed as in the provider's other tests, so that the provider's security runs for real.
 */
public interface ProviderPacts {

    /** The bearer token every replayed request that declares an {@code Authorization} header carries. */
    String token();

    @BeforeEach
    default void targetTheRunningApplication(PactVerificationContext context) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        context.setTarget(new HttpTestTarget("localhost", port));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    default void keepsTheContractsOfItsConsumers(PactVerificationContext context, HttpRequest request) {
        if (request.containsHeader("Authorization")) {
            request.setHeader("Authorization", "Bearer " + token());
        }
        context.verifyInteraction();
    }
}
