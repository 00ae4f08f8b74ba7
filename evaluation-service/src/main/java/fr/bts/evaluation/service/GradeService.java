package fr.bts.evaluation.service;

import fr.bts.commons.http.ETags;
import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.GradeView;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.grading.GradeContent;
import fr.bts.evaluation.grading.GradingRules;
import fr.bts.evaluation.grading.MarkScale;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.repository.CandidateRepository;
import fr.bts.evaluation.repository.GradablePair;
import fr.bts.evaluation.repository.GradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Grade entry by jury members, only for the candidates of their commissions, only between the snapshot and the
 * seal: one grade is created, or updated with {@code If-Match}; batches are {@link GradeBatchService}'s. The rules
 * of a grade are {@link GradingRules}'; who sees which grades is {@link Access}'.
 */
@ApplicationScoped
public class GradeService {

    private static final ProblemType SESSION_SEALED = ProblemType.custom("session-sealed", "Session sealed", 409);

    @Inject
    Access access;
    @Inject
    SessionService sessions;
    @Inject
    AuditService audit;
    @Inject
    EvaluationConfig config;
    @Inject
    GradeRepository repository;
    @Inject
    CandidateRepository candidates;

    public record Written(GradeView grade, boolean created) {
    }

    @Transactional
    public GradeView get(UUID sessionId, String candidateNumber, String epreuve) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = gradableCandidate(session, candidateNumber, epreuve);
        Grade grade = repository.findOne(session.id, candidate.id, epreuve)
                .orElseThrow(() -> ProblemException.notFound("No grade of " + candidateNumber + " at " + epreuve + " yet"));
        return GradeView.of(grade, candidate.candidateNumber);
    }

    /**
     * Grades of the session, optionally for one candidate or épreuve: the rectorat and the session's president see
     * all of them, a jury member those of the candidates and épreuves of their commissions.
     */
    @Transactional
    public Page<GradeView> list(UUID sessionId, String candidateNumber, String epreuve, PageRequest page) {
        ExamSession session = access.session(sessionId);
        GradeRepository.Filter filter = new GradeRepository.Filter(session.id, blankToNull(candidateNumber), blankToNull(epreuve),
                access.seesWholeSession(session) ? null : access.username());
        long total = repository.count(filter);
        List<GradeView> grades = repository.page(filter, page.offset(), page.size()).stream()
                .map(r -> GradeView.of(r.grade(), r.candidateNumber())).toList();
        return Page.of(page, total, grades);
    }

    @Transactional
    public Written put(UUID sessionId, String candidateNumber, String epreuve, GradeInput input, String ifMatch) {
        ExamSession session = access.sessionForGrading(sessionId);
        requireAcceptsGrades(session);
        SessionCandidate candidate = gradableCandidate(session, candidateNumber, epreuve);
        List<Problem.Violation> violations = validate(session, candidate, epreuve, input, "");
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() == 1 ? violations.get(0).message() : violations.size() + " fields are invalid", violations);
        }
        Optional<Grade> existing = repository.findOne(session.id, candidate.id, epreuve);
        Grade grade;
        if (existing.isPresent()) {
            grade = existing.get();
            ETags.requireIfMatch(ifMatch, ETags.ofVersion(grade.version));
            requireJuryOwned(grade);
            GradeContent.apply(grade, input, access.username(), Instant.now());
        } else {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED, "No grade exists yet; create it without If-Match");
            }
            grade = GradeContent.newGrade(session.id, candidate.id, epreuve, input, access.username(), Instant.now());
            repository.persist(grade);
        }
        repository.flush();
        audit.append(session.academie, session.id, access.username(), existing.isPresent() ? "GRADE_UPDATED" : "GRADE_CREATED",
                candidate.candidateNumber + "/" + epreuve, GradeContent.auditItem(candidate.candidateNumber, grade, null));
        return new Written(GradeView.of(grade, candidate.candidateNumber), existing.isEmpty());
    }

    /**
     * Applies a correction after the seal (a deliberation revision): same validation, no commission check —
     * the president corrects, with the revision's reason in the audit log.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Grade correct(ExamSession session, SessionCandidate candidate, String epreuve, GradeInput input, String field) {
        List<Problem.Violation> violations = validate(session, candidate, epreuve, input, field);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " invalid field(s) in the correction; nothing was stored", violations);
        }
        Optional<Grade> existing = repository.findOne(session.id, candidate.id, epreuve);
        Grade grade;
        if (existing.isPresent()) {
            grade = existing.get();
            requireJuryOwned(grade);
            GradeContent.apply(grade, input, access.username(), Instant.now());
        } else {
            grade = GradeContent.newGrade(session.id, candidate.id, epreuve, input, access.username(), Instant.now());
            repository.persist(grade);
        }
        return grade;
    }

    /** The rules every grade of this service follows, with the configured mark step. */
    GradingRules grading() {
        return new GradingRules(new MarkScale(config.grades().step()));
    }

    private List<Problem.Violation> validate(ExamSession session, SessionCandidate candidate, String epreuve, GradeInput input, String prefix) {
        return grading().check(sessions.rules(session), candidate.candidateNumber, candidate.epreuves, epreuve, input, prefix);
    }

    /** The candidate if the caller grades them at this épreuve (member of a commission of the épreuve with them), else 404. */
    private SessionCandidate gradableCandidate(ExamSession session, String candidateNumber, String epreuve) {
        Optional<SessionCandidate> candidate = candidates.findByNumber(session.id, candidateNumber);
        if (candidate.isEmpty() || !repository.gradableBy(session.id, access.username(), List.of(candidate.get().id))
                .contains(new GradablePair(candidate.get().id, epreuve))) {
            throw ProblemException.notFound("No candidate " + candidateNumber + " at " + epreuve + " in your commissions");
        }
        return candidate.get();
    }

    static void requireAcceptsGrades(ExamSession session) {
        if (session.status.sealed()) {
            throw new ProblemException(SESSION_SEALED, "The session is sealed; a correction goes through a new deliberation revision by the president");
        }
        if (!session.status.acceptsGrades()) {
            throw ProblemException.conflict("The session is " + session.status + "; grades are entered once grading has started");
        }
    }

    private static void requireJuryOwned(Grade grade) {
        if (grade.origine == Origine.INSCRIPTION) {
            throw ProblemException.conflict(grade.epreuve + " is " + grade.statut + " by the registration; a jury does not grade it");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
