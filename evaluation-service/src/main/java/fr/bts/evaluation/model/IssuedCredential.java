package fr.bts.evaluation.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An Open Badges 3.0 credential issued from a sealed result (issue 17), kept as signed: one achievement (a validated
 * bloc or the delivered diploma) of one candidate at one revision, and its place in the académie's status list.
 */
@Entity
@Table(name = "credential")
public class IssuedCredential {

    public enum Kind { DIPLOMA, BLOC }

    @Id
    public UUID id;
    public String academie;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "candidate_id")
    public UUID candidateId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    /** The bloc code, or the certification code for the diploma. */
    public String achievement;
    public int revision;
    @Column(name = "checked_revision")
    public int checkedRevision;
    @Column(name = "claims_sha256")
    public String claimsSha256;
    @Column(name = "status_list")
    public int statusList;
    @Column(name = "status_index")
    public int statusIndex;
    @Column(name = "short_code")
    public String shortCode;
    public String jwt;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Column(name = "revoked_by_revision")
    public Integer revokedByRevision;
}
