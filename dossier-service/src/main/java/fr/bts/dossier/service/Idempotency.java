package fr.bts.dossier.service;

import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.model.IdempotencyRecord;
import fr.bts.dossier.repository.IdempotencyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the POSTs that create or submit (ARCHITECTURE.md): the first answer given to a key
 * of an académie and operation is stored; the same key with the same request replays it, with another request it
 * is a 422. A failed first request frees the key. Without a key the work simply runs.
 */
@ApplicationScoped
public class Idempotency {

    @Inject
    IdempotencyRepository records;

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
        Optional<IdempotencyRecord> earlier = records.claim(id, hash);
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
}
