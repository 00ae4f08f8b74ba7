package fr.bts.commons.idempotency;

import fr.bts.commons.problem.ProblemException;

import java.util.Optional;

/**
 * The one syntax rule of an {@code Idempotency-Key} header in the suite: 1 to {@value #MAX_LENGTH} visible ASCII
 * characters ({@code %x21-7E}: no space, no control character), compared exactly. A UUID, a ULID or any client
 * counter fits. A malformed key is a 400 and nothing runs; a missing one is a 400 only where the operation
 * requires a key (grade batches), elsewhere the request simply runs without idempotency.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** The key of the header, checked; empty when absent and not {@code required}. */
    public static Optional<String> parse(String header, boolean required) {
        if (header == null || header.isEmpty()) {
            if (required) {
                throw ProblemException.invalid(HEADER, "this operation needs an " + HEADER + " header (1 to "
                        + MAX_LENGTH + " visible ASCII characters)").withStatus400();
            }
            return Optional.empty();
        }
        if (header.length() > MAX_LENGTH) {
            throw ProblemException.invalid(HEADER, "must be at most " + MAX_LENGTH + " characters").withStatus400();
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw ProblemException.invalid(HEADER, "must be visible ASCII characters only (no space)").withStatus400();
            }
        }
        return Optional.of(header);
    }
}
