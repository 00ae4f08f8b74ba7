package fr.bts.dossier;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The referential service replayed by WireMock: versions 1 (also {@code current}) of BTS-SAM and BTS-GPME from the
 * fixtures {@code referential/*.json} (shaped as docs/contracts.md), a failing BTS-DOWN (500), anything else a 404 problem.
 */
public class ReferentialWireMock implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"type\":\"urn:bts:problem:not-found\",\"title\":\"Not found\",\"status\":404}")));
            server.stubFor(get(urlEqualTo("/api/referential/v1/certifications/BTS-DOWN/versions/1"))
                    .atPriority(1).willReturn(aResponse().withStatus(500)));
            for (String code : new String[] {"BTS-SAM", "BTS-GPME"}) {
                String body = fixture("/referential/" + code + "-1.json");
                for (String version : new String[] {"1", "current"}) {
                    server.stubFor(get(urlEqualTo("/api/referential/v1/certifications/" + code + "/versions/" + version))
                            .atPriority(1).willReturn(okJson(body)));
                }
            }
        }
        return Map.of("quarkus.rest-client.referential.url", server.baseUrl());
    }

    /** The running server, for tests that add their own answers (503, garbage, slow). */
    public static WireMockServer server() {
        return server;
    }

    /** How many times the service asked for {@code path}. */
    public static int requests(String path) {
        return server.countRequestsMatching(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(path)).build()).getCount();
    }

    private static String fixture(String path) {
        try (InputStream in = ReferentialWireMock.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // kept for the whole JVM, like the Mongo test server
    }
}
