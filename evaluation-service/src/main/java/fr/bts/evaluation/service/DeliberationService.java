package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.api.DeliberationDtos.AdjustmentInput;
import fr.bts.evaluation.api.DeliberationDtos.AdjustmentItem;
import fr.bts.evaluation.api.DeliberationDtos.CandidateResult;
import fr.bts.evaluation.api.DeliberationDtos.Correction;
import fr.bts.evaluation.api.DeliberationDtos.Preview;
import fr.bts.evaluation.api.DeliberationDtos.Revision;
import fr.bts.evaluation.api.DeliberationDtos.RevisionView;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.deliberation.DeliberationEngine;
import fr.bts.evaluation.deliberation.DossierCandidat;
import fr.bts.evaluation.deliberation.DossierCandidat.Ajustement;
import fr.bts.evaluation.deliberation.DossierCandidat.Evaluation;
import fr.bts.evaluation.deliberation.FormeInscription;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.grading.MarkScale;
import fr.bts.evaluation.deliberation.ResultatCandidat;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.Adjustment;
import fr.bts.evaluation.model.AuditEntry;
import fr.bts.evaluation.model.DeliberationResult;
import fr.bts.evaluation.model.DeliberationRevision;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.model.SessionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs the deliberation engine over a session: previews (any number of times), the president's adjustments,
 * the seal (revision 1, the session becomes read-only) and corrections after the seal (revision n + 1 with its
 * reason). Every sealed revision stores each candidate's full result, so a transcript never recomputes.
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
    EvaluationConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    EntityManager em;

    @Transactional
    public Preview preview(UUID sessionId, int page, int size, String decision) {
        ExamSession session = access.session(sessionId);
        access.requireRectoratOrPresident(session);
        if (session.status == SessionStatus.OPEN) {
            throw ProblemException.conflict("Nothing to deliberate before grading starts");
        }
        List<CandidateResult> all = compute(session);
        return page(session, all, page, size, decision, session.currentRevision);
    }

    @Transactional
    public Adjustment adjust(UUID sessionId, String candidateNumber, String epreuve, AdjustmentInput input) {
        ExamSession session = access.sessionForUpdate(sessionId);
        access.requirePresident(session);
        if (session.status.sealed()) {
            throw ProblemException.conflict("The session is sealed; adjust through a new deliberation revision");
        }
        requireDeliberable(session);
        SessionCandidate candidate = access.candidate(session, candidateNumber);
        Adjustment adjustment = upsertAdjustment(session, candidate, epreuve, input.note(), input.motif(), "");
        audit.append(session.academie, session.id, access.username(), "ADJUSTMENT_SET", candidateNumber + "/" + epreuve,
                Map.of("note", input.note(), "motif", input.motif()));
        return adjustment;
    }

    @Transactional
    public void removeAdjustment(UUID sessionId, String candidateNumber, String epreuve) {
        ExamSession session = access.sessionForUpdate(sessionId);
        access.requirePresident(session);
        if (session.status.sealed()) {
            throw ProblemException.conflict("The session is sealed; adjust through a new deliberation revision");
        }
        SessionCandidate candidate = access.candidate(session, candidateNumber);
        long deleted = Adjustment.delete("sessionId = ?1 and candidateId = ?2 and epreuve = ?3", session.id, candidate.id, epreuve);
        if (deleted == 0) {
            throw ProblemException.notFound("No adjustment of " + candidateNumber + " at " + epreuve);
        }
        audit.append(session.academie, session.id, access.username(), "ADJUSTMENT_REMOVED", candidateNumber + "/" + epreuve, Map.of());
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
        RevisionView view = store(session, 1, reason, results);
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
        List<AdjustmentItem> adjustments = revision.adjustments() == null ? List.of() : revision.adjustments();
        if (corrections.isEmpty() && adjustments.isEmpty()) {
            throw ProblemException.invalid("corrections", "a revision brings at least one correction or adjustment");
        }
        for (int i = 0; i < corrections.size(); i++) {
            Correction c = corrections.get(i);
            grades.correct(session, access.candidate(session, c.candidate()), c.epreuve(), c.grade(), "corrections[" + i + "].grade.");
        }
        for (int i = 0; i < adjustments.size(); i++) {
            AdjustmentItem a = adjustments.get(i);
            upsertAdjustment(session, access.candidate(session, a.candidate()), a.epreuve(), a.note(), a.motif(), "adjustments[" + i + "].");
        }
        em.flush();
        List<CandidateResult> results = compute(session);
        List<String> undecided = results.stream().filter(r -> !r.result().decision().sealable()).map(CandidateResult::candidate).toList();
        if (!undecided.isEmpty()) {
            throw new ProblemException(INCOMPLETE, "The correction leaves candidates undecided: " + undecided);
        }
        return store(session, session.currentRevision + 1, revision.reason(), results);
    }

    @Transactional
    public RevisionView revision(UUID sessionId, String revision) {
        ExamSession session = access.session(sessionId);
        access.requireRectoratOrPresident(session);
        int number = revisionNumber(session, revision);
        DeliberationRevision r = DeliberationRevision.<DeliberationRevision>find("sessionId = ?1 and revision = ?2", session.id, number)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("No revision " + revision));
        Map<String, Long> decisions = new TreeMap<>();
        em.createQuery("select r.decision, count(r) from DeliberationResult r where r.sessionId = :s and r.revision = :n group by r.decision",
                        Object[].class).setParameter("s", session.id).setParameter("n", number).getResultList()
                .forEach(row -> decisions.put((String) row[0], (Long) row[1]));
        return new RevisionView(r.revision, r.reason, r.createdBy, r.createdAt,
                (int) decisions.values().stream().mapToLong(Long::longValue).sum(), decisions);
    }

    /** Sealed results of a revision, in candidate-number order. */
    @Transactional
    public List<CandidateResult> sealedResults(ExamSession session, int revision) {
        return em.createQuery("select c.candidateNumber, c.lastName, c.firstName, r.result from DeliberationResult r, SessionCandidate c "
                        + "where c.id = r.candidateId and r.sessionId = :s and r.revision = :n order by c.candidateNumber", Object[].class)
                .setParameter("s", session.id).setParameter("n", revision).getResultList().stream()
                .map(r -> new CandidateResult((String) r[0], (String) r[1], (String) r[2], read((String) r[3])))
                .toList();
    }

    /** One candidate's result in the latest sealed revision. */
    @Transactional
    public ResultatCandidat sealedResult(ExamSession session, SessionCandidate candidate) {
        if (session.currentRevision == 0) {
            throw ProblemException.conflict("The deliberation is not sealed yet; there is no result to deliver");
        }
        return DeliberationResult.<DeliberationResult>find("sessionId = ?1 and revision = ?2 and candidateId = ?3",
                        session.id, session.currentRevision, candidate.id).firstResultOptional()
                .map(r -> read(r.result))
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

    /** The engine over every candidate of the session, from the grades, the registration and the adjustments. */
    List<CandidateResult> compute(ExamSession session) {
        ReglesExamen rules = sessions.rules(session);
        // plain rows, not managed entities: nothing to map or dirty-check for tens of thousands of grades
        Map<String, Map<String, Evaluation>> evaluations = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> gradeRows = em.createNativeQuery("select candidate_id, epreuve, statut, note, situations::text from grade where session_id = ?1")
                .setParameter(1, session.id).getResultList();
        for (Object[] row : gradeRows) {
            Map<String, BigDecimal> situations = row[4] == null ? null : readMap((String) row[4]);
            evaluations.computeIfAbsent(row[0].toString(), k -> new HashMap<>())
                    .put((String) row[1], new Evaluation(StatutNote.valueOf((String) row[2]), (BigDecimal) row[3], situations));
        }
        Map<String, Map<String, Ajustement>> adjustments = new HashMap<>();
        em.createQuery("select a.candidateId, a.epreuve, a.note, a.motif, a.auteur from Adjustment a where a.sessionId = :s", Object[].class)
                .setParameter("s", session.id).getResultList()
                .forEach(a -> adjustments.computeIfAbsent(a[0].toString(), k -> new HashMap<>())
                        .put((String) a[1], new Ajustement((BigDecimal) a[2], (String) a[3], (String) a[4])));
        @SuppressWarnings("unchecked")
        List<Object[]> candidateRows = em.createNativeQuery("select id, candidate_number, last_name, first_name, voie, forme, epreuves::text "
                + "from session_candidate where session_id = ?1").setParameter(1, session.id).getResultList();
        List<Object[]> candidates = new ArrayList<>(candidateRows.size());
        for (Object[] row : candidateRows) {
            Object[] c = row.clone();
            c[6] = readList((String) row[6]);
            candidates.add(c);
        }
        List<CandidateResult> results = new ArrayList<>(candidates.size());
        for (Object[] c : candidates) {
            @SuppressWarnings("unchecked")
            List<String> epreuves = (List<String>) c[6];
            DossierCandidat dossier = new DossierCandidat((String) c[1], (String) c[4], FormeInscription.valueOf((String) c[5]),
                    new HashSet<>(epreuves), evaluations.getOrDefault(c[0].toString(), Map.of()), adjustments.getOrDefault(c[0].toString(), Map.of()));
            results.add(new CandidateResult((String) c[1], (String) c[2], (String) c[3], engine.deliberer(rules, dossier)));
        }
        results.sort(Comparator.comparing(CandidateResult::candidate));
        return results;
    }

    private Adjustment upsertAdjustment(ExamSession session, SessionCandidate candidate, String epreuve, BigDecimal note,
                                        String motif, String prefix) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (sessions.rules(session).epreuve(epreuve).isEmpty() || !candidate.epreuves.contains(epreuve)) {
            violations.add(new Problem.Violation(prefix + "epreuve", "candidate " + candidate.candidateNumber + " does not sit " + epreuve, epreuve));
        }
        new MarkScale(config.grades().step()).check(note, ReglesExamen.VINGT, prefix + "note").ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.get(0).message(), violations);
        }
        Adjustment adjustment = Adjustment.<Adjustment>find("sessionId = ?1 and candidateId = ?2 and epreuve = ?3", session.id, candidate.id, epreuve)
                .firstResultOptional().orElseGet(() -> {
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
        adjustment.persist();
        return adjustment;
    }

    private RevisionView store(ExamSession session, int number, String reason, List<CandidateResult> results) {
        Instant now = Instant.now();
        DeliberationRevision revision = new DeliberationRevision();
        revision.id = UUID.randomUUID();
        revision.sessionId = session.id;
        revision.revision = number;
        revision.reason = reason;
        revision.createdBy = access.username();
        revision.createdAt = now;
        revision.persist();
        Map<String, UUID> ids = new HashMap<>();
        em.createQuery("select c.candidateNumber, c.id from SessionCandidate c where c.sessionId = :s", Object[].class)
                .setParameter("s", session.id).getResultList().forEach(r -> ids.put((String) r[0], (UUID) r[1]));
        StringBuilder digest = new StringBuilder();
        Map<String, Long> decisions = new TreeMap<>();
        for (CandidateResult r : results) {
            DeliberationResult row = new DeliberationResult();
            row.id = UUID.randomUUID();
            row.sessionId = session.id;
            row.revision = number;
            row.candidateId = ids.get(r.candidate());
            row.decision = r.result().decision().name();
            row.moyenne = r.result().moyenne();
            row.result = json(r.result());
            row.persist();
            digest.append(r.candidate()).append('\t').append(row.result).append('\n');
            decisions.merge(row.decision, 1L, Long::sum);
        }
        session.currentRevision = number;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("revision", number);
        payload.put("reason", reason);
        payload.put("candidates", results.size());
        payload.put("decisions", decisions);
        payload.put("resultsSha256", ETags.sha256Hex(digest.toString()));
        AuditEntry sealEntry = audit.append(session.academie, session.id, access.username(),
                number == 1 ? "DELIBERATION_SEALED" : "DELIBERATION_REVISED", session.certification + "/" + session.year + "#" + number, payload);
        revision.auditSeq = sealEntry.seq;
        revision.auditHash = sealEntry.hash;
        return new RevisionView(number, reason, revision.createdBy, now, results.size(), decisions);
    }

    private Preview page(ExamSession session, List<CandidateResult> all, int page, int size, String decision, int revision) {
        Map<String, Long> decisions = all.stream().collect(Collectors.groupingBy(r -> r.result().decision().name(), TreeMap::new, Collectors.counting()));
        List<CandidateResult> filtered = decision == null ? all
                : all.stream().filter(r -> r.result().decision().name().equals(decision)).toList();
        int from = Math.min(page * size, filtered.size());
        int to = Math.min(from + size, filtered.size());
        return new Preview(revision, session.status.name(), all.size(), decisions, page, size, filtered.subList(from, to));
    }

    private static void requireDeliberable(ExamSession session) {
        if (session.status != SessionStatus.GRADING && session.status != SessionStatus.DELIBERATION) {
            throw ProblemException.conflict("The session is " + session.status + "; deliberation follows grading");
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, BigDecimal>> MARKS = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };
    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> CODES = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    private Map<String, BigDecimal> readMap(String json) {
        try {
            return mapper.readValue(json, MARKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored situation marks unreadable", e);
        }
    }

    private List<String> readList(String json) {
        try {
            return mapper.readValue(json, CODES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored épreuve list unreadable", e);
        }
    }

    private ResultatCandidat read(String json) {
        try {
            return mapper.readValue(json, ResultatCandidat.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result unreadable", e);
        }
    }
}
