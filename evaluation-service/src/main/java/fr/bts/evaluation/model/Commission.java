package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A commission of a session for one épreuve: the jury members who grade, and the candidates assigned to it. */
@Entity
@Table(name = "commission")
public class Commission extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    public String code;
    public String epreuve;
    @ElementCollection
    @CollectionTable(name = "commission_member", joinColumns = @JoinColumn(name = "commission_id"))
    @Column(name = "account")
    public Set<String> members = new HashSet<>();
    @ElementCollection
    @CollectionTable(name = "commission_candidate", joinColumns = @JoinColumn(name = "commission_id"))
    @Column(name = "candidate_id")
    public Set<UUID> candidates = new HashSet<>();
}
