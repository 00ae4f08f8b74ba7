package fr.bts.commons.idempotency;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;

/**
 * 409 {@code urn:bts:problem:idempotency-key-in-progress} with {@code Retry-After}: the first request with this key
 * is still running (or this attempt lost its lease to another one); retrying after the delay gets its answer.
 * Written by {@link IdempotencyProblems}.
 */
public class IdempotencyInProgress extends ProblemException {

    public static final ProblemType TYPE = ProblemType.custom("idempotency-key-in-progress",
            "A request with this Idempotency-Key is in progress", 409);

    private final long retryAfterSeconds;

    public IdempotencyInProgress(String detail, long retryAfterSeconds) {
        super(Problem.of(TYPE, detail).with("retryAfter", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
