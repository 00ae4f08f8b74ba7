package fr.bts.evaluation.model;

import fr.bts.evaluation.deliberation.StatutNote;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The grade of one candidate at one épreuve: a mark or CCF situation marks, or a status. */
@Entity
@Table(name = "grade")
public class Grade extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "candidate_id")
    public UUID candidateId;
    public String epreuve;
    @Enumerated(EnumType.STRING)
    public StatutNote statut;
    public BigDecimal note;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, BigDecimal> situations;
    @Enumerated(EnumType.STRING)
    public Origine origine;
    /** Competency grid: criterion → degree of mastery. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> grille;
    public String commentaire;
    public String grader;
    @Column(name = "graded_at")
    public Instant gradedAt;
    @Version
    public long version;
}
