package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A sealed deliberation: revision 1 is the seal, each later one a correction by the president with its reason. It
 * records the sequence and hash of its own audit entry, an anchor that verify checks the chain against.
 */
@Entity
@Table(name = "deliberation_revision")
public class DeliberationRevision extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    public int revision;
    public String reason;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "audit_seq")
    public Long auditSeq;
    @Column(name = "audit_hash")
    public String auditHash;
}
