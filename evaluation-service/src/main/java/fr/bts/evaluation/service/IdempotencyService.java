package fr.bts.evaluation.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code Idempotency-Key} for submissions (ARCHITECTURE.md): same key and same request replay the first
 * answer; same key and another request is a 422. The key is claimed by an insert in the submitting transaction,
 * so a concurrent retry waits on the primary key until the first attempt commits (then replays it) or rolls
 * back (then runs itself). A failed attempt stores nothing, so retrying it runs again.
 */
@ApplicationScoped
public class IdempotencyService {

    @Inject
    EntityManager em;

    public record Replay(int status, String body) {
    }

    /** Claims {@code key} for {@code caller}, or returns the answer already given to the same request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Replay> claim(String caller, String key, String requestHash) {
        int inserted = em.createNativeQuery("insert into idempotency_record (caller, idem_key, request_hash, created_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash).setParameter(4, Instant.now())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select request_hash, status, body from idempotency_record where caller = ?1 and idem_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + key + " was used for another request; use a new key for new content");
        }
        return Optional.of(new Replay(((Number) row[1]).intValue(), (String) row[2]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String caller, String key, int status, String body) {
        em.createNativeQuery("update idempotency_record set status = ?1, body = ?2 where caller = ?3 and idem_key = ?4")
                .setParameter(1, status).setParameter(2, body).setParameter(3, caller).setParameter(4, key).executeUpdate();
    }
}
