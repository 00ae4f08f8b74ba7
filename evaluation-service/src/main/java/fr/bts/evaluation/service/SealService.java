package fr.bts.evaluation.service;

import fr.bts.commons.http.ETags;
import fr.bts.evaluation.api.DeliberationDtos.CandidateResult;
import fr.bts.evaluation.api.DeliberationDtos.RevisionView;
import fr.bts.evaluation.model.AuditEntry;
import fr.bts.evaluation.model.DeliberationResult;
import fr.bts.evaluation.model.DeliberationRevision;
import fr.bts.evaluation.model.ExamSession;
import fr.bts.evaluation.repository.CandidateRepository;
import fr.bts.evaluation.repository.DeliberationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores a sealed revision: the revision row, every candidate's full result (so a transcript never recomputes), and
 * the audit entry whose sequence and hash the revision keeps as its anchor.
 */
@ApplicationScoped
public class SealService {

    @Inject
    Access access;
    @Inject
    AuditService audit;
    @Inject
    DeliberationRepository deliberations;
    @Inject
    CandidateRepository candidates;
    @Inject
    ResultJson json;

    /** Stores revision {@code number} of the session's results (in candidate order) and makes it the current one. */
    public RevisionView store(ExamSession session, int number, String reason, List<CandidateResult> results) {
        Instant now = Instant.now();
        DeliberationRevision revision = new DeliberationRevision();
        revision.id = UUID.randomUUID();
        revision.sessionId = session.id;
        revision.revision = number;
        revision.reason = reason;
        revision.createdBy = access.username();
        revision.createdAt = now;
        deliberations.persist(revision);
        Map<String, UUID> ids = new HashMap<>();
        candidates.refs(session.id).forEach(c -> ids.put(c.candidateNumber(), c.id()));
        StringBuilder digest = new StringBuilder();
        Map<String, Long> decisions = new TreeMap<>();
        List<DeliberationResult> rows = new ArrayList<>(results.size());
        for (CandidateResult r : results) {
            DeliberationResult row = new DeliberationResult();
            row.id = UUID.randomUUID();
            row.sessionId = session.id;
            row.revision = number;
            row.candidateId = ids.get(r.candidate());
            row.decision = r.result().decision().name();
            row.moyenne = r.result().moyenne();
            row.result = json.write(r.result());
            rows.add(row);
            digest.append(r.candidate()).append('\t').append(row.result).append('\n');
            decisions.merge(row.decision, 1L, Long::sum);
        }
        deliberations.store(rows);
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
}
