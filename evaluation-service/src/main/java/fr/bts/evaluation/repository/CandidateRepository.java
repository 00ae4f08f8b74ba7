package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.SessionCandidate;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The candidates of a session (the registration snapshot). */
@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<SessionCandidate, UUID> {

    /** A candidate's number and row id. */
    public record CandidateRef(UUID id, String candidateNumber) {
    }

    public Optional<SessionCandidate> findByNumber(UUID sessionId, String candidateNumber) {
        return find("sessionId = ?1 and candidateNumber = ?2", sessionId, candidateNumber).firstResultOptional();
    }

    public List<SessionCandidate> byNumbers(UUID sessionId, Collection<String> candidateNumbers) {
        return candidateNumbers.isEmpty() ? List.of()
                : list("sessionId = ?1 and candidateNumber in ?2", sessionId, candidateNumbers);
    }

    /** Every candidate of the session, by candidate number. */
    public PanacheQuery<SessionCandidate> ofSession(UUID sessionId) {
        return find("sessionId = :session order by candidateNumber", Parameters.with("session", sessionId));
    }

    /** The candidates of the session assigned to a commission on which {@code account} sits, by candidate number. */
    public PanacheQuery<SessionCandidate> inCommissionsOf(UUID sessionId, String account) {
        return find("sessionId = :session and id in (select k from Commission c join c.members m join c.candidates k "
                        + "where c.sessionId = :session and m = :account) order by candidateNumber",
                Parameters.with("session", sessionId).and("account", account));
    }

    public List<CandidateRef> refs(UUID sessionId) {
        return getEntityManager().createQuery("select c.id, c.candidateNumber from SessionCandidate c where c.sessionId = :s",
                CandidateRef.class).setParameter("s", sessionId).getResultList();
    }
}
