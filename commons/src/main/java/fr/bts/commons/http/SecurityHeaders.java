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

    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        pagePrefixes = config.pagePrefixes().toArray(String[]::new);
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
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", "DENY");
        response.putHeader("Referrer-Policy", "no-referrer");
        String path = ctx.request().path();
        boolean page = path != null && isPage(path);
        if (!page && !response.headers().contains("Content-Security-Policy")) {
            response.putHeader("Content-Security-Policy", config.contentSecurityPolicy());
        }
        if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                && !response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
            response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
