package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.AuditEntry;
import fr.bts.evaluation.model.AuditHead;
import fr.bts.evaluation.model.DeliberationRevision;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** The audit log's entries and chain heads (see AuditService); entries are only ever inserted. */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, AuditEntry.Key> {

    /**
     * The head of {@code chain}, locked until the transaction ends; created at sequence 0 if the chain has none yet.
     * An existing head is locked in one statement, so an append holds the chain's lock one round trip less.
     */
    public AuditHead lockedHead(String chain, String genesis) {
        AuditHead head = getEntityManager().find(AuditHead.class, chain, LockModeType.PESSIMISTIC_WRITE);
        if (head != null) {
            return head;
        }
        getEntityManager().createNativeQuery("insert into audit_head (chain, seq, hash, updated_at) values (?1, 0, ?2, now()) "
                        + "on conflict (chain) do nothing")
                .setParameter(1, chain).setParameter(2, genesis).executeUpdate();
        return getEntityManager().find(AuditHead.class, chain, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<AuditHead> head(String chain) {
        return Optional.ofNullable(getEntityManager().find(AuditHead.class, chain));
    }

    /** Every chain that has a head or an entry, by name. */
    public TreeSet<String> chains() {
        TreeSet<String> chains = new TreeSet<>(getEntityManager().createQuery("select h.chain from AuditHead h", String.class).getResultList());
        chains.addAll(getEntityManager().createQuery("select distinct e.chain from AuditEntry e", String.class).getResultList());
        return chains;
    }

    /** Up to {@code size} entries of {@code chain} from sequence {@code from}, in order. */
    public List<AuditEntry> entries(String chain, long from, int size) {
        return find("chain = ?1 and seq >= ?2 order by seq", chain, from).page(0, size).list();
    }

    /** Sequence → hash of the entries that sealed or revised a deliberation of the chain's académie. */
    public TreeMap<Long, String> anchors(String chain) {
        TreeMap<Long, String> anchors = new TreeMap<>();
        getEntityManager().createQuery("select r from DeliberationRevision r where r.auditSeq is not null and r.sessionId in "
                        + "(select s.id from ExamSession s where s.academie = :academie)", DeliberationRevision.class)
                .setParameter("academie", chain).getResultList()
                .forEach(r -> anchors.put(r.auditSeq, r.auditHash));
        return anchors;
    }

    /** Every read of one verification sees the same committed state, so appends running meanwhile never look like a cut. */
    public void readOnlySnapshot() {
        getEntityManager().createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
    }

    /** Forgets the entries read so far (a verification walks long chains page by page). */
    public void clear() {
        getEntityManager().clear();
    }
}
