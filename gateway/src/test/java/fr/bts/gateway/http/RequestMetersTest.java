package fr.bts.gateway.http;

import fr.bts.gateway.routing.RouteFamily;
import fr.bts.gateway.routing.RouteTable;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The gateway's request meters keep the names and tags of Micrometer's HTTP binder, the uri of a proxied path per
 * route family.
 */
class RequestMetersTest {

    private static final RouteTable ROUTES = new RouteTable(List.of(
            new RouteFamily("referential", List.of("/api/referential"), "referential", List.of(), Set.of(), Set.of(), 1),
            new RouteFamily("imports", List.of("/api/dossiers/v1/imports"), "dossier", List.of(), Set.of(), Set.of(), 1),
            new RouteFamily("dossiers", List.of("/api/dossiers"), "dossier", List.of(), Set.of(), Set.of(), 1)));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMeters meters = new RequestMeters(registry, ROUTES);

    private Timer timer(String method, String uri, String status, String outcome) {
        return registry.find(RequestMeters.NAME)
                .tags("method", method, "uri", uri, "status", status, "outcome", outcome).timer();
    }

    @Test
    void proxiedPathsAreCountedPerRouteFamilyNotPerResource() {
        long start = System.nanoTime();
        meters.record("GET", "/api/referential/v1/items/6c1f0b0e", 200, true, start, 0, 0);
        meters.record("GET", "/api/referential/v1/items/93aa01d2", 200, true, start, 0, 0);
        meters.record("POST", "/api/dossiers/v1/imports/12", 202, true, start, 0, 0);
        meters.record("GET", "/api/dossiers/v1/dossiers/7", 403, true, start, 0, 0);

        assertEquals(2, timer("GET", "/api/referential/**", "200", "SUCCESS").count());
        assertEquals(1, timer("POST", "/api/dossiers/v1/imports/**", "202", "SUCCESS").count());
        assertEquals(1, timer("GET", "/api/dossiers/**", "403", "CLIENT_ERROR").count());
        assertEquals(3, registry.find(RequestMeters.NAME).timers().size());
    }

    @Test
    void theGatewaysOwnPathsKeepTheBindersUriTags() {
        long start = System.nanoTime();
        meters.record("GET", "/q/health/ready", 503, true, start, 0, 0);
        meters.record("GET", "/no/such/path/1", 404, true, start, 0, 0);
        meters.record("GET", "/no/such/path/2", 404, true, start, 0, 0);
        meters.record("GET", "/q/swagger-ui", 301, true, start, 0, 0);
        meters.record("GET", "/", 200, true, start, 0, 0);

        assertEquals(1, timer("GET", "/q/health/ready", "503", "SERVER_ERROR").count());
        assertEquals(2, timer("GET", "NOT_FOUND", "404", "CLIENT_ERROR").count());
        assertEquals(1, timer("GET", "REDIRECTION", "301", "REDIRECTION").count());
        assertEquals(1, timer("GET", "root", "200", "SUCCESS").count());
        assertNull(registry.find(RequestMeters.NAME).tag("uri", "/no/such/path/1").timer());
    }

    @Test
    void rareMethodsAndAnswersCutShortGetSeriesOfTheirOwn() {
        long start = System.nanoTime();
        meters.record("PROPFIND", "/api/referential/v1", 405, true, start, 0, 0);
        meters.record("GET", "/api/referential/v1/certifications", 200, false, start, 0, 0);
        meters.record("GET", "/api/referential/v1/certifications", 200, false, start, 0, 0);

        assertEquals(1, timer("PROPFIND", "/api/referential/**", "405", "CLIENT_ERROR").count());
        assertEquals(2, timer("GET", "/api/referential/**", "RESET", "UNKNOWN").count());
        assertNotNull(registry.find(RequestMeters.NAME).tag("status", "RESET").timer());
    }

    @Test
    void eachSeriesCountsTheBytesReadAndWrittenAndTheGaugeTheRequestsInFlight() {
        Gauge active = registry.find(RequestMeters.ACTIVE).gauge();
        assertNotNull(active);
        meters.started();
        meters.started();
        assertEquals(2.0, active.value());

        long start = System.nanoTime();
        meters.record("POST", "/api/dossiers/v1/imports", 202, true, start, 1500, 300);
        assertEquals(1.0, active.value());
        meters.record("POST", "/api/dossiers/v1/imports", 202, true, start, 500, 100);
        assertEquals(0.0, active.value());

        DistributionSummary read = registry.find(RequestMeters.BYTES_READ)
                .tags("method", "POST", "uri", "/api/dossiers/v1/imports/**", "status", "202", "outcome", "SUCCESS").summary();
        DistributionSummary written = registry.find(RequestMeters.BYTES_WRITTEN)
                .tags("method", "POST", "uri", "/api/dossiers/v1/imports/**", "status", "202", "outcome", "SUCCESS").summary();
        assertEquals(2, read.count());
        assertEquals(2000.0, read.totalAmount());
        assertEquals(400.0, written.totalAmount());
    }
}
