package fr.bts.devstack.pact;

import au.com.dius.pact.consumer.PactTestRun;
import au.com.dius.pact.consumer.PactVerificationResult;
import au.com.dius.pact.consumer.model.MockProviderConfig;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static au.com.dius.pact.consumer.ConsumerPactRunnerKt.runConsumerTest;

/**
 * The consumer side of a contract (docs/contracts.md, "Consumer-driven contracts"): the consumer's real client
 * code runs against a Pact mock server that answers only the declared interactions; the test fails when a
 * declared interaction is not called, a call is not declared, or the pact so generated differs from the committed
 * {@code contracts/pacts/<consumer>-<provider>.json} that the provider verifies in its own build. A deliberate
 * consumer change updates the committed pact with {@code -Dpact.update=true} and is reviewed as a contract change.
 */
public final class ConsumerPacts {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConsumerPacts() {
    }

    /**
     * Runs {@code calls} (given the mock server's base URL) against {@code pact}, then holds the generated pact
     * against the committed one.
     */
    public static void verify(RequestResponsePact pact, Consumer<String> calls) {
        PactTestRun<Void> run = (server, context) -> {
            calls.accept(server.getUrl());
            return null;
        };
        PactVerificationResult result = runConsumerTest(pact,
                MockProviderConfig.httpConfig("127.0.0.1", 0, PactSpecVersion.V3),
                run);
        if (!(result instanceof PactVerificationResult.Ok)) {
            if (result instanceof PactVerificationResult.Error error && error.getError() instanceof AssertionError failed) {
                throw failed;
            }
            throw new AssertionError("The client does not keep the contract " + pact.getConsumer().getName() + " → "
                    + pact.getProvider().getName() + ": " + result.getDescription());
        }
        compareWithCommitted(pact);
    }

    /**
     * {@link #verify} for a service whose downstream URL is the module's WireMock {@code front}: while
     * {@code calls} run, every GET whose path matches {@code pathPattern} is forwarded to the Pact mock server.
     */
    public static void verifyThrough(WireMockServer front, String pathPattern, RequestResponsePact pact, Runnable calls) {
        verify(pact, url -> {
            StubMapping forward = front.stubFor(WireMock.get(WireMock.urlPathMatching(pathPattern))
                    .atPriority(0).willReturn(WireMock.aResponse().proxiedFrom(url)));
            try {
                calls.run();
            } finally {
                front.removeStub(forward);
            }
        });
    }

    private static void compareWithCommitted(RequestResponsePact pact) {
        String name = pact.getConsumer().getName() + "-" + pact.getProvider().getName() + ".json";
        Path committed = Contracts.pactFolder().resolve(name);
        try {
            // through text, so that numbers compare as the committed file reads them
            ObjectNode generated = (ObjectNode) JSON.readTree(JSON.writeValueAsString(pact.sortInteractions().toMap(PactSpecVersion.V3)));
            if (Boolean.getBoolean("pact.update")) {
                Files.writeString(committed, JSON.writeValueAsString(generated) + "\n");
            }
            if (!Files.exists(committed)) {
                throw new AssertionError("No committed contract " + committed + "; generate it with -Dpact.update=true");
            }
            JsonNode kept = JSON.readTree(committed.toFile());
            ObjectNode keptWithoutMetadata = ((ObjectNode) kept.deepCopy()).without("metadata");
            if (!keptWithoutMetadata.equals(generated.deepCopy().without("metadata"))) {
                Path written = Path.of("target", "pacts", name);
                Files.createDirectories(written.getParent());
                Files.writeString(written, JSON.writeValueAsString(generated) + "\n");
                throw new AssertionError("The client's contract changed: " + written.toAbsolutePath() + " differs from the committed "
                        + committed + ". If the change is deliberate, run with -Dpact.update=true and let the provider verify it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
