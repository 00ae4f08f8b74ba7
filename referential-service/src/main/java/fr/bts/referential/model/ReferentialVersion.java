package fr.bts.referential.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One version of a certification's referential. {@link #document} holds the canonical JSON of the whole
 * tree (docs/contracts.md), {@link #etag} its strong ETag and {@link #sha256} its hash.
 */
@Entity
@Table(name = "referential_version")
public class ReferentialVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "certification_id")
    public Certification certification;

    @Column(nullable = false)
    public int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public VersionStatus status;

    public String libelle;

    @Column(nullable = false)
    public String document;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public String etag;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "validated_at")
    public Instant validatedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "deprecated_at")
    public Instant deprecatedAt;

    @Version
    public long revision;

    public static List<ReferentialVersion> ofCertification(Certification certification) {
        return list("certification = ?1 order by number", certification);
    }

    public static Optional<ReferentialVersion> byNumber(Certification certification, int number) {
        return find("certification = ?1 and number = ?2", certification, number).firstResultOptional();
    }

    /** The latest PUBLISHED version: what {@code current} designates. */
    public static Optional<ReferentialVersion> latestPublished(Certification certification) {
        return find("certification = ?1 and status = ?2 order by number desc", certification, VersionStatus.PUBLISHED)
                .firstResultOptional();
    }

    public static Optional<ReferentialVersion> latest(Certification certification) {
        return find("certification = ?1 order by number desc", certification).firstResultOptional();
    }
}
