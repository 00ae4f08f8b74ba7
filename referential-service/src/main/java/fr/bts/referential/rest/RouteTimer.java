package fr.bts.referential.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.vertx.core.http.HttpMethod;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code http.server.requests} timers of one route, as Quarkus's HTTP server binder records them (the same name,
 * description and tags: {@code method}, {@code outcome}, {@code status}, {@code uri} the route's template), resolved
 * once per method and status instead of per request: the binder builds and sorts the tags and looks the timer up in
 * the registry at every answer, about a tenth of a 304's work on the event loop (JFR, issue 16). The binder is told to
 * leave the route's paths alone ({@code quarkus.micrometer.binder.http-server.ignore-patterns}); the route records
 * every request on them here, whoever answers it. Timed from the route's first handler to the end of the answer.
 */
final class RouteTimer {

    static final String NAME = "http.server.requests";
    static final String DESCRIPTION = "HTTP server request processing time";

    private final MeterRegistry registry;
    private final String uri;
    /** GET answers by status (100–599). */
    private final AtomicReferenceArray<Timer> gets = new AtomicReferenceArray<>(600);
    /** Other methods (rare: HEAD, an admin's PUT): by "METHOD status". */
    private final ConcurrentHashMap<String, Timer> others = new ConcurrentHashMap<>();

    /** {@code registry} null: metrics are off, nothing is recorded. */
    RouteTimer(MeterRegistry registry, String vertxPath) {
        this.registry = registry;
        this.uri = vertxPath.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    }

    String uri() {
        return uri;
    }

    /** Records a request of {@code method} answered with {@code status}, begun at {@code startNanos} (System.nanoTime). */
    void record(HttpMethod method, int status, long startNanos) {
        if (registry == null) {
            return;
        }
        timer(method, status).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(HttpMethod method, int status) {
        if (method == HttpMethod.GET && status >= 100 && status < 600) {
            Timer timer = gets.get(status);
            if (timer == null) {
                timer = register(method.name(), status);
                gets.set(status, timer);
            }
            return timer;
        }
        return others.computeIfAbsent(method.name() + " " + status, key -> register(method.name(), status));
    }

    private Timer register(String method, int status) {
        return Timer.builder(NAME).description(DESCRIPTION)
                .tags("method", method, "outcome", Outcome.forStatus(status).name(), "status", Integer.toString(status), "uri", uri)
                .register(registry);
    }
}
