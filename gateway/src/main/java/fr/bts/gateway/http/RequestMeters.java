package fr.bts.gateway.http;

import fr.bts.gateway.proxy.Backends;
import fr.bts.gateway.routing.RouteTable;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's {@code http.server.requests} timer (Prometheus {@code http_server_requests_seconds}), with the tags
 * of Micrometer's HTTP binder ({@code method}, {@code uri}, {@code status}, {@code outcome}) and the {@code uri} of a
 * proxied path being its route family's prefix ({@code /api/referential/**}). The binder resolved and looked up its
 * tags on every request, a few percent of the event loop; here each series' timer is found once and kept in a slot
 * per uri, method and status, so that recording a request is an array read and the meters' own updates. With the
 * timer, each series has the binder's byte counts ({@code http.server.bytes.read}, {@code http.server.bytes.written},
 * distribution summaries with the same tags), and the requests in flight are a gauge
 * ({@code http.server.active.requests}).
 */
@ApplicationScoped
public class RequestMeters {

    static final String NAME = "http.server.requests";
    static final String BYTES_READ = "http.server.bytes.read";
    static final String BYTES_WRITTEN = "http.server.bytes.written";
    static final String ACTIVE = "http.server.active.requests";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    private static final int FIRST_STATUS = 100;
    private static final int STATUSES = 500;

    private final MeterRegistry registry;
    private final RouteTable routes;
    /** Per uri tag: one slot per usual method and status (100–599), filled on first use. */
    private final Map<String, AtomicReferenceArray<Series>> slots = new ConcurrentHashMap<>();
    /** The rare series outside the slots: another method, a status outside 100–599, an answer cut short. */
    private final Map<String, Series> others = new ConcurrentHashMap<>();
    /** Requests started and not yet ended. */
    private final AtomicLong active = new AtomicLong();

    /** The meters of one method, uri, status and outcome. */
    private record Series(Timer timer, DistributionSummary read, DistributionSummary written) {
    }

    @Inject
    RequestMeters(MeterRegistry registry, Backends backends) {
        this(registry, ClientProxy.unwrap(backends).routes());
    }

    RequestMeters(MeterRegistry registry, RouteTable routes) {
        this.registry = registry;
        this.routes = routes;
        Gauge.builder(ACTIVE, active, AtomicLong::get).description("HTTP requests the gateway is answering").register(registry);
    }

    /** A request has started: counted in flight until its {@link #record}. */
    public void started() {
        active.incrementAndGet();
    }

    /**
     * Counts one request from its start to its end; {@code completed} false when the connection closed before the
     * answer ended (status {@code RESET}, as the binder tagged it).
     */
    public void record(String method, String path, int status, boolean completed, long startNanos, long bytesRead,
                       long bytesWritten) {
        long took = System.nanoTime() - startNanos;
        active.decrementAndGet();
        Series series = series(method, uri(path, status), status, completed);
        series.timer().record(took, TimeUnit.NANOSECONDS);
        series.read().record(bytesRead);
        series.written().record(bytesWritten);
    }

    /**
     * The binder's {@code uri}: the route family's pattern for a proxied path, {@code NOT_FOUND} and
     * {@code REDIRECTION} by status, {@code root} for {@code /}, otherwise the gateway's own path (docs, health:
     * a fixed set, every other path being a 404).
     */
    String uri(String path, int status) {
        String family = routes.meterUri(path);
        if (family != null) {
            return family;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return path.isEmpty() || "/".equals(path) ? "root" : path;
    }

    private Series series(String method, String uri, int status, boolean completed) {
        int methodIndex = methodIndex(method);
        if (!completed || methodIndex < 0 || status < FIRST_STATUS || status >= FIRST_STATUS + STATUSES) {
            String statusTag = completed ? Integer.toString(status) : "RESET";
            return others.computeIfAbsent(method + ' ' + uri + ' ' + statusTag,
                    key -> register(method, uri, statusTag, completed ? Outcome.forStatus(status).name() : "UNKNOWN"));
        }
        AtomicReferenceArray<Series> ofUri = slots.get(uri);
        if (ofUri == null) {
            ofUri = slots.computeIfAbsent(uri, key -> new AtomicReferenceArray<>(METHODS.length * STATUSES));
        }
        int slot = methodIndex * STATUSES + status - FIRST_STATUS;
        Series series = ofUri.get(slot);
        if (series == null) {
            series = register(method, uri, Integer.toString(status), Outcome.forStatus(status).name());
            ofUri.set(slot, series);
        }
        return series;
    }

    /** The series' meters (Micrometer answers the registered ones when two threads race to fill one slot). */
    private Series register(String method, String uri, String status, String outcome) {
        Tags tags = Tags.of("method", method, "uri", uri, "status", status, "outcome", outcome);
        return new Series(Timer.builder(NAME).tags(tags).register(registry),
                DistributionSummary.builder(BYTES_READ).tags(tags).register(registry),
                DistributionSummary.builder(BYTES_WRITTEN).tags(tags).register(registry));
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return -1;
    }
}
