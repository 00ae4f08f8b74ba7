package fr.bts.gateway.http;

import fr.bts.gateway.proxy.Backends;
import fr.bts.gateway.routing.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's {@code http.server.requests} timer (Prometheus {@code http_server_requests_seconds}), with the tags
 * of Micrometer's HTTP binder ({@code method}, {@code uri}, {@code status}, {@code outcome}) and the {@code uri} of a
 * proxied path being its route family's prefix ({@code /api/referential/**}). The binder resolved and looked up its
 * tags on every request, a few percent of the event loop; here each series' timer is found once and kept in a slot
 * per uri, method and status, so that recording a request is an array read and the timer's own update.
 */
@ApplicationScoped
public class RequestMeters {

    static final String NAME = "http.server.requests";
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    private static final int FIRST_STATUS = 100;
    private static final int STATUSES = 500;

    private final MeterRegistry registry;
    private final RouteTable routes;
    /** Per uri tag: one slot per usual method and status (100–599), filled on first use. */
    private final Map<String, AtomicReferenceArray<Timer>> slots = new ConcurrentHashMap<>();
    /** The rare series outside the slots: another method, a status outside 100–599, an answer cut short. */
    private final Map<String, Timer> others = new ConcurrentHashMap<>();

    @Inject
    RequestMeters(MeterRegistry registry, Backends backends) {
        this(registry, ClientProxy.unwrap(backends).routes());
    }

    RequestMeters(MeterRegistry registry, RouteTable routes) {
        this.registry = registry;
        this.routes = routes;
    }

    /**
     * Counts one request from its start to its end; {@code completed} false when the connection closed before the
     * answer ended (status {@code RESET}, as the binder tagged it).
     */
    public void record(String method, String path, int status, boolean completed, long startNanos) {
        long took = System.nanoTime() - startNanos;
        timer(method, uri(path, status), status, completed).record(took, TimeUnit.NANOSECONDS);
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

    private Timer timer(String method, String uri, int status, boolean completed) {
        int methodIndex = methodIndex(method);
        if (!completed || methodIndex < 0 || status < FIRST_STATUS || status >= FIRST_STATUS + STATUSES) {
            String statusTag = completed ? Integer.toString(status) : "RESET";
            return others.computeIfAbsent(method + ' ' + uri + ' ' + statusTag,
                    key -> register(method, uri, statusTag, completed ? Outcome.forStatus(status).name() : "UNKNOWN"));
        }
        AtomicReferenceArray<Timer> series = slots.get(uri);
        if (series == null) {
            series = slots.computeIfAbsent(uri, key -> new AtomicReferenceArray<>(METHODS.length * STATUSES));
        }
        int slot = methodIndex * STATUSES + status - FIRST_STATUS;
        Timer timer = series.get(slot);
        if (timer == null) {
            timer = register(method, uri, Integer.toString(status), Outcome.forStatus(status).name());
            series.set(slot, timer);
        }
        return timer;
    }

    private Timer register(String method, String uri, String status, String outcome) {
        return Timer.builder(NAME)
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", status)
                .tag("outcome", outcome)
                .register(registry);
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
