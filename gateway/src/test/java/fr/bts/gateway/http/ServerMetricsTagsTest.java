package fr.bts.gateway.http;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main server (a configured port: tagged {@code server.port}) and the management interface (a port chosen at
 * start: untagged) register meters of the same names; Prometheus refuses that unless the tag goes.
 */
class ServerMetricsTagsTest {

    /** A Prometheus registry that refuses a failed registration, as the one Quarkus configures does. */
    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.throwExceptionOnRegistrationFailure();
        return registry;
    }

    private static void registerBothServers(PrometheusMeterRegistry registry) {
        DistributionSummary.builder("http.server.bytes.read").tag("server.port", "8080").register(registry).record(10);
        DistributionSummary.builder("http.server.bytes.read").register(registry).record(20);
    }

    @Test
    void withoutTheFilterTheSecondServerCannotRegister() {
        PrometheusMeterRegistry registry = registry();
        assertThrows(IllegalArgumentException.class, () -> registerBothServers(registry));
    }

    @Test
    void withTheFilterBothServersCountUnderOneSeries() {
        PrometheusMeterRegistry registry = registry();
        registry.config().meterFilter(new ServerMetricsTags().withoutServerPort());
        assertDoesNotThrow(() -> registerBothServers(registry));
        String scraped = registry.scrape();
        assertTrue(scraped.contains("http_server_bytes_read_sum 30.0"), scraped);
        assertFalse(scraped.contains("server_port"), scraped);
    }
}
