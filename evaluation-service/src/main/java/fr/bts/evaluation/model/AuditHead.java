package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * The recorded head of one audit chain (one per académie): the sequence and hash of its last entry, written in the
 * same transaction as that entry. Verify compares the chain with it, so a chain cut short is detected; locking it
 * serialises the appends of one chain, on every instance sharing the database.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead extends PanacheEntityBase {

    @Id
    public String chain;
    public long seq;
    public String hash;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The head of {@code chain}, created at sequence 0 if the chain has none yet, locked until the transaction ends. */
    public static AuditHead locked(String chain, String genesis) {
        getEntityManager().createNativeQuery("insert into audit_head (chain, seq, hash, updated_at) values (?1, 0, ?2, now()) "
                        + "on conflict (chain) do nothing")
                .setParameter(1, chain).setParameter(2, genesis).executeUpdate();
        return getEntityManager().find(AuditHead.class, chain, LockModeType.PESSIMISTIC_WRITE);
    }

    public static Optional<AuditHead> of(String chain) {
        return findByIdOptional(chain);
    }
}
