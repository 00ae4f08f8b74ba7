package fr.bts.commons.problem;

import java.net.URI;

/**
 * The stable problem types of the suite. A client may branch on {@link #uri()}; the title never changes for
 * a given type. Services add their own domain types through {@link #custom(String, String, int)}.
 */
public record ProblemType(URI uri, String title, int status) {

    private static final String BASE = "urn:bts:problem:";

    public static final ProblemType BAD_REQUEST = standard("bad-request", "Bad request", 400);
    public static final ProblemType MALFORMED_BODY = standard("malformed-body", "Malformed request body", 400);
    /** A text value, key or parameter with a control character (issue 11); the violation names the field. */
    public static final ProblemType INVALID_CHARACTER = standard("invalid-character", "Refused character in text", 400);
    /** A number no field of the suite accepts (1e40, 1e309, NaN); the violation names the field. */
    public static final ProblemType NUMBER_OUT_OF_RANGE = standard("number-out-of-range", "Number out of range", 400);
    public static final ProblemType VALIDATION = standard("validation", "Validation failed", 422);
    public static final ProblemType UNAUTHORIZED = standard("unauthorized", "Authentication required", 401);
    public static final ProblemType FORBIDDEN = standard("forbidden", "Forbidden", 403);
    public static final ProblemType NOT_FOUND = standard("not-found", "Not found", 404);
    public static final ProblemType METHOD_NOT_ALLOWED = standard("method-not-allowed", "Method not allowed", 405);
    public static final ProblemType NOT_ACCEPTABLE = standard("not-acceptable", "Not acceptable", 406);
    public static final ProblemType CONFLICT = standard("conflict", "Conflict", 409);
    /** A concurrent request changed the same data first (optimistic lock, lock conflict): read again, retry. */
    public static final ProblemType CONCURRENT_UPDATE = standard("concurrent-update", "Concurrent update", 409);
    /** A unique key is already taken (constraint or unique index named in the detail). */
    public static final ProblemType DUPLICATE = standard("duplicate", "Already exists", 409);
    public static final ProblemType PRECONDITION_FAILED = standard("precondition-failed", "Precondition failed", 412);
    public static final ProblemType PRECONDITION_REQUIRED = standard("precondition-required", "Precondition required", 428);
    public static final ProblemType PAYLOAD_TOO_LARGE = standard("payload-too-large", "Payload too large", 413);
    public static final ProblemType URI_TOO_LONG = standard("uri-too-long", "Request URI too long", 414);
    public static final ProblemType HEADERS_TOO_LARGE = standard("headers-too-large", "Request headers too large", 431);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = standard("unsupported-media-type", "Unsupported media type", 415);
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = standard("idempotency-key-reused",
            "Idempotency key reused with another request", 422);
    public static final ProblemType TOO_MANY_REQUESTS = standard("too-many-requests", "Too many requests", 429);
    public static final ProblemType INTERNAL = standard("internal", "Internal error", 500);
    public static final ProblemType BAD_GATEWAY = standard("bad-gateway", "Upstream service unavailable", 502);
    public static final ProblemType SERVICE_UNAVAILABLE = standard("service-unavailable", "Service unavailable", 503);
    public static final ProblemType GATEWAY_TIMEOUT = standard("gateway-timeout", "Upstream service timed out", 504);

    private static ProblemType standard(String slug, String title, int status) {
        return new ProblemType(URI.create(BASE + slug), title, status);
    }

    /** A domain problem type of a service, e.g. {@code custom("version-published", "Version is published", 409)}. */
    public static ProblemType custom(String slug, String title, int status) {
        return standard(slug, title, status);
    }

    /** The generic type for an HTTP status that has no more specific one. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 431 -> HEADERS_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> TOO_MANY_REQUESTS;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL : new ProblemType(URI.create(BASE + "http-" + status), "HTTP " + status, status);
        };
    }
}
