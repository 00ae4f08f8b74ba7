package fr.bts.referential.rest;

import fr.bts.referential.service.ReferentialQueryService;
import fr.bts.referential.service.RepresentationCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Function;

/**
 * Fast path of the most requested read: a public version document already in memory is answered on the event
 * loop, straight from its canonical bytes, before the REST layer. A deprecated version is final and served as it is;
 * any other entry is served once the shared generation, read after the request arrived ({@link FreshAnswer}: off the
 * event loop and shared by the requests arriving together), shows that no version was written since it was read,
 * through any instance. Anything else (a version not in memory yet or written since, a draft, a bad number,
 * the generation unreadable) falls through to {@link CertificationResource#version}, which has the same answers and
 * fills the memory. Platforms pulling the referential hit this path; the benchmark measures it.
 */
@ApplicationScoped
public class PublicVersionRoute {

    static final String VERSION_PATH = "/api/referential/v1/certifications/:code/versions/:version";
    static final String CURRENT_PATH = "/api/referential/v1/certifications/:code/current";

    @Inject
    RepresentationCache cache;

    @Inject
    FreshAnswer answers;

    @Inject
    VersionResponses responses;

    /**
     * Before Quarkus's authentication filter (route order -200) and the REST layer's filter after it (-199, which maps
     * every path through the JAX-RS resources for the metrics' URI template), after CORS (-300) and the commons edge
     * handlers (request id, codings, security headers, odd targets): the public bytes need no identity, and those two
     * steps were about a fifth of the event loop's time on a 304 (JFR, issue 16). Anything that falls through goes on
     * to authentication and the REST layer as before. No {@code quarkus.http.auth.permission} policy may cover these
     * paths, since this answer comes before it.
     */
    static final int ORDER = -201;

    @ConfigProperty(name = "quarkus.micrometer.enabled", defaultValue = "true")
    boolean metricsEnabled;

    @ConfigProperty(name = "quarkus.micrometer.binder.http-server.enabled", defaultValue = "true")
    boolean serverMetricsEnabled;

    /**
     * Every request on these paths, whatever its method and whoever answers it, is timed here ({@link RouteTimer}):
     * the HTTP server binder leaves them alone (application.properties).
     */
    void install(@Observes Router router) {
        MeterRegistry registry = metricsEnabled && serverMetricsEnabled ? Metrics.globalRegistry : null;
        RouteTimer versions = new RouteTimer(registry, VERSION_PATH);
        RouteTimer currents = new RouteTimer(registry, CURRENT_PATH);
        router.route(VERSION_PATH).order(ORDER).handler(ctx -> serve(ctx, versions, false));
        router.route(CURRENT_PATH).order(ORDER).handler(ctx -> serve(ctx, currents, true));
    }

    private static final CharSequence DEPRECATION = HttpHeaders.createOptimized("Deprecation");
    private static final CharSequence TRUE = HttpHeaders.createOptimized("true");

    /** The answers of an entry, made the first time it is served (as current, or by number) and kept with it. */
    private final Function<RepresentationCache.Entry, VersionResponses.FastAnswer> asCurrent =
            entry -> responses.fastAnswer(entry.representation(), true);
    private final Function<RepresentationCache.Entry, VersionResponses.FastAnswer> asNumbered =
            entry -> responses.fastAnswer(entry.representation(), false);

    private void serve(RoutingContext ctx, RouteTimer timer, boolean currentPath) {
        long start = System.nanoTime();
        if (ctx.request().method() != HttpMethod.GET) {
            passOn(ctx, timer, start);
            return;
        }
        String version = currentPath ? ReferentialQueryService.CURRENT : ctx.pathParam("version");
        boolean current = ReferentialQueryService.CURRENT.equalsIgnoreCase(version);
        String code = ctx.pathParam("code");
        RepresentationCache.Entry entry = current ? cache.current(code) : isNumber(version) ? cache.version(code, version) : null;
        if (entry == null) {
            passOn(ctx, timer, start);
            return;
        }
        VersionResponses.FastAnswer answer = entry.prepared(current ? asCurrent : asNumbered);
        if (!current && entry.representation().immutable()) {
            write(ctx, answer, timer, start);
            return;
        }
        answers.whenFresh(ctx, entry.generation(), () -> write(ctx, answer, timer, start), () -> passOn(ctx, timer, start));
    }

    private void write(RoutingContext ctx, VersionResponses.FastAnswer answer, RouteTimer timer, long start) {
        HttpServerResponse response = ctx.response();
        if (answer.contentLocation() != null) {
            response.putHeader(HttpHeaders.CONTENT_LOCATION, answer.contentLocation());
        }
        if (answers.answeredNotModified(ctx, answer.head())) {
            timer.record(HttpMethod.GET, 304, start);
            return;
        }
        if (answer.deprecated()) {
            response.putHeader(DEPRECATION, TRUE);
        }
        response.end(answer.body());
        timer.record(HttpMethod.GET, 200, start);
    }

    /** Hands the request to the next route (the REST layer), timed until its answer ends. */
    private static void passOn(RoutingContext ctx, RouteTimer timer, long start) {
        ctx.addEndHandler(done -> {
            if (done.succeeded()) {
                timer.record(ctx.request().method(), ctx.response().getStatusCode(), start);
            }
        });
        ctx.next();
    }

    private static boolean isNumber(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
