package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

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
}
