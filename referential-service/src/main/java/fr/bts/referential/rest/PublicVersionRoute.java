package fr.bts.referential.rest;

import fr.bts.commons.http.ETags;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.service.ReferentialQueryService;
import fr.bts.referential.service.Representation;
import fr.bts.referential.service.RepresentationCache;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Fast path of the most requested read: a public version document already in memory is answered on the event
 * loop, straight from its canonical bytes, before the REST layer. Anything else (a version not in memory yet,
 * a draft, a bad number) falls through to {@link CertificationResource#version}, which has the same answers
 * and fills the memory. Platforms pulling the referential hit this path; the benchmark measures it.
 */
@ApplicationScoped
public class PublicVersionRoute {

    static final String VERSION_PATH = "/api/referential/v1/certifications/:code/versions/:version";
    static final String CURRENT_PATH = "/api/referential/v1/certifications/:code/current";

    @Inject
    RepresentationCache cache;

    @Inject
    ReferentialConfig config;

    void install(@Observes Router router) {
        router.get(VERSION_PATH).order(-1).handler(ctx -> serve(ctx, false));
        router.get(CURRENT_PATH).order(-1).handler(ctx -> serve(ctx, true));
    }

    private void serve(RoutingContext ctx, boolean currentPath) {
        String version = currentPath ? ReferentialQueryService.CURRENT : ctx.pathParam("version");
        boolean current = ReferentialQueryService.CURRENT.equalsIgnoreCase(version);
        String code = ctx.pathParam("code");
        Representation r = current ? cache.current(code) : isNumber(version) ? cache.version(code, version) : null;
        if (r == null) {
            ctx.next();
            return;
        }
        String cacheControl = current ? "public, max-age=" + config.http().currentMaxAge().toSeconds()
                : VersionResponses.IMMUTABLE;
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.ETAG, r.etagHeader())
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (ETags.noneMatchHits(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), r.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (current) {
            response.putHeader(HttpHeaders.CONTENT_LOCATION, "versions/" + r.number());
        }
        if (r.status() == fr.bts.referential.model.VersionStatus.DEPRECATED) {
            response.putHeader("Deprecation", "true");
        }
        response.end(r.buffer());
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
