package fr.bts.evaluation.service;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.evaluation.api.DeliberationDtos.AdjustmentInput;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.grading.MarkScale;
import fr.bts.evaluation.model.Adjustment;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.repository.AdjustmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The president's adjustments of marks during deliberation, before the seal (after it, through a revision). */
@ApplicationScoped
public class AdjustmentService {

    private static final String SEALED = "The session is sealed; adjust through a new deliberation revision";

    @Inject
    AdjustmentRepository adjustments;
    @Inject
    Access access;
    @Inject
    SessionService sessions;
    @Inject
    EvaluationConfig config;
    @Inject
    AuditService audit;

    @Transactional
    public Adjustment adjust(UUID sessionId, String candidateNumber, String epreuve, AdjustmentInput input) {
        ExamSession session = openForAdjustments(sessionId);
        DeliberationService.requireDeliberable(session);
        SessionCandidate candidate = access.candidate(session, candidateNumber);
        Adjustment adjustment = upsert(session, candidate, epreuve, input.note(), input.motif(), "");
        audit.append(session.academie, session.id, access.username(), "ADJUSTMENT_SET", candidateNumber + "/" + epreuve,
                Map.of("note", input.note(), "motif", input.motif()));
        return adjustment;
    }

    @Transactional
    public void removeAdjustment(UUID sessionId, String candidateNumber, String epreuve) {
        ExamSession session = openForAdjustments(sessionId);
        SessionCandidate candidate = access.candidate(session, candidateNumber);
        if (!adjustments.remove(session.id, candidate.id, epreuve)) {
            throw ProblemException.notFound("No adjustment of " + candidateNumber + " at " + epreuve);
        }
        audit.append(session.academie, session.id, access.username(), "ADJUSTMENT_REMOVED", candidateNumber + "/" + epreuve, Map.of());
    }

    /** The session, locked, for the president to change adjustments before the seal. */
    private ExamSession openForAdjustments(UUID sessionId) {
        ExamSession session = access.sessionForUpdate(sessionId);
        access.requirePresident(session);
        if (session.status.sealed()) {
            throw ProblemException.conflict(SEALED);
        }
        return session;
    }

    Adjustment upsert(ExamSession session, SessionCandidate candidate, String epreuve, BigDecimal note,
                                        String motif, String prefix) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (sessions.rules(session).epreuve(epreuve).isEmpty() || !candidate.epreuves.contains(epreuve)) {
            violations.add(new Problem.Violation(prefix + "epreuve", "candidate " + candidate.candidateNumber + " does not sit " + epreuve, epreuve));
        }
        new MarkScale(config.grades().step()).check(note, ReglesExamen.VINGT, prefix + "note").ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.get(0).message(), violations);
        }
        Adjustment adjustment = adjustments.find(session.id, candidate.id, epreuve).orElseGet(() -> {
            Adjustment a = new Adjustment();
            a.id = UUID.randomUUID();
            a.sessionId = session.id;
            a.candidateId = candidate.id;
            a.epreuve = epreuve;
            return a;
        });
        adjustment.note = note.setScale(2);
        adjustment.motif = motif;
        adjustment.auteur = access.username();
        adjustment.createdAt = Instant.now();
        adjustments.persist(adjustment);
        return adjustment;
    }

}
