package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.ExamSession;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

/** Exam sessions, always read within one académie, and the session locks that order grade writes and the seal. */
@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<ExamSession, UUID> {

    private static final String NEWEST_FIRST = " order by year desc, certification";

    /** The session if it belongs to {@code academie}; another académie's session does not exist for the caller. */
    public Optional<ExamSession> findInAcademie(UUID id, String academie) {
        return find("id = ?1 and academie = ?2", id, academie).firstResultOptional();
    }

    public boolean exists(String academie, String certification, int year) {
        return count("academie = ?1 and certification = ?2 and year = ?3", academie, certification, year) > 0;
    }

    /** Every session of the académie, newest first. */
    public PanacheQuery<ExamSession> ofAcademie(String academie) {
        return find("academie = ?1" + NEWEST_FIRST, academie);
    }

    /** The sessions of the académie that satisfy {@code condition} (a JPQL condition on the session naming {@code :account}). */
    public PanacheQuery<ExamSession> ofAcademieWhere(String academie, String condition, String account) {
        return find("academie = :academie and " + condition + NEWEST_FIRST,
                Parameters.with("academie", academie).and("account", account));
    }

    /**
     * Whether the session satisfies {@code condition} for {@code account}: its id, if any, in a query of a constant text
     * (its interpretation is cached; a count query was interpreted again on every request).
     */
    public boolean matches(UUID session, String condition, String account) {
        return !getEntityManager().createQuery("select id from ExamSession where id = :session and " + condition, UUID.class)
                .setParameter("session", session).setParameter("account", account).setMaxResults(1).getResultList().isEmpty();
    }

    /** A transaction-scoped shared advisory lock on the session, then the row read again (no version check). */
    public void lockShared(ExamSession session) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(hashtextextended(?1, 0))")
                .setParameter(1, session.id.toString()).getSingleResult();
        getEntityManager().refresh(session);
    }

    /** A transaction-scoped exclusive advisory lock on the session, then the row read again locked for update. */
    public void lockExclusive(ExamSession session) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, session.id.toString()).getSingleResult();
        getEntityManager().refresh(session, LockModeType.PESSIMISTIC_WRITE);
    }
}
