package fr.bts.commons.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error answer of the suite
 * ({@code application/problem+json}). {@code type} is stable and documented; {@code title} is the same for
 * every occurrence of a type; {@code detail} speaks of this occurrence; {@code violations} lists each field
 * in error for validation problems. Extension members go in {@link #extensions()}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "violations"})
public record Problem(URI type, String title, int status, String detail, URI instance,
                      List<Violation> violations, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of(), Map.of());
    }

    public static Problem of(ProblemType type, String detail, List<Violation> violations) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, violations, Map.of());
    }

    public Problem withStatus(int newStatus) {
        return new Problem(type, title, newStatus, detail, instance, violations, extensions);
    }

    public Problem withInstance(URI newInstance) {
        return new Problem(type, title, status, detail, newInstance, violations, extensions);
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, violations, more);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** Not serialised as a member of its own: its entries are flattened by {@link #extensionMembers()}. */
    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** One field in error: where it is (a JSON pointer-like path or a parameter name) and what is wrong. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, String message, Object rejectedValue) {
        public Violation(String field, String message) {
            this(field, message, null);
        }
    }
}
