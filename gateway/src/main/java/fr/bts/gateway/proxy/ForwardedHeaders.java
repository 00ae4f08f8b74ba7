package fr.bts.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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

    private ForwardedHeaders() {
    }

    /** The headers to send upstream. */
    static MultiMap request(MultiMap in, String clientIp, PublicUrl.View view, String requestId) {
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        Set<String> connectionListed = listedInConnection(in);
        in.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !FORGEABLE.contains(name) && !connectionListed.contains(name)) {
                out.add(header.getKey(), header.getValue());
            }
        });
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
        upstream.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !CORS_ANSWER.contains(name) && !connectionListed.contains(name)) {
                out.add(header.getKey(), header.getValue());
            }
        });
    }

    private static Set<String> listedInConnection(MultiMap headers) {
        String connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null || connection.isBlank()) {
            return Set.of();
        }
        return new HashSet<>(Arrays.asList(connection.toLowerCase(Locale.ROOT).trim().split("\\s*,\\s*")));
    }
}
