package fr.bts.evaluation.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A candidate of a session, from the registration snapshot of dossier-service. */
@Entity
@Table(name = "session_candidate")
public class SessionCandidate extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "registration_id")
    public String registrationId;
    @Column(name = "candidate_number")
    public String candidateNumber;
    /** The Keycloak username allowed to read this candidate's results. */
    public String account;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String categorie;
    public String voie;
    public String forme;
    /** Épreuve codes the candidate sits or holds at this session (compulsory and facultative). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> epreuves;
    @Column(name = "attestation_requested")
    public boolean attestationRequested;

}
