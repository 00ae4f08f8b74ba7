package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A member of a session's jury (or its president), with the quality R19 counts. */
@Entity
@Table(name = "jury_member")
public class JuryMember extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    public String account;
    public String name;
    @Enumerated(EnumType.STRING)
    public fr.bts.evaluation.jury.QualiteJure qualite;
    public boolean president;
}
