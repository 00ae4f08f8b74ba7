package fr.bts.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the gateway. End-to-end headers go through untouched (Authorization included: every
 * service validates the token itself); hop-by-hop headers (RFC 9110 §7.6.1) and those named in
 * {@code Connection} stay on their hop; the forwarding headers a caller could forge are replaced by what
 * the gateway saw: the client's address and the public view of the request ({@link PublicUrl}), from which the
 * services build every absolute link.
 */
final class ForwardedHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "expect");
    private static final Set<String> FORGEABLE = Set.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl", "x-forwarded-server",
            PublicUrl.TRUSTED_PROXY_HEADER.toLowerCase(Locale.ROOT), "forwarded", "x-real-ip", "x-request-id");
    private static final Set<String> CORS_ANSWER = Set.of("access-control-allow-origin",
            "access-control-allow-credentials", "access-control-expose-headers", "access-control-allow-methods",
            "access-control-allow-headers", "access-control-max-age");
    /*
     * Looked up without changing case (no lower-cased copy of every header name of every request and answer):
     * a dozen names, a few comparisons each.
     */
    private static final Set<String> NOT_FORWARDED = ignoringCase(HOP_BY_HOP, FORGEABLE);
    private static final Set<String> NOT_RELAYED = ignoringCase(HOP_BY_HOP, CORS_ANSWER);

    private ForwardedHeaders() {
    }

    /** The headers to send upstream. */
    static MultiMap request(MultiMap in, String clientIp, PublicUrl.View view, String requestId) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        Set<String> connectionListed = listedInConnection(in);
        for (Map.Entry<String, String> header : in) {
            String name = header.getKey();
            if (!NOT_FORWARDED.contains(name) && !connectionListed.contains(name)) {
                out.add(name, header.getValue());
            }
        }
        out.set("X-Forwarded-For", clientIp);
        out.set("X-Forwarded-Proto", view.proto());
        out.set("X-Forwarded-Host", view.host());
        out.set("X-Forwarded-Port", Integer.toString(view.port()));
        if (!view.prefix().isEmpty()) {
            out.set("X-Forwarded-Prefix", view.prefix());
        }
        out.set("X-Request-Id", requestId);
        return out;
    }

    /** Copies the upstream answer's headers onto the gateway's answer. */
    static void response(MultiMap upstream, MultiMap out) {
        Set<String> connectionListed = listedInConnection(upstream);
        for (Map.Entry<String, String> header : upstream) {
            String name = header.getKey();
            if (!NOT_RELAYED.contains(name) && !connectionListed.contains(name)) {
                out.add(name, header.getValue());
            }
        }
    }

    private static Set<String> listedInConnection(MultiMap headers) {
        String connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null || connection.isBlank()) {
            return Set.of();
        }
        return ignoringCase(List.of(connection.trim().split("\\s*,\\s*")));
    }

    @SafeVarargs
    private static Set<String> ignoringCase(Collection<String>... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Collection<String> some : names) {
            set.addAll(some);
        }
        return set;
    }
}
