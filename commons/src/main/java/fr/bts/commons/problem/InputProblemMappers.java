package fr.bts.commons.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import fr.bts.commons.json.NumberOutOfRangeException;
import fr.bts.commons.text.TextRefusedException;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The problems for bodies refused by the strict JSON rules of {@code fr.bts.commons.json.StrictJson} (issue 11),
 * each a 400 that names the field when there is one: a refused character in a text, a number out of range, a
 * duplicate key, content after the document, a document nested too deep or with a too long string or number.
 * {@link ProblemMappers} asks {@link #problemOf(JsonProcessingException)} before its generic JSON answers.
 */
public final class InputProblemMappers {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '([^']*)'");

    private InputProblemMappers() {
    }

    /** The problem for {@code e} when it is one of the strict-reading failures, null otherwise. */
    public static Problem problemOf(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            return null;
        }
        Throwable cause = rootJson(e);
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (cause instanceof TextRefusedException refused) {
            String where = field.isEmpty() ? path(refused) : field;
            return Problem.of(ProblemType.INVALID_CHARACTER, where.isEmpty()
                            ? "A text value has a refused character (" + refused.reason() + ")"
                            : "Field '" + where + "' has a refused character (" + refused.reason() + ")",
                    List.of(new Problem.Violation(where, "control characters other than tab and newline are refused ("
                            + refused.reason() + ")")));
        }
        if (cause instanceof NumberOutOfRangeException || cause instanceof InputCoercionException) {
            String where = field.isEmpty() && cause instanceof JsonMappingException m ? path(m) : field;
            String message = cause instanceof NumberOutOfRangeException n ? n.getOriginalMessage()
                    : "number out of range for this field";
            return Problem.of(ProblemType.NUMBER_OUT_OF_RANGE, where.isEmpty()
                            ? "A number is out of range" : "Field '" + where + "' is out of range",
                    List.of(new Problem.Violation(where, message)));
        }
        if (cause instanceof StreamConstraintsException limit) {
            return Problem.of(ProblemType.MALFORMED_BODY, "The body exceeds a JSON limit: " + limit.getOriginalMessage()
                    .replaceAll(" \\(.*", ""));
        }
        if (cause instanceof JsonParseException parse) {
            Matcher duplicate = DUPLICATE.matcher(parse.getOriginalMessage());
            if (duplicate.find()) {
                String where = pointerOf(parse, duplicate.group(1));
                return Problem.of(ProblemType.MALFORMED_BODY, "The key '" + duplicate.group(1) + "' appears twice in an object",
                        List.of(new Problem.Violation(where, "duplicate key")));
            }
            return null;
        }
        if (cause instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage() != null
                && mismatch.getOriginalMessage().startsWith("Trailing token")) {
            return Problem.of(ProblemType.MALFORMED_BODY, "The body has content after its JSON document");
        }
        return null;
    }

    /**
     * The request path as a problem {@code instance}: the raw path when it is a valid URI reference, "/" otherwise;
     * never an exception (a decoded {@code %22} or {@code %zz} used to make the problem writer itself fail).
     */
    public static URI instance(UriInfo uri) {
        if (uri == null) {
            return URI.create("/");
        }
        try {
            String raw = uri.getRequestUri().getRawPath();
            return URI.create(raw == null || raw.isEmpty() ? "/" : raw);
        } catch (RuntimeException e) {
            return URI.create("/");
        }
    }

    /** The first of {@code e} and its causes that a strict rule raised (Jackson wraps them with the field path). */
    private static Throwable rootJson(JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TextRefusedException || c instanceof NumberOutOfRangeException
                    || c instanceof InputCoercionException || c instanceof StreamConstraintsException
                    || c instanceof JsonParseException) {
                return c;
            }
        }
        return e;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Where the repeated key is: the dotted path of its object, then the key. */
    private static String pointerOf(JsonParseException e, String key) {
        JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            String dotted = pointer.replaceFirst("^/", "").replace('/', '.');
            if (!dotted.isEmpty() && !dotted.endsWith(key)) {
                dotted = dotted.replaceFirst("[^.]*$", key);
            }
            return dotted.isEmpty() ? key : dotted;
        }
        return key;
    }
}
