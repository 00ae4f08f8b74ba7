package fr.bts.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem answer: our own
 * {@link ProblemException}, bean-validation failures (every violation listed), malformed JSON, security
 * failures (401 with a Bearer challenge, 403) and the standard JAX-RS errors (404, 405, 406, 415…).
 * Store and downstream outages (503 with {@code Retry-After}) and conflicts (409) are named by
 * {@link StoreProblemMappers}. Anything else is a 500 whose detail carries an error id that is logged with the
 * stack trace; the stack trace itself never leaves the service.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    StoreProblemMappers stores;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return stores.withRetryAfter(respond(e.problem(), uri));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage(), safeValue(v.getInvalidValue())))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.size() == 1
                ? "1 field is invalid"
                : violations.size() + " fields are invalid";
        return respond(Problem.of(ProblemType.VALIDATION, detail, violations), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return respond(Problem.of(ProblemType.VALIDATION, "Unknown field '" + e.getPropertyName() + "'",
                List.of(new Problem.Violation(field, "unknown field"))), uri);
    }

    @ServerExceptionMapper(priority = 2)
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String field = jsonPath(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return respond(Problem.of(ProblemType.VALIDATION, "Field '" + field + "' has the wrong type",
                List.of(new Problem.Violation(field, "expected " + expected, safeValue(e.getValue())))), uri);
    }

    @ServerExceptionMapper(priority = 3)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        Problem strict = InputProblemMappers.problemOf(e);
        if (strict != null) {
            return respond(strict, uri);
        }
        String field = jsonPath(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        if (field.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED_BODY, "The body is not the JSON document expected ("
                    + expected + ")"), uri);
        }
        return respond(Problem.of(ProblemType.VALIDATION, "Field '" + field + "' has the wrong type",
                List.of(new Problem.Violation(field, "expected " + expected))), uri);
    }

    @ServerExceptionMapper(priority = 4)
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        Problem strict = InputProblemMappers.problemOf(e);
        if (strict != null) {
            return respond(strict, uri);
        }
        String location = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return respond(Problem.of(ProblemType.MALFORMED_BODY, "The body is not valid JSON" + location), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, "A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "The bearer token is missing, invalid or expired");
    }

    /** Keycloak cannot be reached to fetch its keys: the caller may retry, the service is not broken. */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(OIDCException e, UriInfo uri) {
        LOG.warnf("Identity provider unavailable on %s: %s", uri.getPath(), e.getMessage());
        return Response.fromResponse(respond(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                        "The identity provider cannot be reached to check the token; try again shortly"), uri))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original.getStatus();
        JsonProcessingException json = status == 400 ? jsonCause(e) : null;
        if (json != null) {
            return fromJson(json, uri);
        }
        if (status >= 500) {
            return stores.answer(e, uri).orElseGet(() -> internal(e, uri));
        }
        if (status == 401) {
            return unauthenticated(uri, "A valid bearer token is required");
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath()
                    + allowed(original);
            case 406 -> "None of the media types in Accept can be produced here";
            case 415 -> "This media type is not accepted here";
            default -> e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(type, detail).withInstance(InputProblemMappers.instance(uri)));
        if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    /** Quarkus REST sometimes wraps a body that is not JSON, or not the JSON expected, in a plain 400. */
    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private Response fromJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unrecognizedProperty(unknown, uri);
        }
        if (e instanceof InvalidFormatException format) {
            return invalidFormat(format, uri);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch, uri);
        }
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return stores.answer(e, uri).orElseGet(() -> internal(e, uri));
    }

    private static Response internal(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return respond(Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; quote error id " + errorId)
                .with("errorId", errorId), uri);
    }

    private static Response unauthenticated(UriInfo uri, String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(ProblemType.UNAUTHORIZED, detail).withInstance(InputProblemMappers.instance(uri)))
                .build();
    }

    /** Writes {@code problem} with its status, its media type and the request path as {@code instance}. */
    public static Response respond(Problem problem, UriInfo uri) {
        Problem withInstance = problem.instance() == null && uri != null
                ? problem.withInstance(InputProblemMappers.instance(uri))
                : problem;
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance).build();
    }

    private static String allowed(Response original) {
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? "" : " (allowed: " + allow + ")";
    }

    /** {@code create.request.title} → {@code title}; {@code list.size} → {@code size}. */
    public static String fieldOf(ConstraintViolation<?> violation) {
        List<String> nodes = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            String name = node.getName();
            if (node.getIndex() != null && !nodes.isEmpty()) {
                nodes.set(nodes.size() - 1, nodes.get(nodes.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                nodes.add(name);
            }
        }
        if (nodes.size() <= 1) {
            return String.join(".", nodes);
        }
        List<String> withoutMethod = nodes.subList(1, nodes.size());
        return withoutMethod.size() == 1 ? withoutMethod.get(0)
                : String.join(".", withoutMethod.subList(1, withoutMethod.size()));
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object c : constants) {
                names.add(((Enum<?>) c).name());
            }
            return "one of " + names;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The rejected value a violation shows: numbers, booleans and texts (cut at 200 characters), nothing else. */
    public static Object safeValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 200 ? s.subSequence(0, 200) + "…" : s.toString();
        }
        return null;
    }
}
