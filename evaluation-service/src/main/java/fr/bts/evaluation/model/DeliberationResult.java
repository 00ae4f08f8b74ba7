package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.util.UUID;

/** One candidate's sealed result in one deliberation revision (the engine's result as JSON). */
@Entity
@Table(name = "deliberation_result")
public class DeliberationResult extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    public int revision;
    @Column(name = "candidate_id")
    public UUID candidateId;
    public String decision;
    public BigDecimal moyenne;
    @JdbcTypeCode(SqlTypes.JSON)
    public String result;
}
