package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One entry of the append-only audit log; {@code hash} chains it to the entry before (see AuditService). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

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
}
