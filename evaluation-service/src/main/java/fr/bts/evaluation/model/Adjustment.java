package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The president's adjustment of one mark during deliberation (R18: the final mark is « arrêtée par le jury »). */
@Entity
@Table(name = "adjustment")
public class Adjustment extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "candidate_id")
    public UUID candidateId;
    public String epreuve;
    public BigDecimal note;
    public String motif;
    public String auteur;
    @Column(name = "created_at")
    public Instant createdAt;
}
