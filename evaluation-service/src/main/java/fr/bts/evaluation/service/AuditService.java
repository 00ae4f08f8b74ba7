package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.http.ETags;
import fr.bts.evaluation.api.AuditDtos.ChainVerification;
import fr.bts.evaluation.api.AuditDtos.Verification;
import fr.bts.evaluation.model.AuditEntry;
import fr.bts.evaluation.model.AuditHead;
import fr.bts.evaluation.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The tamper-evident audit log, one hash chain per académie. Each entry's hash is SHA-256 over the previous entry's
 * hash and the entry's own fields, so changing, removing or reordering an entry breaks every link after it. The head
 * of each chain (last sequence and hash) is recorded apart in {@link AuditHead}, in the appending transaction and
 * under its row lock, which serialises the appends of one académie across every instance on the database; each
 * sealed deliberation records the sequence and hash of its own entry. {@link #verify} walks a chain, reports the
 * first broken link, and compares the end of the chain with the head and the seals: a tail cut off is reported with
 * the missing range. The table refuses updates and deletes (trigger).
 */
@ApplicationScoped
public class AuditService {

    static final String GENESIS = "0".repeat(64);
    /** The chain of entries without an académie (none is written today; kept so that such an entry has a chain). */
    static final String NATIONAL = "#national";
    private static final int PAGE = 2000;

    @Inject
    AuditRepository repository;

    @Inject
    ObjectMapper mapper;

    /**
     * Appends one entry to the académie's chain in the caller's transaction, and moves the chain's head to it. The
     * payload is serialised before the chain's lock is taken: appends of one académie wait for each other only for
     * the link itself.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(String academie, UUID sessionId, String actor, String action, String subject, Object payload) {
        String content = json(payload);
        AuditHead head = repository.lockedHead(chainOf(academie), GENESIS);
        AuditEntry entry = new AuditEntry();
        entry.chain = head.chain;
        entry.seq = head.seq + 1;
        entry.prevHash = head.hash;
        entry.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.academie = academie;
        entry.sessionId = sessionId;
        entry.actor = actor;
        entry.action = action;
        entry.subject = subject;
        entry.payload = content;
        entry.hash = hash(entry);
        repository.persist(entry);
        head.seq = entry.seq;
        head.hash = entry.hash;
        head.updatedAt = entry.at;
        return entry;
    }

    /** Verifies the chain of one académie (what a rectorat sees: its own chain, nothing of the others). */
    @Transactional
    public Verification verify(String academie) {
        repository.readOnlySnapshot();
        return Verification.of(List.of(verifyChain(chainOf(academie))));
    }

    /** Verifies every chain, including the one written before chains were per académie (national role). */
    @Transactional
    public Verification verifyAll() {
        repository.readOnlySnapshot();
        List<ChainVerification> out = new ArrayList<>();
        for (String chain : repository.chains()) {
            out.add(verifyChain(chain));
        }
        return Verification.of(out);
    }

    private ChainVerification verifyChain(String chain) {
        Optional<AuditHead> head = repository.head(chain);
        Long headSeq = head.map(h -> h.seq).orElse(null);
        TreeMap<Long, String> anchors = repository.anchors(chain);
        String previous = GENESIS;
        long expectedSeq = 1;
        long count = 0;
        while (true) {
            List<AuditEntry> page = repository.entries(chain, expectedSeq, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditEntry entry : page) {
                if (entry.seq != expectedSeq) {
                    return broken(chain, count, expectedSeq, "entry " + expectedSeq + " is missing", headSeq);
                }
                if (!entry.prevHash.equals(previous)) {
                    return broken(chain, count, entry.seq, "previous-hash link does not match entry " + (entry.seq - 1), headSeq);
                }
                if (!hash(entry).equals(entry.hash)) {
                    return broken(chain, count, entry.seq, "content does not match its hash", headSeq);
                }
                String anchor = anchors.get(entry.seq);
                if (anchor != null && !anchor.equals(entry.hash)) {
                    return broken(chain, count, entry.seq, "entry does not match the hash recorded by the deliberation it seals", headSeq);
                }
                previous = entry.hash;
                expectedSeq++;
                count++;
            }
            repository.clear();
        }
        long last = count;
        long recorded = Math.max(headSeq == null ? 0 : headSeq, anchors.isEmpty() ? 0 : anchors.lastKey());
        if (recorded > last) {
            return new ChainVerification(chain, false, count, last + 1, "entries " + (last + 1) + " to " + recorded
                    + " are missing: the chain ends at " + last + " but its recorded head is at " + recorded, headSeq, true, last + 1, recorded);
        }
        if (head.isEmpty() && count > 0) {
            return broken(chain, count, 1L, "no head is recorded for this chain", null);
        }
        if (head.isPresent() && headSeq < last) {
            return broken(chain, count, headSeq + 1, "entries after " + headSeq + " were not appended through the log (the head is at "
                    + headSeq + ")", headSeq);
        }
        if (head.isPresent() && !head.get().hash.equals(previous)) {
            return broken(chain, count, last, "the last entry does not match the recorded head", headSeq);
        }
        return new ChainVerification(chain, true, count, null, null, headSeq, false, null, null);
    }

    private static ChainVerification broken(String chain, long count, Long seq, String reason, Long headSeq) {
        return new ChainVerification(chain, false, count, seq, reason, headSeq, false, null, null);
    }

    static String chainOf(String academie) {
        return academie == null || academie.isBlank() ? NATIONAL : academie;
    }

    static String hash(AuditEntry e) {
        String canonical = String.join("\n", e.prevHash, Long.toString(e.seq), e.at.truncatedTo(ChronoUnit.MICROS).toString(),
                nullSafe(e.academie), e.sessionId == null ? "" : e.sessionId.toString(), e.actor, e.action,
                nullSafe(e.subject), e.payload);
        return ETags.sha256Hex(canonical);
    }

    private static String nullSafe(String s) {
        return s == null ? "" : s;
    }

    private String json(Object payload) {
        try {
            return payload instanceof String s ? s : mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit payload is not serialisable", e);
        }
    }
}
