package fr.bts.evaluation.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.config.EvaluationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code Idempotency-Key} for submissions (ARCHITECTURE.md): same key and same request replay the first
 * answer; same key and another request is a 422. The key is claimed by an insert in the submitting transaction,
 * so a concurrent retry waits on the primary key until the first attempt commits (then replays it) or rolls
 * back (then runs itself). A failed attempt stores nothing, so retrying it runs again.
 * <p>
 * A first answer is kept for {@code evaluation.idempotency.retention}: after that the key is free again, the claim
 * takes the old row over and the request runs as a new one, and the periodic purge deletes such rows.
 */
@ApplicationScoped
public class IdempotencyService {

    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);

    @Inject
    EntityManager em;

    @Inject
    EvaluationConfig config;

    public record Replay(int status, String body) {
    }

    /** Claims {@code key} for {@code caller}, or returns the answer already given to the same request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Replay> claim(String caller, String key, String requestHash) {
        Instant now = Instant.now();
        // An expired row is taken over in the same statement; a live one is left alone but locked (ON CONFLICT DO
        // UPDATE locks the conflicting row even when its WHERE is false), so the purge cannot delete it under us.
        int claimed = em.createNativeQuery("insert into idempotency_record (caller, idem_key, request_hash, created_at) "
                        + "values (?1, ?2, ?3, ?4) on conflict (caller, idem_key) do update "
                        + "set request_hash = excluded.request_hash, status = null, body = null, created_at = excluded.created_at "
                        + "where idempotency_record.created_at < ?5")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, requestHash).setParameter(4, now)
                .setParameter(5, now.minus(config.idempotency().retention()))
                .executeUpdate();
        if (claimed == 1) {
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

    @Scheduled(every = "${evaluation.idempotency.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        purgeOlderThan(Instant.now().minus(config.idempotency().retention()));
    }

    /**
     * Deletes the records created before {@code cutoff}, {@code evaluation.idempotency.purge-batch} rows per
     * transaction so that a large backlog never holds long locks; rows locked by a running claim are skipped (the
     * claim takes them over, or the next purge gets them). Several instances may purge at once.
     *
     * @return how many records were deleted
     */
    public long purgeOlderThan(Instant cutoff) {
        int batch = config.idempotency().purgeBatch();
        long deleted = 0;
        int last;
        do {
            last = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("delete from idempotency_record "
                            + "where (caller, idem_key) in (select caller, idem_key from idempotency_record "
                            + "where created_at < ?1 limit ?2 for update skip locked)")
                    .setParameter(1, cutoff).setParameter(2, batch).executeUpdate());
            deleted += last;
        } while (last == batch);
        if (deleted > 0) {
            LOG.infof("Purged %d idempotency records created before %s", deleted, cutoff);
        }
        return deleted;
    }
}
