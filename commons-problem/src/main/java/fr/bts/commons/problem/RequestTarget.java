package fr.bts.commons.problem;

import fr.bts.commons.text.ControlCharacters;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The check of a raw request target (path and query, as received) done by {@link VertxProblemHandlers} before any
 * route decodes it. Plain Java, unit-tested.
 */
final class RequestTarget {

    /** Characters no path segment of the suite carries (codes, UUIDs, numbers): quotes, angle brackets and the like. */
    private static final String PATH_REFUSED = "\"<>\\^`{|}";
    /** The ASCII characters {@link java.net.URI} takes as they are in a path or query: letters, digits and these. */
    private static final boolean[] URI_PLAIN = new boolean[128];

    static {
        for (char c : "-_.!~*'();/?:@&=+$,".toCharArray()) {
            URI_PLAIN[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URI_PLAIN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            URI_PLAIN[c] = true;
            URI_PLAIN[Character.toUpperCase(c)] = true;
        }
    }

    private RequestTarget() {
    }

    /** Why {@code rawPath} / {@code rawQuery} are refused, as a violation naming the part; null when accepted. */
    static Problem.Violation refusal(String rawPath, String rawQuery) {
        if (rawPath != null) {
            String path = decode(rawPath, false);
            if (path == null) {
                return new Problem.Violation("path", "has an invalid percent-encoding (not %XX of UTF-8)");
            }
            int refused = ControlCharacters.firstRefused(path);
            if (refused >= 0) {
                return new Problem.Violation("path", "has a control character (" + ControlCharacters.describe(path, refused) + ")");
            }
            for (int i = 0; i < path.length(); i++) {
                if (PATH_REFUSED.indexOf(path.charAt(i)) >= 0 || path.charAt(i) == '\t' || path.charAt(i) == '\n') {
                    return new Problem.Violation("path", "has a character no resource accepts ("
                            + ControlCharacters.describe(path, i) + ")");
                }
            }
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
                String label = name == null || !ControlCharacters.accepted(name) ? "query" : name;
                if (name == null || value == null) {
                    return new Problem.Violation(label, "has an invalid percent-encoding (not %XX of UTF-8)");
                }
                int refused = ControlCharacters.firstRefused(name + value);
                if (refused >= 0) {
                    return new Problem.Violation(label, "has a control character ("
                            + ControlCharacters.describe(name + value, refused) + ")");
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code target} (path and query as received) parses as a URI reference. A target made only of the
     * characters {@link java.net.URI} accepts in a path and a query ({@link #plainUri}), the usual case, is
     * accepted without building a {@code URI} (that parse cost as much as a header map per request); any other
     * is left to {@code URI} itself.
     */
    static boolean isUri(String target) {
        if (plainUri(target)) {
            return true;
        }
        try {
            new java.net.URI(target);
            return true;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /**
     * An absolute path (not {@code //}, which {@code URI} reads as an authority) and an optional query, made of
     * unreserved and reserved characters of RFC 2396 and {@code %XX} escapes only: what {@code URI} parses as path
     * and query without fail.
     */
    static boolean plainUri(String target) {
        return plain(target, true);
    }

    /**
     * A {@link #plainUri} without any {@code %} escape: nothing in it is decoded, so no part of it can be refused
     * by {@link #refusal} (its characters are all printable ASCII, a {@code +} decodes to a space) and it parses as
     * a URI. What nearly every request target is; {@link VertxProblemHandlers} lets it through at once.
     */
    static boolean plainlyAccepted(String target) {
        return plain(target, false);
    }

    private static boolean plain(String target, boolean escapes) {
        int length = target.length();
        if (length == 0 || target.charAt(0) != '/' || length > 1 && target.charAt(1) == '/') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (!escapes || i + 2 >= length || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (c >= 128 || !URI_PLAIN[c]) {
                return false;
            }
        }
        return true;
    }

    /** Strict percent-decoding as UTF-8 ({@code +} is a space in a query); null when the encoding is invalid. */
    static String decode(String raw, boolean query) {
        if (raw.indexOf('%') < 0 && !(query && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (query && c == '+') {
                bytes.write(' ');
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                byte[] encoded = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                i = end - 1;
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
