package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * referential-service and dossier-service as WireMock, replaying the shapes of docs/contracts.md from the
 * fixtures: SAM version 1 (complete), SAM version 2 (exam rules incomplete), GPME version 1 (E4 with CCF
 * situations A 14 / B 6), and the versailles 2026 registration snapshots. The snapshot answers only when a
 * bearer token is propagated.
 */
public class DownstreamWireMock implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer server;

    /** The running server, for tests that add their own answers (the contract tests forward to a Pact mock server). */
    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        version("BTS-SAM", "1", "sam-v1.json");
        version("BTS-SAM", "current", "sam-v1.json");
        version("BTS-SAM", "2", "sam-v2-incomplete.json");
        version("BTS-GPME", "1", "gpme-v1.json");
        server.stubFor(get(urlEqualTo("/api/referential/v1/certifications/BTS-SAM/versions/9"))
                .willReturn(aResponse().withStatus(500).withBody("boom")));
        snapshot("BTS-SAM", "snapshot-sam-2026.json");
        snapshot("BTS-GPME", "snapshot-gpme-2026.json");
        String url = "http://localhost:" + server.port();
        return Map.of("quarkus.rest-client.referential.url", url, "quarkus.rest-client.dossier.url", url);
    }

    private static void version(String code, String version, String fixture) {
        server.stubFor(get(urlEqualTo("/api/referential/v1/certifications/" + code + "/versions/" + version))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    private static void snapshot(String code, String fixture) {
        server.stubFor(get(urlEqualTo("/api/dossiers/v1/snapshots/2026/" + code))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    /**
     * Answers the registration snapshot of {@code year} and {@code certification} from {@code fixture}, rewritten for
     * {@code academie}, to requests carrying {@code token} only: each académie of a test gets its own registrations.
     */
    static void snapshotFor(String token, int year, String certification, String fixture, String academie) {
        try {
            ObjectNode snapshot = (ObjectNode) JSON.readTree(fixture(fixture));
            snapshot.put("academie", academie);
            snapshotFor(token, year, certification, JSON.writeValueAsString(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code snapshot} as the registration snapshot of {@code year} and {@code certification} to {@code token} only. */
    static void snapshotFor(String token, int year, String certification, String snapshot) {
        server.stubFor(get(urlEqualTo("/api/dossiers/v1/snapshots/" + year + "/" + certification))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(snapshot)));
    }

    static String fixture(String name) {
        try (InputStream in = DownstreamWireMock.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
