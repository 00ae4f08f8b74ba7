package fr.bts.evaluation.service;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.api.DeliberationDtos.AdjustmentItem;
import fr.bts.evaluation.api.DeliberationDtos.CandidateResult;
import fr.bts.evaluation.api.DeliberationDtos.Correction;
import fr.bts.evaluation.api.DeliberationDtos.Preview;
import fr.bts.evaluation.api.DeliberationDtos.Revision;
import fr.bts.evaluation.api.DeliberationDtos.RevisionView;
import fr.bts.evaluation.deliberation.DeliberationEngine;
import fr.bts.evaluation.deliberation.ReglesPreparees;
import fr.bts.evaluation.deliberation.ResultatCandidat;
import fr.bts.evaluation.model.DeliberationRevision;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.model.SessionStatus;
import fr.bts.evaluation.repository.DeliberationRepository;
import fr.bts.evaluation.repository.DeliberationRepository.DecisionCount;
import fr.bts.evaluation.repository.DossierRows;
import fr.bts.evaluation.repository.DossierRows.CandidateDossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs the deliberation engine over a session: previews (any number of times), the president's adjustments,
 * the seal (revision 1, the session becomes read-only) and corrections after the seal (revision n + 1 with its
 * reason). Every sealed revision stores each candidate's full result ({@link SealService}), so a transcript never
 * recomputes.
 */
@ApplicationScoped
public class DeliberationService {

    private static final ProblemType INCOMPLETE = ProblemType.custom("deliberation-incomplete",
            "Some candidates cannot be decided yet", 409);

    private final DeliberationEngine engine = new DeliberationEngine();

    @Inject
    Access access;
    @Inject
    SessionService sessions;
    @Inject
    GradeService grades;
    @Inject
    AuditService audit;
    @Inject
    SealService seals;
    @Inject
    ResultJson json;
    @Inject
    DossierRows dossiers;
    @Inject
    DeliberationRepository revisions;
    @Inject
    AdjustmentService adjustmentService;

    @Transactional
    public Preview preview(UUID sessionId, int page, int size, String decision) {
        ExamSession session = access.deliberation(sessionId);
        if (session.status == SessionStatus.OPEN) {
            throw ProblemException.conflict("Nothing to deliberate before grading starts");
        }
        DeliberationPreview selection = new DeliberationPreview(page, size, decision);
        ReglesPreparees rules = engine.preparer(sessions.rules(session));
        dossiers.forEach(session.id, c -> selection.add(c, engine.decider(rules, c.dossier())));
        return selection.preview(session, c -> result(rules, c));
    }

    /** Seals the deliberation: revision 1, every candidate decided, the session read-only from now on. */
    @Transactional
    public RevisionView seal(UUID sessionId, String reason) {
        ExamSession session = access.sessionForUpdate(sessionId);
        access.requirePresident(session);
        if (session.status.sealed()) {
            throw ProblemException.conflict("The session is already sealed; a correction is a new revision (POST …/deliberations/revisions)");
        }
        requireDeliberable(session);
        List<CandidateResult> results = compute(session);
        List<Problem.Violation> undecided = results.stream().filter(r -> !r.result().decision().sealable())
                .map(r -> new Problem.Violation(r.candidate(), "note manquante : " + String.join(", ", r.result().epreuvesManquantes())))
                .toList();
        if (!undecided.isEmpty()) {
            throw new ProblemException(Problem.of(INCOMPLETE, undecided.size() + " candidate(s) have compulsory épreuves without a grade",
                    undecided.subList(0, Math.min(100, undecided.size()))));
        }
        RevisionView view = seals.store(session, 1, reason, results);
        session.status = SessionStatus.SEALED;
        session.sealedAt = view.createdAt();
        session.sealedBy = access.username();
        return view;
    }

