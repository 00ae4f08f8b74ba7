package fr.bts.evaluation.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.model.SessionStatus;
import fr.bts.evaluation.repository.CandidateRepository;
import fr.bts.evaluation.repository.JuryMemberRepository;
import fr.bts.evaluation.repository.SessionRepository;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Object-level authorization of the service, the one place where who sees what is decided. A session exists for a
 * caller only in the caller's académie (another académie's session is a 404), and within it:
 * <ul>
 *   <li>the rectorat sees every session of its académie, all of its jury, candidates, grades and deliberations;</li>
 *   <li>a jury member or president sees a session only if they sit on its jury or on one of its commissions
 *       (otherwise the session is a 404 for them); its president sees all of its candidates and grades, a member
 *       those of their commissions;</li>
 *   <li>a candidate sees a session only if they are one of its candidates, and only their own results.</li>
 * </ul>
 * Services ask this class, never re-code these rules.
 */
@RequestScoped
public class Access {

    /** A session on whose jury or commissions {@code :account} sits. */
    private static final String SITS_ON = "(id in (select j.sessionId from JuryMember j where j.account = :account)"
            + " or id in (select c.sessionId from Commission c join c.members m where m = :account))";
    /** A session of which {@code :account} is a candidate. */
    private static final String IS_CANDIDATE_OF = "id in (select k.sessionId from SessionCandidate k where k.account = :account)";

    @Inject
    Caller caller;
    @Inject
    SessionRepository sessions;
    @Inject
    CandidateRepository candidates;
    @Inject
    JuryMemberRepository jury;

    public String username() {
        return caller.username();
    }

    public String academie() {
        return caller.requireAcademie();
    }

    public boolean hasRole(String role) {
        return caller.hasRole(role);
    }

    /** The session if the caller sees it (see the class comment), else 404. */
    public ExamSession session(UUID id) {
        return sessions.findInAcademie(id, academie()).filter(this::sees)
                .orElseThrow(() -> ProblemException.notFound("No session " + id));
    }

    /** The sessions of the caller's académie that the caller sees, newest first (the list filter is the rule above). */
    public PanacheQuery<ExamSession> visibleSessions() {
        if (caller.hasRole(Roles.RECTORAT)) {
            return sessions.ofAcademie(academie());
        }
        String seen = seenThrough().orElseThrow(() -> ProblemException.forbidden("Your roles do not allow reading sessions"));
        return sessions.ofAcademieWhere(academie(), seen, caller.username());
    }

    private boolean sees(ExamSession session) {
        if (caller.hasRole(Roles.RECTORAT)) {
            return true;
        }
        return seenThrough().filter(seen -> sessions.matches(session.id, seen, caller.username())).isPresent();
    }

    /** The condition under which a session is seen by a caller who is not its rectorat, from their roles. */
    private Optional<String> seenThrough() {
        List<String> ways = new ArrayList<>();
        if (caller.hasRole(Roles.JURY_MEMBER) || caller.hasRole(Roles.JURY_PRESIDENT)) {
            ways.add(SITS_ON);
        }
        if (caller.hasRole(Roles.CANDIDATE)) {
            ways.add(IS_CANDIDATE_OF);
        }
        return ways.isEmpty() ? Optional.empty() : Optional.of("(" + String.join(" or ", ways) + ")");
    }

    /** Whether the caller sees every candidate and grade of the session: its rectorat and its president. */
    public boolean seesWholeSession(ExamSession session) {
        return caller.hasRole(Roles.RECTORAT) || isPresidentOf(session);
    }

