package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.http.ETags;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.idempotency.Reply;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.evaluation.api.GradeDtos.Batch;
import fr.bts.evaluation.api.GradeDtos.BatchItem;
import fr.bts.evaluation.api.GradeDtos.BatchOutcome;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.GradeView;
import fr.bts.evaluation.api.GradeDtos.ItemOutcome;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import fr.bts.evaluation.model.SessionCandidate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Grade entry by jury members, only for the candidates of their commissions, only between the snapshot and the
 * seal. One grade is created, or updated with {@code If-Match}; a batch is all-or-nothing: any invalid,
 * unreachable or conflicting item refuses the whole batch with every item in error listed, and nothing is stored.
 * A batch carries an {@code Idempotency-Key}: a retry replays the first answer and never duplicates.
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
    Idempotency idempotency;
    @Inject
    Caller callerOfKey;
    @Inject
    EvaluationConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    EntityManager em;

    public record Written(GradeView grade, boolean created) {
    }

    public record BatchAnswer(int status, String body, boolean replayed) {
    }

    @Transactional
    public GradeView get(UUID sessionId, String candidateNumber, String epreuve) {
        ExamSession session = access.session(sessionId);
        SessionCandidate candidate = gradableCandidate(session, candidateNumber, epreuve);
        Grade grade = find(session.id, candidate.id, epreuve)
                .orElseThrow(() -> ProblemException.notFound("No grade of " + candidateNumber + " at " + epreuve + " yet"));
        return GradeView.of(grade, candidate.candidateNumber);
    }

    /**
     * Grades of the session, optionally for one candidate or épreuve: the rectorat and the session's president see
     * all of them, a jury member those of the candidates and épreuves of their commissions.
     */
    @Transactional
    public fr.bts.commons.http.Page<GradeView> list(UUID sessionId, String candidateNumber, String epreuve, fr.bts.commons.http.PageRequest page) {
        ExamSession session = access.session(sessionId);
        StringBuilder where = new StringBuilder("from Grade g, SessionCandidate c where c.id = g.candidateId and g.sessionId = :session");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("session", session.id);
        if (candidateNumber != null && !candidateNumber.isBlank()) {
            where.append(" and c.candidateNumber = :candidate");
            params.and("candidate", candidateNumber);
        }
        if (epreuve != null && !epreuve.isBlank()) {
            where.append(" and g.epreuve = :epreuve");
            params.and("epreuve", epreuve);
        }
        if (!access.seesWholeSession(session)) {
            where.append(" and exists (select 1 from Commission k join k.members m join k.candidates x where k.sessionId = :session "
                    + "and m = :account and x = g.candidateId and k.epreuve = g.epreuve)");
            params.and("account", access.username());
        }
        jakarta.persistence.TypedQuery<Long> count = em.createQuery("select count(g) " + where, Long.class);
        jakarta.persistence.TypedQuery<Object[]> select = em.createQuery("select g, c.candidateNumber " + where
                + " order by c.candidateNumber, g.epreuve", Object[].class);
        params.map().forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return fr.bts.commons.http.Page.of(page, total, rows.stream().map(r -> GradeView.of((Grade) r[0], (String) r[1])).toList());
    }

    @Transactional
    public Written put(UUID sessionId, String candidateNumber, String epreuve, GradeInput input, String ifMatch) {
        ExamSession session = access.sessionForGrading(sessionId);
        requireAcceptsGrades(session);
        SessionCandidate candidate = gradableCandidate(session, candidateNumber, epreuve);
        List<Problem.Violation> violations = validate(sessions.rules(session), candidate, epreuve, input, "");
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() == 1 ? violations.get(0).message() : violations.size() + " fields are invalid", violations);
        }
        Optional<Grade> existing = find(session.id, candidate.id, epreuve);
        Grade grade;
        if (existing.isPresent()) {
            grade = existing.get();
            ETags.requireIfMatch(ifMatch, ETags.ofVersion(grade.version));
            requireJuryOwned(grade);
            apply(grade, input);
        } else {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED, "No grade exists yet; create it without If-Match");
            }
            grade = newGrade(session, candidate, epreuve, input);
            grade.persist();
        }
        em.flush();
        audit.append(session.academie, session.id, access.username(), existing.isPresent() ? "GRADE_UPDATED" : "GRADE_CREATED",
                candidate.candidateNumber + "/" + epreuve, auditItem(candidate.candidateNumber, grade, null));
        return new Written(GradeView.of(grade, candidate.candidateNumber), existing.isEmpty());
    }

    /**
     * A grade batch, once per {@code Idempotency-Key} (required here): the first answer is recorded in this
     * transaction, with the grades, and replayed byte for byte; see commons {@link Idempotency}.
     */
    @Transactional
    public BatchAnswer batch(UUID sessionId, Batch batch, String idempotencyKey) {
        IdempotencyKeys.parse(idempotencyKey, true);
        if (batch.grades().size() > config.grades().batchMax()) {
            throw ProblemException.invalid("grades", "at most " + config.grades().batchMax() + " grades per batch");
        }
        String caller = access.username();
        // claimed before this transaction reads anything: the claim's own transaction then never waits for a pooled
        // connection while this one holds another
        Reply reply = idempotency.run(callerOfKey, idempotencyKey, true, "grades-batch", sessionId + "\n" + json(batch),
                run -> Reply.json(200, storeBatch(access.sessionForGrading(sessionId), batch, caller, idempotencyKey)));
        return new BatchAnswer(reply.status(), reply.body(), reply.replayed());
    }

    private String storeBatch(ExamSession session, Batch batch, String caller, String idempotencyKey) {
        requireAcceptsGrades(session);
        ReglesExamen rules = sessions.rules(session);

        List<BatchItem> items = batch.grades();
        Set<String> numbers = items.stream().map(BatchItem::candidate).collect(Collectors.toSet());
        Map<String, SessionCandidate> candidates = SessionCandidate.<SessionCandidate>list("sessionId = ?1 and candidateNumber in ?2",
                session.id, numbers).stream().collect(Collectors.toMap(c -> c.candidateNumber, Function.identity()));
        Set<String> allowed = allowedPairs(session, candidates.values().stream().map(c -> c.id).toList());

        List<Problem.Violation> notFound = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            SessionCandidate c = candidates.get(item.candidate());
            if (c == null || !allowed.contains(c.id + "/" + item.epreuve())) {
                notFound.add(new Problem.Violation("grades[" + i + "]", "no candidate " + item.candidate() + " at "
                        + item.epreuve() + " in your commissions", item.candidate()));
            }
        }
        if (!notFound.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, notFound.size()
                    + " grade(s) concern candidates outside your commissions; nothing was stored", notFound));
        }

        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            if (!seen.add(item.candidate() + "/" + item.epreuve())) {
                violations.add(new Problem.Violation("grades[" + i + "]", "the same candidate and épreuve appear twice in the batch"));
            }
            violations.addAll(validate(rules, candidates.get(item.candidate()), item.epreuve(), item.input(), "grades[" + i + "]."));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " invalid field(s) in the batch; nothing was stored", violations);
        }

        Map<String, Grade> existing = new HashMap<>();
        Grade.<Grade>list("sessionId = ?1 and candidateId in ?2", session.id,
                        candidates.values().stream().map(c -> c.id).toList())
                .forEach(g -> existing.put(g.candidateId + "/" + g.epreuve, g));

        List<Problem.Violation> conflicts = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Grade> touched = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            SessionCandidate c = candidates.get(item.candidate());
            Grade grade = existing.get(c.id + "/" + item.epreuve());
            if (grade == null) {
                if (item.version() != null) {
                    conflicts.add(new Problem.Violation("grades[" + i + "].version", "no grade exists yet; omit version to create it", item.version()));
                    continue;
                }
                Grade created = newGrade(session, c, item.epreuve(), item.input());
                touched.add(created);
                outcomes.add(Outcome.CREATED);
            } else if (grade.origine == Origine.INSCRIPTION) {
                conflicts.add(new Problem.Violation("grades[" + i + "]", item.epreuve() + " is " + grade.statut
                        + " by the registration; a jury does not grade it"));
            } else if (sameContent(grade, item.input())) {
                touched.add(grade);
                outcomes.add(Outcome.UNCHANGED);
            } else if (item.version() == null || item.version() != grade.version) {
                conflicts.add(new Problem.Violation("grades[" + i + "].version", "the grade exists at version " + grade.version
                        + "; send that version to update it", item.version()));
            } else {
                apply(grade, item.input());
                touched.add(grade);
                outcomes.add(Outcome.UPDATED);
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, conflicts.size()
                    + " grade(s) conflict with stored grades; nothing was stored", conflicts));
        }
        for (int i = 0; i < touched.size(); i++) {
            if (outcomes.get(i) == Outcome.CREATED) {
                touched.get(i).persist();
            }
        }
        em.flush();

        List<ItemOutcome> itemOutcomes = new ArrayList<>(items.size());
        List<Map<String, Object>> auditItems = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            Grade grade = touched.get(i);
            Outcome outcome = outcomes.get(i);
            switch (outcome) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
            itemOutcomes.add(new ItemOutcome(i, item.candidate(), item.epreuve(), outcome, grade.version));
            if (outcome != Outcome.UNCHANGED) {
                auditItems.add(auditItem(item.candidate(), grade, outcome));
            }
        }
        BatchOutcome answer = new BatchOutcome(items.size(), created, updated, unchanged, itemOutcomes);
        String body = json(answer);
        if (!auditItems.isEmpty()) {
            audit.append(session.academie, session.id, caller, "GRADES_BATCH", "Idempotency-Key " + idempotencyKey,
                    Map.of("items", auditItems));
        }
        return body;
    }

    /**
     * Applies a correction after the seal (a deliberation revision): same validation, no commission check —
     * the president corrects, with the revision's reason in the audit log.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Grade correct(ExamSession session, SessionCandidate candidate, String epreuve, GradeInput input, String field) {
        List<Problem.Violation> violations = validate(sessions.rules(session), candidate, epreuve, input, field);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " invalid field(s) in the correction; nothing was stored", violations);
        }
        Optional<Grade> existing = find(session.id, candidate.id, epreuve);
        Grade grade;
        if (existing.isPresent()) {
            grade = existing.get();
            requireJuryOwned(grade);
            apply(grade, input);
        } else {
            grade = newGrade(session, candidate, epreuve, input);
            grade.persist();
        }
        return grade;
    }

    /** Bounds, step and shape of a grade for this candidate and épreuve; every problem is listed. */
    List<Problem.Violation> validate(ReglesExamen rules, SessionCandidate candidate, String epreuveCode, GradeInput input, String prefix) {
        List<Problem.Violation> out = new ArrayList<>();
        Optional<EpreuveExamen> found = rules.epreuve(epreuveCode);
        if (found.isEmpty()) {
            out.add(new Problem.Violation(prefix + "epreuve", "no gradable épreuve " + epreuveCode + " in this session", epreuveCode));
            return out;
        }
        EpreuveExamen epreuve = found.get();
        if (!candidate.epreuves.contains(epreuveCode)) {
            out.add(new Problem.Violation(prefix + "epreuve", "candidate " + candidate.candidateNumber + " does not sit " + epreuveCode, epreuveCode));
        }
        if (input.origine() == Origine.INSCRIPTION) {
            out.add(new Problem.Violation(prefix + "origine", "INSCRIPTION grades come from the registration snapshot", "INSCRIPTION"));
        }
        boolean hasSituations = input.situations() != null && !input.situations().isEmpty();
        switch (input.statut()) {
            case DISPENSE, BENEFICE -> out.add(new Problem.Violation(prefix + "statut",
                    input.statut() + " comes from the registration (dispenses, bénéfices), not from a jury", input.statut().name()));
            case ABSENT, ABSENT_JUSTIFIE, NV -> {
                if (input.note() != null || hasSituations) {
                    out.add(new Problem.Violation(prefix + "note", "a grade " + input.statut() + " carries no mark"));
                }
            }
            case NOTE -> {
                if (hasSituations) {
                    if (input.note() != null) {
                        out.add(new Problem.Violation(prefix + "note", "give either the mark or the CCF situation marks, not both"));
                    }
                    if (!epreuve.noteeParSituations()) {
                        out.add(new Problem.Violation(prefix + "situations", epreuveCode + " is not marked by CCF situations"));
                    } else {
                        for (Map.Entry<String, BigDecimal> s : input.situations().entrySet()) {
                            Optional<SituationExamen> situation = epreuve.situation(s.getKey());
                            if (situation.isEmpty()) {
                                out.add(new Problem.Violation(prefix + "situations." + s.getKey(), "no situation " + s.getKey() + " in " + epreuveCode));
                            } else {
                                checkMark(s.getValue(), epreuve.pointsDe(situation.get()), prefix + "situations." + s.getKey(), out);
                            }
                        }
                    }
                } else if (input.note() == null) {
                    out.add(new Problem.Violation(prefix + "note", "a grade NOTE needs a mark (or CCF situation marks)"));
                } else {
                    checkMark(input.note(), epreuve.noteSur(), prefix + "note", out);
                }
            }
        }
        return out;
    }

    private void checkMark(BigDecimal mark, BigDecimal max, String field, List<Problem.Violation> out) {
        if (mark == null) {
            out.add(new Problem.Violation(field, "a mark is required"));
        } else if (mark.signum() < 0 || mark.compareTo(max) > 0) {
            out.add(new Problem.Violation(field, "must be between 0 and " + max.stripTrailingZeros().toPlainString(), mark));
        } else if (mark.remainder(config.grades().step()).signum() != 0) {
            out.add(new Problem.Violation(field, "must be a multiple of " + config.grades().step().stripTrailingZeros().toPlainString(), mark));
        }
    }

    /** The candidate if the caller grades them at this épreuve (member of a commission of the épreuve with them), else 404. */
    private SessionCandidate gradableCandidate(ExamSession session, String candidateNumber, String epreuve) {
        Optional<SessionCandidate> candidate = SessionCandidate.findByNumber(session.id, candidateNumber);
        if (candidate.isEmpty() || !allowedPairs(session, List.of(candidate.get().id)).contains(candidate.get().id + "/" + epreuve)) {
            throw ProblemException.notFound("No candidate " + candidateNumber + " at " + epreuve + " in your commissions");
        }
        return candidate.get();
    }

    /** "candidateId/epreuve" pairs that the caller grades among {@code candidateIds}. */
    private Set<String> allowedPairs(ExamSession session, List<UUID> candidateIds) {
        if (candidateIds.isEmpty()) {
            return Set.of();
        }
        List<Object[]> rows = em.createQuery("select k, c.epreuve from Commission c join c.members m join c.candidates k "
                        + "where c.sessionId = :session and m = :account and k in :candidates", Object[].class)
                .setParameter("session", session.id).setParameter("account", access.username())
                .setParameter("candidates", candidateIds).getResultList();
        Set<String> pairs = new HashSet<>();
        rows.forEach(r -> pairs.add(r[0] + "/" + r[1]));
        return pairs;
    }

    private static void requireAcceptsGrades(ExamSession session) {
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

    private Optional<Grade> find(UUID sessionId, UUID candidateId, String epreuve) {
        return Grade.find("sessionId = ?1 and candidateId = ?2 and epreuve = ?3", sessionId, candidateId, epreuve).firstResultOptional();
    }

    private Grade newGrade(ExamSession session, SessionCandidate candidate, String epreuve, GradeInput input) {
        Grade grade = new Grade();
        grade.id = UUID.randomUUID();
        grade.sessionId = session.id;
        grade.candidateId = candidate.id;
        grade.epreuve = epreuve;
        apply(grade, input);
        return grade;
    }

    private void apply(Grade grade, GradeInput input) {
        grade.statut = input.statut();
        grade.note = input.note() == null ? null : input.note().setScale(2);
        grade.situations = input.situations() == null || input.situations().isEmpty() ? null : new LinkedHashMap<>(input.situations());
        grade.origine = input.origine() == null ? Origine.COMMISSION : input.origine();
        grade.grille = input.grille() == null || input.grille().isEmpty() ? null : new LinkedHashMap<>(input.grille());
        grade.commentaire = input.commentaire();
        grade.grader = access.username();
        grade.gradedAt = Instant.now();
    }

    private static boolean sameContent(Grade grade, GradeInput input) {
        return grade.statut == input.statut()
                && compare(grade.note, input.note())
                && sameMarks(grade.situations, input.situations())
                && (input.origine() == null ? Origine.COMMISSION : input.origine()) == grade.origine
                && Objects.equals(emptyToNull(grade.grille), emptyToNull(input.grille()))
                && Objects.equals(grade.commentaire, input.commentaire());
    }

    private static boolean compare(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean sameMarks(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Map<String, BigDecimal> x = a == null ? Map.of() : a;
        Map<String, BigDecimal> y = b == null ? Map.of() : b;
        return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> compare(x.get(k), y.get(k)));
    }

    private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
        return map == null || map.isEmpty() ? null : map;
    }

    private static Map<String, Object> auditItem(String candidate, Grade grade, Outcome outcome) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("candidate", candidate);
        item.put("epreuve", grade.epreuve);
        item.put("statut", grade.statut);
        item.put("note", grade.note);
        item.put("situations", grade.situations);
        item.put("origine", grade.origine);
        item.put("version", grade.version);
        if (outcome != null) {
            item.put("outcome", outcome);
        }
        return item;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
