package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the append-only audit log: {@code seq} is its place in its {@code chain} (the académie), {@code hash}
 * chains it to the entry before in the same chain (see AuditService).
 */
@Entity
@Table(name = "audit_entry")
@IdClass(AuditEntry.Key.class)
public class AuditEntry extends PanacheEntityBase {

    @Id
    public String chain;
    @Id
    public long seq;
    public Instant at;
    public String academie;
    @Column(name = "session_id")
    public UUID sessionId;
    public String actor;
    public String action;
    public String subject;
    public String payload;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;

    /** The identity of an entry: its chain and its sequence in it. */
    public record Key(String chain, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
