package fr.bts.commons.idempotency;

import java.time.Instant;

/**
 * Where the records of idempotency keys live: one per {@link IdempotencyScope}, holding the request's fingerprint
 * and either a lease (in progress: who runs it, until when) or the first answer. Every method is one atomic
 * conditional write of the store (a unique key plus a conditional update), so that two threads or two instances
 * claiming the same key never both run it. Implementations: {@code mongo.MongoIdempotencyStore},
 * {@code jdbc.JdbcIdempotencyStore}.
 */
public interface IdempotencyStore {

    /**
     * Claims the key for {@code owner} until {@code leaseUntil}, in one atomic step, when it is free: no record; a
     * record created before {@code expiredBefore} and not running under a live lease (its answer is no longer
     * replayed: the key runs as new, under {@code newRunId}); or an in-progress record of the same {@code fingerprint} whose lease ended before
     * {@code now} (its worker died: this owner takes it over and keeps its run id).
     *
     * @return {@link Claim.Claimed}, or {@link Claim.Taken} with the record that holds the key (null if it vanished
     * between the two reads: the caller claims again)
     */
    Claim claim(IdempotencyScope scope, String fingerprint, String owner, String newRunId, Instant now, Instant leaseUntil,
                Instant expiredBefore);

    /** Extends the lease of {@code owner}; false when the owner no longer holds it (taken over, completed). */
    boolean renew(IdempotencyScope scope, String owner, Instant leaseUntil);

    /**
     * Records the first answer, if {@code owner} still holds the lease; false otherwise (another worker took over,
     * the answer is not this one's to give). A store with transactions writes it in the caller's transaction, so the
     * answer commits with the work.
     */
    boolean complete(IdempotencyScope scope, String owner, Reply reply);

    /** Frees the key after a failed run of {@code owner} (a failure is not an answer: a retry runs again). */
    void release(IdempotencyScope scope, String owner);

    /**
     * Deletes up to {@code limit} records created before {@code createdBefore} that are not in progress under a live
     * lease. The condition is checked by the store at the delete itself, so running it on several instances at once
     * deletes each record once and never one a claim has just taken over.
     *
     * @return how many were deleted
     */
    long purge(Instant createdBefore, Instant now, int limit);

    /** What a claim found. */
    sealed interface Claim {
        /** The key is this caller's to run; {@code takeover} when it resumes a dead worker's run. */
        record Claimed(String runId, boolean takeover) implements Claim {
        }

        /** Another record holds the key. */
        record Taken(Record record) implements Claim {
        }
    }

    /** A stored record: the fingerprint and either the first answer or, while in progress, the lease end. */
    record Record(String fingerprint, Reply answer, Instant leaseUntil) {
        public boolean inProgress() {
            return answer == null;
        }
    }
}
