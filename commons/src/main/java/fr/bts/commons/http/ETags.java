package fr.bts.commons.http;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import jakarta.ws.rs.core.EntityTag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Strong entity tags and the preconditions of ARCHITECTURE.md: {@code If-None-Match} → 304 on reads,
 * {@code If-Match} required on updates of mutable resources (428 when missing, 412 on mismatch).
 */
public final class ETags {

    /** The content codings the services may apply to an answer (quarkus.http.compressors): see {@link #coded}. */
    public static final List<String> CODINGS = List.of("gzip", "deflate");

    private ETags() {
    }

    /** A strong ETag from the bytes of a representation: base64url of its SHA-256, cut to 128 bits. */
    public static EntityTag ofBytes(byte[] representation) {
        return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(representation)).substring(0, 22));
    }

    /** A strong ETag from a version counter of a stored document or row, e.g. {@code "v7"}. */
    public static EntityTag ofVersion(long version) {
        return new EntityTag("v" + version);
    }

    /**
     * The tag of {@code tag}'s representation once the server applies {@code coding} to it (e.g. {@code "x"} →
     * {@code "x-gzip"}): RFC 9110 §8.8.3 wants a distinct tag for each content coding of a resource. A weak tag stays
     * weak; {@code null} coding (identity) leaves the tag as it is.
     */
    public static EntityTag coded(EntityTag tag, String coding) {
        return coding == null ? tag : new EntityTag(tag.getValue() + "-" + coding, tag.isWeak());
    }

    /** An entity tag header value ({@code "x"} or {@code W/"x"}) with its coding suffix, see {@link #coded}. */
    public static String codedHeader(String etagHeader, String coding) {
        if (coding == null || etagHeader == null || !etagHeader.endsWith("\"")) {
            return etagHeader;
        }
        return etagHeader.substring(0, etagHeader.length() - 1) + "-" + coding + "\"";
    }

    /** Whether an {@code If-None-Match} header matches {@code current} (weak comparison, as RFC 9110 asks). */
    public static boolean noneMatchHits(String ifNoneMatch, EntityTag current) {
        return noneMatchHits(ifNoneMatch, current.getValue(), null);
    }

    /**
     * Whether an {@code If-None-Match} header matches the tag whose opaque value is {@code value}, followed by
     * {@code "-" + coding} when {@code coding} is not null ({@link #coded}), without building either: RFC 9110 §13.1.2,
     * a {@code *} member or any listed entity-tag, weak or strong, whose opaque value is that one (weak comparison).
     * Members are read as §8.8.3 writes them (a quoted value may hold a comma); a member that is not an entity-tag
     * matches nothing. Read once per 304, on the event loop: it allocates nothing.
     */
    public static boolean noneMatchHits(String ifNoneMatch, String value, String coding) {
        if (ifNoneMatch == null) {
            return false;
        }
        int length = ifNoneMatch.length();
        int i = 0;
        while (i < length) {
            char c = ifNoneMatch.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '*') {
                int after = skipSpaces(ifNoneMatch, i + 1);
                if (after == length || ifNoneMatch.charAt(after) == ',') {
                    return true;
                }
            }
            if (ifNoneMatch.startsWith("W/", i)) {
                i += 2;
            }
            if (i < length && ifNoneMatch.charAt(i) == '"') {
                int close = ifNoneMatch.indexOf('"', i + 1);
                if (close < 0) {
                    return false;
                }
                int after = skipSpaces(ifNoneMatch, close + 1);
                if ((after == length || ifNoneMatch.charAt(after) == ',') && opaqueIs(ifNoneMatch, i + 1, close, value, coding)) {
                    return true;
                }
                i = close + 1;
            }
            int comma = ifNoneMatch.indexOf(',', i);
            if (comma < 0) {
                return false;
            }
            i = comma + 1;
        }
        return false;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Whether {@code s[from, to)} is {@code value}, or {@code value-coding} when a coding is given. */
    private static boolean opaqueIs(String s, int from, int to, String value, String coding) {
        int expected = value.length() + (coding == null ? 0 : 1 + coding.length());
        if (to - from != expected || !s.regionMatches(from, value, 0, value.length())) {
            return false;
        }
        int dash = from + value.length();
        return coding == null || s.charAt(dash) == '-' && s.regionMatches(dash + 1, coding, 0, coding.length());
    }

    /**
     * Checks {@code If-Match} for an update: missing → 428, not the current tag → 412. Only strong
     * comparison counts, and {@code *} matches any existing representation. {@code sameRepresentation} are
     * other tags naming the very same stored state (a resource shown with a derived tag as well as its
     * version tag), accepted as well; the 412 names {@code current}. A tag as a content coding showed it
     * ({@link #coded}: the same state, compressed on the way) names the same state and is accepted.
     */
    public static void requireIfMatch(String ifMatch, EntityTag current, EntityTag... sameRepresentation) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "This resource can only be updated with an If-Match header carrying its current ETag");
        }
        List<String> accepted = Stream.concat(Stream.of(current), Stream.of(sameRepresentation))
                .flatMap(tag -> Stream.concat(Stream.of((String) null), CODINGS.stream())
                        .map(coding -> "\"" + coded(tag, coding).getValue() + "\"")).toList();
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || accepted.contains(tag)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The resource has changed since you read it (current ETag \"" + current.getValue() + "\"); read it again");
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(64);
        for (byte b : sha256(bytes)) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
