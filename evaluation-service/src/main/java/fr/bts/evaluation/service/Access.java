package fr.bts.evaluation.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.JuryMember;
import fr.bts.evaluation.model.SessionCandidate;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.UUID;

/**
 * Object-level authorization of the service: a session exists for a caller only in the caller's académie
 * (another académie's session is a 404), the president is the account named president of the session's jury,
 * a candidate sees only the candidate whose {@code account} is their username.
 */
@RequestScoped
public class Access {

    @Inject
    Caller caller;

    public String username() {
        return caller.username();
    }

    public String academie() {
        return caller.requireAcademie();
    }

    public boolean hasRole(String role) {
        return caller.hasRole(role);
    }

    public ExamSession session(UUID id) {
        return ExamSession.findInAcademie(id, academie()).orElseThrow(() -> ProblemException.notFound("No session " + id));
    }

    /**
     * The session, locked for share: grade writes run concurrently with each other but never with the seal. The lock
     * is a transaction-scoped advisory lock on the session, whose queue is fair (a grade write that comes after a
     * waiting seal waits behind it, so a stream of writes cannot starve the seal), and it holds across instances.
     * The row is then read again (refresh, not a version-checked lock), so a writer that waited for the seal sees the
     * session sealed instead of failing on its version.
     */
    public ExamSession sessionForGrading(UUID id) {
        ExamSession session = session(id);
        ExamSession.getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(hashtextextended(?1, 0))")
                .setParameter(1, session.id.toString()).getSingleResult();
        ExamSession.getEntityManager().refresh(session);
        return session;
    }

    /** The session, locked exclusively against grade writes and other updates, and read again under the locks. */
    public ExamSession sessionForUpdate(UUID id) {
        ExamSession session = session(id);
        ExamSession.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, session.id.toString()).getSingleResult();
        ExamSession.getEntityManager().refresh(session, LockModeType.PESSIMISTIC_WRITE);
        return session;
    }

    public boolean isPresidentOf(ExamSession session) {
        return caller.hasRole(Roles.JURY_PRESIDENT)
                && JuryMember.count("sessionId = ?1 and account = ?2 and president = true", session.id, caller.username()) > 0;
    }

    public void requirePresident(ExamSession session) {
        if (!isPresidentOf(session)) {
            throw ProblemException.forbidden("Only the president of this session's jury may do this");
        }
    }

    /** Deliberation figures are read by the rectorat and by the session's president. */
    public void requireRectoratOrPresident(ExamSession session) {
        if (!caller.hasRole(Roles.RECTORAT) && !isPresidentOf(session)) {
            throw ProblemException.forbidden("Only the rectorat and this session's jury president read deliberations");
        }
    }

    public SessionCandidate candidate(ExamSession session, String candidateNumber) {
        return SessionCandidate.findByNumber(session.id, candidateNumber)
                .orElseThrow(() -> ProblemException.notFound("No candidate " + candidateNumber + " in this session"));
    }

    /**
     * The candidate whose results the caller may read: rectorat and the session's president read any; a candidate
     * reads only their own, and only once the session is published (before that it does not exist for them).
     */
    public SessionCandidate readableCandidate(ExamSession session, String candidateNumber) {
        if (caller.hasRole(Roles.RECTORAT) || isPresidentOf(session)) {
            return candidate(session, candidateNumber);
        }
        if (caller.hasRole(Roles.CANDIDATE)) {
            SessionCandidate candidate = SessionCandidate.findByNumber(session.id, candidateNumber)
                    .filter(c -> caller.username().equals(c.account))
                    .filter(c -> session.status == fr.bts.evaluation.model.SessionStatus.PUBLISHED)
                    .orElseThrow(() -> ProblemException.notFound("No published result for candidate " + candidateNumber));
            return candidate;
        }
        throw ProblemException.forbidden("Your roles do not allow reading results");
    }
}
