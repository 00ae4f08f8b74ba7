package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.http.ETags;
import fr.bts.evaluation.model.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The tamper-evident audit log. Each entry's hash is SHA-256 over the previous entry's hash and the entry's own
 * fields, so changing, removing or reordering an entry breaks every link after it. Appends are serialised by a
 * transaction-scoped advisory lock and happen at the end of the writing transaction; the table refuses updates
 * and deletes (trigger), and {@link #verify()} walks the chain and reports the first broken link.
 */
@ApplicationScoped
public class AuditService {

    static final String GENESIS = "0".repeat(64);
    private static final long LOCK_KEY = 0x6576616c_61756469L;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    public record Verification(boolean valid, long entries, Long firstBrokenSeq, String reason) {
    }

    /** Appends one entry in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(String academie, UUID sessionId, String actor, String action, String subject, Object payload) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK_KEY).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("select seq, hash from audit_entry order by seq desc limit 1").getResultList();
        AuditEntry entry = new AuditEntry();
        entry.seq = last.isEmpty() ? 1 : ((Number) last.get(0)[0]).longValue() + 1;
        entry.prevHash = last.isEmpty() ? GENESIS : (String) last.get(0)[1];
        entry.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.academie = academie;
        entry.sessionId = sessionId;
        entry.actor = actor;
        entry.action = action;
        entry.subject = subject;
        entry.payload = json(payload);
        entry.hash = hash(entry);
        entry.persist();
        return entry;
    }

    /** Walks the whole chain in order; the first entry whose link or content does not match is reported. */
    @Transactional
    public Verification verify() {
        String previous = GENESIS;
        long expectedSeq = 1;
        long count = 0;
        int pageSize = 2000;
        while (true) {
            List<AuditEntry> page = AuditEntry.find("seq >= ?1 order by seq", expectedSeq).page(0, pageSize).list();
            if (page.isEmpty()) {
                return new Verification(true, count, null, null);
            }
            for (AuditEntry entry : page) {
                if (entry.seq != expectedSeq) {
                    return new Verification(false, count, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!entry.prevHash.equals(previous)) {
                    return new Verification(false, count, entry.seq, "previous-hash link does not match entry " + (entry.seq - 1));
                }
                if (!hash(entry).equals(entry.hash)) {
                    return new Verification(false, count, entry.seq, "content does not match its hash");
                }
                previous = entry.hash;
                expectedSeq++;
                count++;
            }
            em.clear();
        }
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
