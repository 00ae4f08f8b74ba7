package fr.bts.commons.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The response headers every answer of a service carries, even reached directly rather than through the gateway
 * (issue 11): {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, a Content-Security-Policy that
 * allows nothing to load or frame an API answer (not on the Swagger UI pages, which need their scripts), no
 * referrer; and {@code Cache-Control: no-store} on every answer to an authenticated request (transcript PDFs
 * included) unless the resource chose its own caching: the published referential keeps its public
 * {@code Cache-Control} and ETag, whoever reads it.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Configuration of the headers (README, configuration table). */
    @ConfigMapping(prefix = "bts.http.security-headers")
    public interface Config {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("default-src 'none'; frame-ancestors 'none'")
        String contentSecurityPolicy();

        /** Paths where a browser page is served (no CSP there). */
        @WithDefault("/q/swagger-ui,/q/dev-ui,/q/dev")
        java.util.List<String> pagePrefixes();
    }

    @Inject
    Config config;

    /** The configured page prefixes, read once (every answer's headers check them). */
    private String[] pagePrefixes = new String[0];

    /** Names and values encoded once (HttpHeaders.createOptimized): they are written on every answer. */
    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private CharSequence contentSecurityPolicy;

    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        pagePrefixes = config.pagePrefixes().toArray(String[]::new);
        contentSecurityPolicy = HttpHeaders.createOptimized(config.contentSecurityPolicy());
        router.route().order(Integer.MIN_VALUE + 15).handler(ctx -> {
            ctx.addHeadersEndHandler(done -> apply(ctx));
            ctx.next();
        });
    }

    private boolean isPage(String path) {
        for (String prefix : pagePrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void apply(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader(CONTENT_TYPE_OPTIONS, NOSNIFF);
        response.putHeader(FRAME_OPTIONS, DENY);
        response.putHeader(REFERRER_POLICY, NO_REFERRER);
        String path = ctx.request().path();
        boolean page = path != null && isPage(path);
        if (!page && !response.headers().contains(CONTENT_SECURITY_POLICY)) {
            response.putHeader(CONTENT_SECURITY_POLICY, contentSecurityPolicy);
        }
        if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                && !response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
            response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
