package fr.bts.commons.idempotency;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer as the idempotency mechanism keeps it: status, the headers that carry meaning ({@code Content-Type},
 * {@code Location}, {@code ETag}…) and the body text. A replay answers exactly these, so the bytes a client receives
 * the second time are those of the first answer. {@code Location} is kept as the service wrote it (a path is resolved
 * against the request's base URI when answered, as any JAX-RS location).
 *
 * @param replayed true when this answer comes from the store rather than from running the work now (not stored)
 */
public record Reply(int status, Map<String, String> headers, String body, boolean replayed) {

    public static final String JSON = "application/json";

    public Reply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getValue().indexOf('\n') >= 0 || h.getValue().indexOf('\r') >= 0 || h.getKey().indexOf(':') >= 0) {
                throw new IllegalArgumentException("Header " + h.getKey() + " cannot be kept: it spans several lines");
            }
        }
    }

    /** A JSON answer. */
    public static Reply json(int status, String body) {
        return new Reply(status, Map.of(HttpHeaders.CONTENT_TYPE, JSON), body, false);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, more, body, replayed);
    }

    /** With the {@code ETag} of what the body shows. */
    public Reply withETag(EntityTag tag) {
        return withHeader(HttpHeaders.ETAG, (tag.isWeak() ? "W/" : "") + "\"" + tag.getValue() + "\"");
    }

    /** With a {@code Location}: an absolute URI, or a path resolved against the request's base URI when answered. */
    public Reply withLocation(String location) {
        return withHeader(HttpHeaders.LOCATION, location);
    }

    /** The same answer, marked as given again from the store. */
    public Reply asReplay() {
        return new Reply(status, headers, body, true);
    }

    /** The JAX-RS answer: status, the kept headers and the body, the same for the first answer and every replay. */
    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status).entity(body);
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                builder.type(value);
            } else if (name.equalsIgnoreCase(HttpHeaders.LOCATION)) {
                builder.location(URI.create(value));
            } else {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    /** The headers as {@code Name: value} lines, the form the stores keep. */
    public String headerLines() {
        StringBuilder out = new StringBuilder();
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
        return out.toString();
    }

    /** A stored answer read back from its status, {@link #headerLines()} and body. */
    public static Reply stored(int status, String headerLines, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (headerLines != null) {
            for (String line : headerLines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return new Reply(status, headers, body, true);
    }
}
