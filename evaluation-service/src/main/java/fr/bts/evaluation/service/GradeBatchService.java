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
import fr.bts.evaluation.grading.BatchAuditPayload;
import fr.bts.evaluation.grading.BatchShape;
import fr.bts.evaluation.grading.GradeChange;
import fr.bts.evaluation.grading.GradeContent;
import fr.bts.evaluation.grading.GradingRules;
import fr.bts.evaluation.grading.RandomIds;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.repository.GradablePair;
import fr.bts.evaluation.repository.GradeBatchRows;
import fr.bts.evaluation.repository.GradeBatchRows.BatchCandidate;
import fr.bts.evaluation.repository.GradeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A grade batch, all or nothing, in four steps: <b>resolve</b> the candidates and what the caller grades (404 with
 * every item outside their commissions), <b>validate</b> every item by {@link GradingRules} (422 with every problem),
 * <b>plan</b> each item against the stored grade by {@link GradeChange} (409 with every conflict), then write and
 * <b>report</b> each item's outcome. Each step reads what it needs in one statement for the whole batch
 * ({@link GradeBatchRows}); the writes are JDBC batches; the batch extends the audit chain once, last, after its answer
 * is recorded, so that the chain's lock waits only for the link and the commit. A batch carries an
 * {@code Idempotency-Key}: a retry replays the first answer and never duplicates.
 */
@ApplicationScoped
public class GradeBatchService {

    @Inject
    GradeBatchRows rows;
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

    /** The batch's candidates by number, each with the épreuves the caller grades them at. */
    private record Resolved(Map<String, BatchCandidate> candidates) {
        BatchCandidate candidate(BatchItem item) {
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
        BatchShape.require(batch);
        IdempotencyKeys.parse(idempotencyKey, true);
        if (batch.grades().size() > config.grades().batchMax()) {
            throw ProblemException.invalid("grades", "at most " + config.grades().batchMax() + " grades per batch");
        }
        String caller = access.username();
        // claimed before this transaction reads anything: the claim's own transaction then never waits for a pooled
        // connection while this one holds another
        Written[] written = new Written[1];
        Reply reply = idempotency.run(callerOfKey, idempotencyKey, true, "grades-batch", sessionId + "\n" + json(batch), run -> {
            written[0] = store(access.sessionForGrading(sessionId), batch.grades(), caller);
            return Reply.json(200, written[0].body());
        });
        if (written[0] != null && written[0].audited()) {
            // last, after the answer is recorded: the chain's lock (one per académie) is then held for the link and the
            // commit only, not for the idempotency completion; a failure here rolls the grades and the answer back
            ExamSession session = written[0].session();
            audit.append(session.academie, session.id, caller, "GRADES_BATCH", "Idempotency-Key " + idempotencyKey,
                    written[0].audit());
        }
        return new BatchAnswer(reply.status(), reply.body(), reply.replayed());
    }

    /** What a batch wrote: its answer, and the payload of its audit entry (null when every item was unchanged). */
    private record Written(ExamSession session, String body, String audit) {
        boolean audited() {
            return audit != null;
        }
    }

    private Written store(ExamSession session, List<BatchItem> items, String caller) {
        GradeService.requireAcceptsGrades(session);
        Resolved resolved = resolve(session, items, caller);
        validate(sessions.rules(session), items, resolved);
        Plan plan = plan(session, items, resolved, caller);
        write(plan);
        return report(session, items, plan);
    }

    /** Resolve: every item names a candidate the caller grades at its épreuve, else 404 listing each item that does not. */
    private Resolved resolve(ExamSession session, List<BatchItem> items, String caller) {
        Set<String> numbers = items.stream().map(BatchItem::candidate).collect(Collectors.toSet());
        Resolved resolved = new Resolved(rows.candidates(session.id, caller, numbers));
        List<Problem.Violation> notFound = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            BatchCandidate c = resolved.candidate(item);
            if (c == null || !c.gradable().contains(item.epreuve())) {
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
            BatchCandidate c = resolved.candidate(item);
            violations.addAll(grading.check(rules, c.candidateNumber(), c.epreuves(), item.epreuve(), item.input(), "grades[" + i + "]."));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() + " invalid field(s) in the batch; nothing was stored", violations);
        }
    }

    /** Plan: each item against its stored grade (created, unchanged or updated); else 409 listing every conflict. */
    private Plan plan(ExamSession session, List<BatchItem> items, Resolved resolved, String caller) {
        Map<GradablePair, Grade> stored = rows.stored(session.id, resolved.candidates().values().stream().map(BatchCandidate::id).toList());
        Instant now = Instant.now();
        RandomIds ids = RandomIds.of(items.size());
        Plan plan = new Plan(new ArrayList<>(items.size()), new ArrayList<>(items.size()));
        List<Problem.Violation> conflicts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            BatchCandidate c = resolved.candidate(item);
            Grade grade = stored.get(new GradablePair(c.id(), item.epreuve()));
            GradeChange change = GradeChange.of(grade, item.input(), item.version(), item.epreuve(), "grades[" + i + "]");
            if (change.conflict() != null) {
                conflicts.add(change.conflict());
                continue;
            }
            switch (change.outcome()) {
                case CREATED -> grade = GradeContent.newGrade(ids.next(), session.id, c.id(), item.epreuve(), item.input(), caller, now);
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

    /** Report: each item's outcome and version, and the payload of the one audit entry listing the items written. */
    private Written report(ExamSession session, List<BatchItem> items, Plan plan) {
        List<ItemOutcome> itemOutcomes = new ArrayList<>(items.size());
        BatchAuditPayload audited = new BatchAuditPayload(mapper);
        int[] counts = new int[Outcome.values().length];
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            Grade grade = plan.grades().get(i);
            Outcome outcome = plan.outcomes().get(i);
            counts[outcome.ordinal()]++;
            itemOutcomes.add(new ItemOutcome(i, item.candidate(), item.epreuve(), outcome, grade.version));
            if (outcome != Outcome.UNCHANGED) {
                audited.add(item.candidate(), grade, outcome);
            }
        }
        String body = json(new BatchOutcome(items.size(), counts[Outcome.CREATED.ordinal()], counts[Outcome.UPDATED.ordinal()],
                counts[Outcome.UNCHANGED.ordinal()], itemOutcomes));
        return new Written(session, body, audited.text());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
