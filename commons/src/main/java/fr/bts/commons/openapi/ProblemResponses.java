package fr.bts.commons.openapi;

/**
 * Names of the shared error answers that {@link ContractFilter} puts in {@code components/responses} of every
 * service's document: an operation names the statuses it really answers with
 * {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}; each is
 * {@code application/problem+json} with the {@code Problem} schema.
 */
public final class ProblemResponses {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String NOT_ACCEPTABLE = "NotAcceptable";
    public static final String CONFLICT = "Conflict";
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    public static final String CONTENT_TOO_LARGE = "ContentTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String UNPROCESSABLE = "UnprocessableContent";
    public static final String PRECONDITION_REQUIRED = "PreconditionRequired";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String BAD_GATEWAY = "BadGateway";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private ProblemResponses() {
    }
}
