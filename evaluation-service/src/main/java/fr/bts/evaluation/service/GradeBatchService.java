package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import fr.bts.evaluation.api.GradeDtos.ItemOutcome;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.grading.GradeChange;
import fr.bts.evaluation.grading.GradeContent;
import fr.bts.evaluation.grading.GradingRules;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.SessionCandidate;
import fr.bts.evaluation.repository.GradablePair;
import fr.bts.evaluation.repository.GradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A grade batch, all or nothing, in four steps: <b>resolve</b> the candidates and what the caller grades (404 with
 * every item outside their commissions), <b>validate</b> every item by {@link GradingRules} (422 with every problem),
 * <b>plan</b> each item against the stored grade by {@link GradeChange} (409 with every conflict), then write and
 * <b>report</b> each item's outcome. Each step reads what it needs in one query for the whole batch; the writes are
 * JDBC batches; the batch extends the audit chain once. A batch carries an {@code Idempotency-Key}: a retry replays
 * the first answer and never duplicates.
 */
@ApplicationScoped
public class GradeBatchService {

    @Inject
    GradeRepository repository;
    @Inject
    GradeService grades;
    @Inject
    Idempotency idempotency;
    @Inject
    Caller callerOfKey;
    @Inject
    Access access;
    @Inject
    SessionService sessions;
    @Inject
    AuditService audit;
    @Inject
    EvaluationConfig config;
    @Inject
    ObjectMapper mapper;

    public record BatchAnswer(int status, String body, boolean replayed) {
    }

    /** The batch's candidates by number, and the candidate/épreuve pairs the caller grades among them. */
    private record Resolved(Map<String, SessionCandidate> candidates, Set<GradablePair> gradable) {
        SessionCandidate candidate(BatchItem item) {
            return candidates.get(item.candidate());
        }
    }

    /** What the batch writes: each item's grade and outcome, in item order. */
    private record Plan(List<Grade> grades, List<Outcome> outcomes) {
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
                run -> Reply.json(200, store(access.sessionForGrading(sessionId), batch.grades(), caller, idempotencyKey)));
        return new BatchAnswer(reply.status(), reply.body(), reply.replayed());
    }

    private String store(ExamSession session, List<BatchItem> items, String caller, String idempotencyKey) {
        GradeService.requireAcceptsGrades(session);
        Resolved resolved = resolve(session, items, caller);
        validate(sessions.rules(session), items, resolved);
        Plan plan = plan(session, items, resolved, caller);
        write(plan);
        return report(session, items, plan, caller, idempotencyKey);
    }

    /** Resolve: every item names a candidate the caller grades at its épreuve, else 404 listing each item that does not. */
    private Resolved resolve(ExamSession session, List<BatchItem> items, String caller) {
        Set<String> numbers = items.stream().map(BatchItem::candidate).collect(Collectors.toSet());
        Map<String, SessionCandidate> candidates = repository.candidatesReadOnly(session.id, numbers).stream()
                .collect(Collectors.toMap(c -> c.candidateNumber, Function.identity()));
        Resolved resolved = new Resolved(candidates, repository.gradableBy(session.id, caller,
                candidates.values().stream().map(c -> c.id).toList()));
        List<Problem.Violation> notFound = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            SessionCandidate c = resolved.candidate(item);
            if (c == null || !resolved.gradable().contains(new GradablePair(c.id, item.epreuve()))) {
                notFound.add(new Problem.Violation("grades[" + i + "]", "no candidate " + item.candidate() + " at "
                        + item.epreuve() + " in your commissions", item.candidate()));
            }
        }
        if (!notFound.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, notFound.size()
                    + " grade(s) concern candidates outside your commissions; nothing was stored", notFound));
        }
        return resolved;
    }

    /** Validate: no candidate and épreuve twice, every item by the grading rules; else 422 listing every problem. */
    private void validate(ReglesExamen rules, List<BatchItem> items, Resolved resolved) {
        GradingRules grading = grades.grading();
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            if (!seen.add(item.candidate() + "/" + item.epreuve())) {
                violations.add(new Problem.Violation("grades[" + i + "]", "the same candidate and épreuve appear twice in the batch"));
            }
            SessionCandidate c = resolved.candidate(item);
            violations.addAll(grading.check(rules, c.candidateNumber, c.epreuves, item.epreuve(), item.input(), "grades[" + i + "]."));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " invalid field(s) in the batch; nothing was stored", violations);
        }
    }

    /** Plan: each item against its stored grade (created, unchanged or updated); else 409 listing every conflict. */
    private Plan plan(ExamSession session, List<BatchItem> items, Resolved resolved, String caller) {
        Map<GradablePair, Grade> stored = new HashMap<>();
        repository.storedReadOnly(session.id, resolved.candidates().values().stream().map(c -> c.id).toList())
                .forEach(g -> stored.put(new GradablePair(g.candidateId, g.epreuve), g));
        Instant now = Instant.now();
        Plan plan = new Plan(new ArrayList<>(items.size()), new ArrayList<>(items.size()));
        List<Problem.Violation> conflicts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            SessionCandidate c = resolved.candidate(item);
            Grade grade = stored.get(new GradablePair(c.id, item.epreuve()));
            GradeChange change = GradeChange.of(grade, item.input(), item.version(), item.epreuve(), "grades[" + i + "]");
            if (change.conflict() != null) {
                conflicts.add(change.conflict());
                continue;
            }
            switch (change.outcome()) {
                case CREATED -> grade = GradeContent.newGrade(session.id, c.id, item.epreuve(), item.input(), caller, now);
                case UPDATED -> GradeContent.apply(grade, item.input(), caller, now);
                case UNCHANGED -> { }
            }
            plan.grades().add(grade);
            plan.outcomes().add(change.outcome());
        }
        if (!conflicts.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.CONFLICT, conflicts.size()
                    + " grade(s) conflict with stored grades; nothing was stored", conflicts));
        }
        return plan;
    }

    private void write(Plan plan) {
        List<Grade> created = new ArrayList<>();
        List<Grade> updated = new ArrayList<>();
        for (int i = 0; i < plan.grades().size(); i++) {
            switch (plan.outcomes().get(i)) {
                case CREATED -> created.add(plan.grades().get(i));
                case UPDATED -> updated.add(plan.grades().get(i));
                case UNCHANGED -> { }
            }
        }
        repository.insert(created);
        repository.update(updated);
    }

    /** Report: each item's outcome and version, and one audit entry listing the items written. */
    private String report(ExamSession session, List<BatchItem> items, Plan plan, String caller, String idempotencyKey) {
        List<ItemOutcome> itemOutcomes = new ArrayList<>(items.size());
        List<Map<String, Object>> auditItems = new ArrayList<>();
        int[] counts = new int[Outcome.values().length];
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            Grade grade = plan.grades().get(i);
            Outcome outcome = plan.outcomes().get(i);
            counts[outcome.ordinal()]++;
            itemOutcomes.add(new ItemOutcome(i, item.candidate(), item.epreuve(), outcome, grade.version));
            if (outcome != Outcome.UNCHANGED) {
                auditItems.add(GradeContent.auditItem(item.candidate(), grade, outcome));
            }
        }
        String body = json(new BatchOutcome(items.size(), counts[Outcome.CREATED.ordinal()], counts[Outcome.UPDATED.ordinal()],
                counts[Outcome.UNCHANGED.ordinal()], itemOutcomes));
        if (!auditItems.isEmpty()) {
            audit.append(session.academie, session.id, caller, "GRADES_BATCH", "Idempotency-Key " + idempotencyKey,
                    Map.of("items", auditItems));
        }
        return body;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
