package fr.bts.commons.idempotency;

import java.util.Objects;

/**
 * Whose key it is: the same key sent by another caller, or by the same caller of another académie, is another key.
 * The académie and the subject come from the validated token only ({@link fr.bts.commons.security.Caller}); the
 * académie is empty for a caller without one (national administrators).
 */
public record IdempotencyScope(String academie, String subject, String key) {

    public IdempotencyScope {
        Objects.requireNonNull(academie, "academie");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "key");
    }

    /**
     * One string naming the scope, for stores keyed by a single value: {@code academie/subject/key}, with
     * {@code %} and {@code /} percent-encoded in the académie and the subject so that two scopes never share it.
     */
    public String id() {
        return escape(academie) + "/" + escape(subject) + "/" + key;
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace("/", "%2F");
    }
}
