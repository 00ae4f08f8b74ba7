package fr.bts.gateway.proxy;

import fr.bts.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's public view of a request, which it hands to the services as {@code X-Forwarded-Proto/Host/Port/
 * Prefix} so that every link they build names it (ARCHITECTURE.md, "Public URLs"): {@code gateway.public-url}
 * ({@code GATEWAY_PUBLIC_URL}) when configured, which every gateway instance of one deployment shares so that a
 * representation has the same bytes and ETag through each; otherwise the scheme and {@code Host} the gateway was
 * reached by. Behind a load balancer, Quarkus' forwarding support ({@code quarkus.http.proxy.*}) has already put the
 * balancer's view in the request's scheme and authority when, and only when, the balancer is one of
 * {@code quarkus.http.proxy.trusted-proxies}; the balancer's {@code X-Forwarded-Prefix} is read under the same
 * condition. Whatever forwarding headers a client sent itself never reach a service ({@link ForwardedHeaders}).
 */
@ApplicationScoped
public class PublicUrl {

    static final String TRUSTED_PROXY_HEADER = "X-Forwarded-Trusted-Proxy";
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");

    /**
     * What a client named to reach the gateway.
     *
     * @param proto  {@code http} or {@code https}
     * @param host   the host, with its port when not the scheme's default ({@code api.example.fr}, {@code localhost:8080})
     * @param port   the port, the scheme's default included
     * @param prefix a path the public URL starts with ({@code /bts}), or empty
     */
    public record View(String proto, String host, int port, String prefix) {

        /** The public base URL without final {@code /}: {@code https://api.example.fr/bts}. */
        public String origin() {
            return proto + "://" + host + prefix;
        }

        /** The port as the {@code X-Forwarded-Port} value. */
        public String portText() {
            return Integer.toString(port);
        }
    }

    private final Optional<View> configured;
    private final boolean behindProxy;
    /**
     * The view computed last, with what it was computed from: callers of one deployment name the gateway the same
     * way, so nearly every request finds it here instead of building the same strings again.
     */
    private volatile Computed last;

    private record Computed(String proto, HostAndPort authority, String prefix, View view) {
        boolean sameAs(String otherProto, HostAndPort otherAuthority, String otherPrefix) {
            return proto.equals(otherProto) && prefix.equals(otherPrefix) && authority.port() == otherAuthority.port()
                    && authority.host().equals(otherAuthority.host());
        }
    }

    PublicUrl(GatewayConfig config,
              @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean behindProxy,
              @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        if (behindProxy && trustedProxies.filter(list -> !list.isEmpty()).isEmpty()) {
            throw new IllegalStateException("GATEWAY_PROXY_FORWARDING=true needs GATEWAY_TRUSTED_PROXIES (the load "
                    + "balancer's addresses or CIDRs): without it Quarkus would take X-Forwarded-* from any client");
        }
        this.behindProxy = behindProxy;
        this.configured = config.publicUrl().map(PublicUrl::parse);
    }

    /** The public view of {@code request}. */
    public View of(HttpServerRequest request) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String proto = "https".equalsIgnoreCase(request.scheme()) ? "https" : "http";
        int defaultPort = "https".equals(proto) ? 443 : 80;
        String prefix = trustedPrefix(request);
        HostAndPort authority = request.authority();
        if (authority == null || authority.host().isEmpty()) {
            int port = request.localAddress() == null ? defaultPort : request.localAddress().port();
            String local = request.localAddress() == null ? "localhost" : request.localAddress().hostAddress();
            return new View(proto, bracketed(local) + (port == defaultPort ? "" : ":" + port), port, prefix);
        }
        Computed known = last;
        if (known != null && known.sameAs(proto, authority, prefix)) {
            return known.view;
        }
        int port = authority.port() > 0 ? authority.port() : defaultPort;
        View view = new View(proto, bracketed(authority.host()) + (port == defaultPort ? "" : ":" + port), port, prefix);
        last = new Computed(proto, authority, prefix, view);
        return view;
    }

    /** A balancer's {@code X-Forwarded-Prefix}, only when Quarkus found the balancer trusted. */
    private String trustedPrefix(HttpServerRequest request) {
        if (!behindProxy || !"true".equals(request.getHeader(TRUSTED_PROXY_HEADER))) {
            return "";
        }
        String prefix = request.getHeader("X-Forwarded-Prefix");
        if (prefix == null) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return PREFIX.matcher(trimmed).matches() ? trimmed : "";
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static View parse(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw new IllegalStateException("gateway.public-url (GATEWAY_PUBLIC_URL) must be an http(s) URL without query "
                    + "or fragment, such as https://api.example.fr or https://example.fr/bts; got " + url);
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = url.getPort() > 0 ? url.getPort() : defaultPort;
        String host = url.getHost() + (port == defaultPort ? "" : ":" + port);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
            throw new IllegalStateException("gateway.public-url has a path that cannot prefix the API's paths: " + url);
        }
        return new View(scheme, host, port, prefix);
    }
}
