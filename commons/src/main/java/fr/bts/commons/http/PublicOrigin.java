package fr.bts.commons.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The one public base URL that every absolute link a service emits names (ARCHITECTURE.md, "Public URLs"): CASE
 * {@code uri} members, pagination {@code Link}, {@code Location}.
 *
 * <ul>
 * <li>{@code bts.http.public-base-url} ({@code PUBLIC_BASE_URL}) when configured: production sets it and it wins.</li>
 * <li>Otherwise the origin the request was made to, as Quarkus' forwarding support sees it: its
 * {@code X-Forwarded-Proto/Host/Port/Prefix} (or {@code Forwarded}) headers count only when the peer is one of
 * {@code quarkus.http.proxy.trusted-proxies} (the gateway), so a client that reaches a service directly cannot
 * choose the links it gets: it gets the service's own address.</li>
 * </ul>
 *
 * Bodies ask {@link #origin(UriInfo)}; headers that JAX-RS wrote against the request's own view (a relative
 * {@code Location} it resolved, {@code Link}s built from {@link UriInfo}) are re-based on the configured URL in one
 * response filter, so that no resource has to remember it. A cache of bytes that hold links keys them by
 * {@link #origin(UriInfo)}: through any gateway with the same public URL a representation keeps its bytes and ETag.
 */
@ApplicationScoped
public class PublicOrigin {

    private static final List<String> LINK_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_LOCATION);

    private final Optional<URI> configured;

    @Inject
    public PublicOrigin(@ConfigProperty(name = "bts.http.public-base-url") Optional<String> publicBaseUrl) {
        this.configured = publicBaseUrl.filter(url -> !url.isBlank()).map(PublicOrigin::parse);
    }

    /** The public base URL of this request, ending in {@code /} ({@code https://api.example.fr/bts/}). */
    public URI base(UriInfo request) {
        return configured.orElseGet(request::getBaseUri);
    }

    /** The public base URL without its final {@code /}, the form absolute paths are appended to and caches key on. */
    public String origin(UriInfo request) {
        String base = base(request).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** {@code uri} under the public base URL when it lies under the request's own base URL; else unchanged. */
    public URI rebase(UriInfo request, URI uri) {
        if (configured.isEmpty() || uri == null || !uri.isAbsolute()) {
            return uri;
        }
        String own = request.getBaseUri().toString();
        String text = uri.toString();
        return text.startsWith(own) ? URI.create(configured.get() + text.substring(own.length())) : uri;
    }

    /** Re-bases {@code Location}, {@code Content-Location} and {@code Link} on the configured public base URL. */
    @ServerResponseFilter
    public void rebaseLinkHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        if (configured.isEmpty()) {
            return;
        }
        UriInfo info = request.getUriInfo();
        for (String name : LINK_HEADERS) {
            List<Object> values = response.getHeaders().get(name);
            if (values != null) {
                values.replaceAll(value -> rebase(info, URI.create(value.toString())));
            }
        }
        List<Object> links = response.getHeaders().get("Link");
        if (links != null) {
            String own = "<" + info.getBaseUri();
            String configuredBase = "<" + configured.get();
            links.replaceAll(value -> value instanceof Link link
                    ? Link.fromLink(link).uri(rebase(info, link.getUri())).build()
                    : value.toString().replace(own, configuredBase));
        }
    }

    private static URI parse(String url) {
        URI uri = URI.create(url.trim());
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("bts.http.public-base-url must be an http(s) URL without query or "
                    + "fragment, such as https://api.example.fr or https://example.fr/bts; got " + url);
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }
}
