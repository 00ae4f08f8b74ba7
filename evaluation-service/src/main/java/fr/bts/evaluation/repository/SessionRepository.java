package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.ExamSession;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

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

    /**
     * The session under a transaction-scoped shared advisory lock, if it belongs to {@code academie} and satisfies
     * {@code condition} for {@code account} (null: no condition), in two statements: the lock on the id, then one read
     * with the visibility condition, which therefore sees the row as the last holder of the exclusive lock left it. To
     * be the transaction's first read of the session (a session already in the persistence context is not read again).
     */
    public Optional<ExamSession> lockedSharedInAcademie(UUID id, String academie, String condition, String account) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(hashtextextended(?1, 0))")
                .setParameter(1, id.toString()).getSingleResult();
        TypedQuery<ExamSession> query = getEntityManager().createQuery("from ExamSession where id = :session and academie = :academie"
                + (condition == null ? "" : " and " + condition), ExamSession.class)
                .setParameter("session", id).setParameter("academie", academie);
        if (condition != null) {
            query.setParameter("account", account);
        }
        return query.getResultStream().findFirst();
    }

    /** A transaction-scoped exclusive advisory lock on the session, then the row read again locked for update. */
    public void lockExclusive(ExamSession session) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, session.id.toString()).getSingleResult();
        getEntityManager().refresh(session, LockModeType.PESSIMISTIC_WRITE);
    }
}
