package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.DeliberationResult;
import fr.bts.evaluation.model.DeliberationRevision;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sealed deliberations: the revisions and, per revision, each candidate's stored result (the engine's JSON). */
@ApplicationScoped
public class DeliberationRepository implements PanacheRepositoryBase<DeliberationRevision, UUID> {

    /** How many candidates of a revision got one decision. */
    public record DecisionCount(String decision, long count) {
    }

    /** A candidate's stored result in a revision, with the names it is listed under. */
    public record SealedRow(String candidateNumber, String lastName, String firstName, String result) {
    }

    private static final String INSERT_RESULT = "insert into deliberation_result (id, session_id, revision, candidate_id, decision, "
            + "moyenne, result) values (?, ?, ?, ?, ?, ?, ?::jsonb)";

    public Optional<DeliberationRevision> revision(UUID sessionId, int number) {
        return find("sessionId = ?1 and revision = ?2", sessionId, number).firstResultOptional();
    }

    public List<DecisionCount> decisions(UUID sessionId, int revision) {
        return getEntityManager().createQuery("select r.decision, count(r) from DeliberationResult r "
                        + "where r.sessionId = :s and r.revision = :n group by r.decision", DecisionCount.class)
                .setParameter("s", sessionId).setParameter("n", revision).getResultList();
    }

    /** The stored results of a revision, in candidate-number order. */
    public List<SealedRow> results(UUID sessionId, int revision) {
        return getEntityManager().createQuery("select c.candidateNumber, c.lastName, c.firstName, r.result "
                        + "from DeliberationResult r, SessionCandidate c where c.id = r.candidateId and r.sessionId = :s "
                        + "and r.revision = :n order by c.candidateNumber", SealedRow.class)
                .setParameter("s", sessionId).setParameter("n", revision).getResultList();
    }

    /** One candidate's stored result (JSON) in a revision. */
    public Optional<String> result(UUID sessionId, int revision, UUID candidateId) {
        return getEntityManager().createQuery("select r.result from DeliberationResult r "
                        + "where r.sessionId = :s and r.revision = :n and r.candidateId = :c", String.class)
                .setParameter("s", sessionId).setParameter("n", revision).setParameter("c", candidateId)
                .getResultStream().findFirst();
    }

    /**
     * Inserts a revision's results as one JDBC batch in the current transaction (the driver rewrites it as multi-row
     * inserts, reWriteBatchedInserts): no entity to manage or dirty-check per candidate, the JSON handed to PostgreSQL as it was written.
     */
    public void store(List<DeliberationResult> results) {
        if (results.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_RESULT)) {
                for (DeliberationResult r : results) {
                    insert.setObject(1, r.id);
                    insert.setObject(2, r.sessionId);
                    insert.setInt(3, r.revision);
                    insert.setObject(4, r.candidateId);
                    insert.setString(5, r.decision);
                    insert.setBigDecimal(6, r.moyenne);
                    insert.setString(7, r.result);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
