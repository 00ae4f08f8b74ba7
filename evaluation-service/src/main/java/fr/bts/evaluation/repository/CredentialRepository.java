package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.IssuedCredential;
import fr.bts.evaluation.model.SessionCandidate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issued credentials, their status-list positions and the sealed results they are derived from. */
@ApplicationScoped
public class CredentialRepository implements PanacheRepositoryBase<IssuedCredential, UUID> {

    /** A candidate's sealed result (the engine's JSON) at one revision. */
    public Optional<String> sealedResultJson(UUID sessionId, UUID candidateId, int revision) {
        return getEntityManager().createQuery("select r.result from DeliberationResult r where r.sessionId = :s "
                        + "and r.candidateId = :c and r.revision = :n", String.class)
                .setParameter("s", sessionId).setParameter("c", candidateId).setParameter("n", revision)
                .getResultStream().findFirst();
    }

    /** Serialises issuance for one candidate (transaction-scoped advisory lock), so one credential per achievement is in force. */
    public void lockCandidate(UUID candidateId) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "credential:" + candidateId).getSingleResult();
    }

    public List<IssuedCredential> inForce(UUID candidateId) {
        return list("candidateId = ?1 and revokedAt is null order by kind, achievement", candidateId);
    }

    /** Credentials in force of a session not yet compared with its latest revision. */
    public List<IssuedCredential> toCheck(UUID sessionId, int currentRevision) {
        return list("sessionId = ?1 and revokedAt is null and checkedRevision < ?2", sessionId, currentRevision);
    }

    /** Sessions of the académie with credentials in force not yet compared with their latest revision. */
    public List<UUID> sessionsToCheck(String academie) {
        return getEntityManager().createQuery("select distinct c.sessionId from IssuedCredential c, ExamSession s where s.id = c.sessionId "
                        + "and c.academie = :a and c.revokedAt is null and c.checkedRevision < s.currentRevision", UUID.class)
                .setParameter("a", academie).getResultList();
    }

    /** Revoked positions of one status list. */
    public List<Integer> revokedIndexes(String academie, int statusList) {
        return getEntityManager().createQuery("select c.statusIndex from IssuedCredential c where c.academie = :a "
                        + "and c.statusList = :l and c.revokedAt is not null", Integer.class)
                .setParameter("a", academie).setParameter("l", statusList).getResultList();
    }

    public Optional<IssuedCredential> byShortCode(String code) {
        return find("shortCode", code).firstResultOptional();
    }

    /** Takes the next free status-list position of the académie (atomic across instances). */
    public long nextStatusPosition(String academie) {
        Number next = (Number) getEntityManager().createNativeQuery("insert into credential_status_counter(academie, next_position) "
                        + "values (?1, 1) on conflict (academie) do update set next_position = credential_status_counter.next_position + 1 "
                        + "returning next_position - 1")
                .setParameter(1, academie).getSingleResult();
        return next.longValue();
    }

    public ExamSession session(UUID id) {
        return getEntityManager().find(ExamSession.class, id);
    }

    public SessionCandidate candidate(UUID id) {
        return getEntityManager().find(SessionCandidate.class, id);
    }

    /** One page of a session's candidates, in candidate-number order. */
    public List<SessionCandidate> candidates(UUID sessionId, int page, int size) {
        return getEntityManager().createQuery("from SessionCandidate c where c.sessionId = :s order by c.candidateNumber",
                        SessionCandidate.class).setParameter("s", sessionId).setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long candidateCount(UUID sessionId) {
        return getEntityManager().createQuery("select count(c) from SessionCandidate c where c.sessionId = :s", Long.class)
                .setParameter("s", sessionId).getSingleResult();
    }

    /** How many status-list positions the académie has handed out (0: it has issued nothing). */
    public long positionsTaken(String academie) {
        return ((Number) getEntityManager().createNativeQuery("select coalesce(max(next_position), 0) from credential_status_counter "
                + "where academie = ?1").setParameter(1, academie).getSingleResult()).longValue();
    }
}