    /** A correction after the seal: grade corrections and adjustments, then a new revision, with its reason. */
    @Transactional
    public RevisionView revise(UUID sessionId, Revision revision) {
        ExamSession session = access.sessionForUpdate(sessionId);
        access.requirePresident(session);
        if (!session.status.sealed()) {
            throw ProblemException.conflict("The session is not sealed yet; change grades and adjustments directly, then seal");
        }
        List<Correction> corrections = revision.corrections() == null ? List.of() : revision.corrections();
        List<AdjustmentItem> items = revision.adjustments() == null ? List.of() : revision.adjustments();
        if (corrections.isEmpty() && items.isEmpty()) {
            throw ProblemException.invalid("corrections", "a revision brings at least one correction or adjustment");
        }
        for (int i = 0; i < corrections.size(); i++) {
            Correction c = corrections.get(i);
            grades.correct(session, access.candidate(session, c.candidate()), c.epreuve(), c.grade(), "corrections[" + i + "].grade.");
        }
        for (int i = 0; i < items.size(); i++) {
            AdjustmentItem a = items.get(i);
            adjustmentService.upsert(session, access.candidate(session, a.candidate()), a.epreuve(), a.note(), a.motif(), "adjustments[" + i + "].");
        }
        List<CandidateResult> results = compute(session);
        List<String> undecided = results.stream().filter(r -> !r.result().decision().sealable()).map(CandidateResult::candidate).toList();
        if (!undecided.isEmpty()) {
            throw new ProblemException(INCOMPLETE, "The correction leaves candidates undecided: " + undecided);
        }
        return seals.store(session, session.currentRevision + 1, revision.reason(), results);
    }

    @Transactional
    public RevisionView revision(UUID sessionId, String revision) {
        ExamSession session = access.deliberation(sessionId);
        int number = revisionNumber(session, revision);
        DeliberationRevision r = revisions.revision(session.id, number)
                .orElseThrow(() -> ProblemException.notFound("No revision " + revision));
        Map<String, Long> decisions = new TreeMap<>();
        for (DecisionCount count : revisions.decisions(session.id, number)) {
            decisions.put(count.decision(), count.count());
        }
        return new RevisionView(r.revision, r.reason, r.createdBy, r.createdAt,
                (int) decisions.values().stream().mapToLong(Long::longValue).sum(), decisions);
    }

    /** Sealed results of a revision, in candidate-number order. */
    @Transactional
    public List<CandidateResult> sealedResults(ExamSession session, int revision) {
        return revisions.results(session.id, revision).stream()
                .map(r -> new CandidateResult(r.candidateNumber(), r.lastName(), r.firstName(), json.read(r.result())))
                .toList();
    }

    /** One candidate's result in the latest sealed revision. */
    @Transactional
    public ResultatCandidat sealedResult(ExamSession session, SessionCandidate candidate) {
        if (session.currentRevision == 0) {
            throw ProblemException.conflict("The deliberation is not sealed yet; there is no result to deliver");
        }
        return revisions.result(session.id, session.currentRevision, candidate.id).map(json::read)
                .orElseThrow(() -> ProblemException.notFound("No result for " + candidate.candidateNumber));
    }

    public int revisionNumber(ExamSession session, String revision) {
        if ("latest".equals(revision)) {
            if (session.currentRevision == 0) {
                throw ProblemException.notFound("The deliberation is not sealed yet");
            }
            return session.currentRevision;
        }
        try {
            return Integer.parseInt(revision);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("revision", "a revision number or 'latest'").withStatus400();
        }
    }

    /** The engine over every candidate of the session, in candidate-number order. */
    List<CandidateResult> compute(ExamSession session) {
        List<CandidateResult> results = new ArrayList<>();
        compute(session, results::add);
        results.sort(DeliberationPreview.BY_NUMBER);
        return results;
    }

    /**
     * The engine over every candidate of the session (a preview decides each one with {@link DeliberationEngine#decider}
     * and deliberates in full only its page), from the grades, the registration and the adjustments, in no
     * particular order: each candidate is decided as their rows are read ({@link DossierRows}), the rules read once.
     */
    private void compute(ExamSession session, Consumer<CandidateResult> each) {
        ReglesPreparees rules = engine.preparer(sessions.rules(session));
        dossiers.forEach(session.id, c -> each.accept(result(rules, c)));
    }

    /** One candidate deliberated in full: decision, figures, unit results and every line. */
    private CandidateResult result(ReglesPreparees rules, CandidateDossier c) {
        return new CandidateResult(c.candidateNumber(), c.lastName(), c.firstName(), engine.deliberer(rules, c.dossier()));
    }

    static void requireDeliberable(ExamSession session) {
        if (session.status != SessionStatus.GRADING && session.status != SessionStatus.DELIBERATION) {
            throw ProblemException.conflict("The session is " + session.status + "; deliberation follows grading");
        }
    }
}
