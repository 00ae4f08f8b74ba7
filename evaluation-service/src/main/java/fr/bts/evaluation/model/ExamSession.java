package fr.bts.evaluation.model;

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

import java.time.Instant;
import java.util.UUID;

/** An exam session of one certification and referential version in one académie. */
@Entity
@Table(name = "exam_session")
public class ExamSession extends PanacheEntityBase {

    @Id
    public UUID id;
    public String academie;
    public String certification;
    @Column(name = "referential_version")
    public int referentialVersion;
    public int year;
    @Enumerated(EnumType.STRING)
    public SessionStatus status;
    /** The exam rules of the version ({@code ReglesExamen} as JSON), copied at opening. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String rules;
    @Column(name = "snapshot_taken_at")
    public Instant snapshotTakenAt;
    @Column(name = "current_revision")
    public int currentRevision;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sealed_at")
    public Instant sealedAt;
    @Column(name = "sealed_by")
    public String sealedBy;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Version
    public long version;
}