    /**
     * The session, locked for share: grade writes run concurrently with each other but never with the seal. The lock
     * is a transaction-scoped advisory lock on the session, whose queue is fair (a grade write that comes after a
     * waiting seal waits behind it, so a stream of writes cannot starve the seal), and it holds across instances.
     * The row is read once the lock is held, with the visibility rule in the same statement (two round trips in all:
     * a grade batch's whole session access), so a writer that waited for the seal sees the session sealed instead of
     * failing on its version. The shared lock is taken before the caller is known to see the session: for a caller who
     * does not, it waits at most for a seal or an update of that session, and the answer is the same 404.
     */
    public ExamSession sessionForGrading(UUID id) {
        String seen = null;
        if (!caller.hasRole(Roles.RECTORAT)) {
            seen = seenThrough().orElseThrow(() -> ProblemException.notFound("No session " + id));
        }
        return sessions.lockedSharedInAcademie(id, academie(), seen, caller.username())
                .orElseThrow(() -> ProblemException.notFound("No session " + id));
    }

    /** The session, locked exclusively against grade writes and other updates, and read again under the locks. */
    public ExamSession sessionForUpdate(UUID id) {
        ExamSession session = session(id);
        sessions.lockExclusive(session);
        return session;
    }

    public boolean isPresidentOf(ExamSession session) {
        return caller.hasRole(Roles.JURY_PRESIDENT)
                && jury.isPresident(session.id, caller.username());
    }

    public void requirePresident(ExamSession session) {
        if (!isPresidentOf(session)) {
            throw ProblemException.forbidden("Only the president of this session's jury may do this");
        }
    }

    /** The session whose deliberation figures the caller reads: its rectorat and its president (else 403; unseen: 404). */
    public ExamSession deliberation(UUID id) {
        ExamSession session = session(id);
        requireRectoratOrPresident(session);
        return session;
    }

    /**
     * The candidates of the session the caller sees, by candidate number: the rectorat and the session's president all
     * of them, a jury member those assigned to one of their commissions.
     */
    public PanacheQuery<SessionCandidate> visibleCandidates(ExamSession session) {
        return seesWholeSession(session) ? candidates.ofSession(session.id) : candidates.inCommissionsOf(session.id, caller.username());
    }

    /** Attestations delivered on request are asked for by the candidate (their own, see {@link #readableCandidate}) or the rectorat. */
    public void requireAttestationRequester() {
        if (!caller.hasRole(Roles.RECTORAT) && !caller.hasRole(Roles.CANDIDATE)) {
            throw ProblemException.forbidden("The candidate or the rectorat asks for attestations");
        }
    }

    /**
     * The audit chains the caller verifies: the rectorat those of its académie (the académie, present), the national
     * role ({@code referential-admin}) every chain (empty); anyone else: 403.
     */
    public Optional<String> auditedAcademie() {
        if (caller.hasRole(Roles.RECTORAT)) {
            return Optional.of(academie());
        }
        if (caller.hasRole(Roles.REFERENTIAL_ADMIN)) {
            return Optional.empty();
        }
        throw ProblemException.forbidden("Only the rectorat and the national role verify the audit chain");
    }

    /** Deliberation figures are read by the rectorat and by the session's president. */
    public void requireRectoratOrPresident(ExamSession session) {
        if (!seesWholeSession(session)) {
            throw ProblemException.forbidden("Only the rectorat and this session's jury president read deliberations");
        }
    }

    public SessionCandidate candidate(ExamSession session, String candidateNumber) {
        return candidates.findByNumber(session.id, candidateNumber)
                .orElseThrow(() -> ProblemException.notFound("No candidate " + candidateNumber + " in this session"));
    }

    /**
     * The candidate whose results the caller may read: rectorat and the session's president read any; a candidate
     * reads only their own, and only once the session is published (before that it does not exist for them).
     */
    public SessionCandidate readableCandidate(ExamSession session, String candidateNumber) {
        if (seesWholeSession(session)) {
            return candidate(session, candidateNumber);
        }
        if (caller.hasRole(Roles.CANDIDATE)) {
            SessionCandidate candidate = candidates.findByNumber(session.id, candidateNumber)
                    .filter(c -> caller.username().equals(c.account))
                    .filter(c -> session.status == SessionStatus.PUBLISHED)
                    .orElseThrow(() -> ProblemException.notFound("No published result for candidate " + candidateNumber));
            return candidate;
        }
        throw ProblemException.forbidden("Your roles do not allow reading results");
    }
}
