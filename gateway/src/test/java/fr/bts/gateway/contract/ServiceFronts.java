package fr.bts.gateway.contract;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock per backend service as the gateway's only instance of it, for the contract tests: while a test runs,
 * a front forwards to that service's Pact mock server ({@code ConsumerPacts.verifyThrough}). Outside that window a
 * front answers the readiness probe only, so that the gateway's active health checks keep the instance in rotation.
 */
public class ServiceFronts implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("referential", "dossier", "evaluation");
    static final Map<String, WireMockServer> FRONTS = new HashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            WireMockServer front = new WireMockServer(options().dynamicPort());
            front.start();
            front.stubFor(get(urlPathEqualTo("/q/health/ready")).atPriority(10).willReturn(aResponse().withStatus(200)));
            FRONTS.put(service, front);
            config.put("gateway.services." + service + ".instances", front.baseUrl());
        }
        return config;
    }

    @Override
    public void stop() {
        FRONTS.values().forEach(WireMockServer::stop);
        FRONTS.clear();
    }
}
