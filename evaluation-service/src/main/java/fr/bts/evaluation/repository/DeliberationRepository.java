package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.DeliberationResult;
import fr.bts.evaluation.model.DeliberationRevision;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

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

    public void store(DeliberationResult result) {
        getEntityManager().persist(result);
    }
}
