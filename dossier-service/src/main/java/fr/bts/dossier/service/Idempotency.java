package fr.bts.dossier.service;

import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.model.IdempotencyRecord;
import fr.bts.dossier.repository.IdempotencyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the POSTs that create or submit (ARCHITECTURE.md): the first answer given to a key
 * of an académie and operation is stored; the same key with the same request replays it, with another request it
 * is a 422. A failed first request frees the key. Without a key the work simply runs.
 * <p>
 * A first answer is kept for {@code dossier.idempotency.retention}: after that the key is free again (the
 * request runs as a new one) and the periodic purge deletes the record.
 */
@ApplicationScoped
public class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    @Inject
    IdempotencyRepository records;

    @Inject
    DossierConfig config;

    @Inject
    Caller caller;

    /** An answer as stored: status, JSON body, the resource it is about and its ETag (both may be null). */
    public record Answer(int status, String body, String resourceId, String etag) {
    }

    public Answer run(String operation, String key, String request, Supplier<Answer> work) {
        return run(operation, key, request.getBytes(StandardCharsets.UTF_8), work);
    }

    public Answer run(String operation, String key, byte[] request, Supplier<Answer> work) {
        if (key == null || key.isBlank()) {
            return work.get();
        }
        if (key.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "must be at most 200 characters").withStatus400();
        }
        String id = caller.requireAcademie() + "/" + operation + "/" + key;
        String hash = ETags.sha256Hex(request);
        Optional<IdempotencyRecord> earlier = records.claim(id, hash, Instant.now().minus(config.idempotency().retention()));
        if (earlier.isPresent()) {
            IdempotencyRecord record = earlier.get();
            if (!record.requestHash.equals(hash)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key '" + key + "' was used for another request");
            }
            if (record.status == 0) {
                throw ProblemException.conflict("The request with Idempotency-Key '" + key + "' is still running");
            }
            return new Answer(record.status, record.body, record.resourceId, record.etag);
        }
        try {
            Answer answer = work.get();
            records.complete(id, answer.status(), answer.body(), answer.resourceId(), answer.etag());
            return answer;
        } catch (RuntimeException e) {
            records.release(id);
            throw e;
        }
    }

    @Scheduled(every = "${dossier.idempotency.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        purgeOlderThan(Instant.now().minus(config.idempotency().retention()));
    }

    /**
     * Deletes the records created before {@code cutoff} (and undated ones), {@code dossier.idempotency.purge-batch}
     * at a time so that a large backlog is never one huge delete.
     *
     * @return how many records were deleted
     */
    public long purgeOlderThan(Instant cutoff) {
        int batch = config.idempotency().purgeBatch();
        long deleted = 0;
        long last;
        do {
            last = records.deleteExpired(cutoff, batch);
            deleted += last;
        } while (last == batch);
        if (deleted > 0) {
            LOG.infof("Purged %d idempotency records created before %s", deleted, cutoff);
        }
        return deleted;
    }
}
