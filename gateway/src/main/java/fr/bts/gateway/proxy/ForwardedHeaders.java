package fr.bts.gateway.proxy;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
    /* Looked up without changing case (no lower-cased copy of every header name of every request and answer). */
    private static final HeaderNameSet NOT_FORWARDED = HeaderNameSet.of(HOP_BY_HOP, FORGEABLE);
    private static final HeaderNameSet NOT_RELAYED = HeaderNameSet.of(HOP_BY_HOP, CORS_ANSWER);

    /** From this length on, a forwarded value is handed to the encoder as bytes ({@link #encodedOnce}). */
    private static final int LONG_VALUE = 64;

    private ForwardedHeaders() {
    }

    private static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence FORWARDED_PORT = HttpHeaders.createOptimized("X-Forwarded-Port");
    private static final CharSequence FORWARDED_PREFIX = HttpHeaders.createOptimized("X-Forwarded-Prefix");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

    /**
     * Writes the headers to send upstream into {@code out}, the upstream request's own (empty) headers: one copy
     * of the caller's headers, not a map built here and copied again by the HTTP client. The names the gateway
     * sets itself are constants whose hash is computed once.
     */
    static void request(MultiMap in, String clientIp, PublicUrl.View view, String requestId, MultiMap out) {
        HeaderNameSet connectionListed = listedInConnection(in);
        for (Map.Entry<String, String> header : in) {
            String name = header.getKey();
            if (!NOT_FORWARDED.contains(name) && !connectionListed.contains(name)) {
                out.add(name, encodedOnce(header.getValue()));
            }
        }
        // the caller's own forwarding headers were left out above: each of these is the only one of its name
        out.add(FORWARDED_FOR, clientIp);
        out.add(FORWARDED_PROTO, view.proto());
        out.add(FORWARDED_HOST, view.host());
        out.add(FORWARDED_PORT, view.portText());
        if (!view.prefix().isEmpty()) {
            out.add(FORWARDED_PREFIX, view.prefix());
        }
        out.add(REQUEST_ID, requestId);
    }

    /**
     * A long value (a bearer token: most of the bytes of a request head) as ASCII bytes, which the HTTP encoder
     * copies in one go instead of converting character by character. A decoded header value is ISO-8859-1 text
     * (one byte per character), so the bytes are exactly the ones received.
     */
    private static CharSequence encodedOnce(String value) {
        return value.length() < LONG_VALUE ? value : new AsciiString(value.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** Copies the upstream answer's headers onto the gateway's answer. */
    static void response(MultiMap upstream, MultiMap out) {
        HeaderNameSet connectionListed = listedInConnection(upstream);
        for (Map.Entry<String, String> header : upstream) {
            String name = header.getKey();
            if (!NOT_RELAYED.contains(name) && !connectionListed.contains(name)) {
                out.add(name, header.getValue());
            }
        }
    }

    private static HeaderNameSet listedInConnection(MultiMap headers) {
        String connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null || connection.isBlank()) {
            return HeaderNameSet.of();
        }
        return HeaderNameSet.of(List.of(connection.trim().split("\\s*,\\s*")));
    }
}
