package fr.bts.referential.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
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
 * <p>
 * The document (70 to 150 KB) is loaded lazily, on first read of the field: summaries, lookups of the current
 * version and items need only the small columns, and used to pay for reading, detoasting and decoding the whole
 * document on every call. Reading {@link #document} therefore needs an open session (a transaction).
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

    @Basic(fetch = FetchType.LAZY)
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

    /** The latest PUBLISHED version of every certification having one, with its certification, by code: one query. */
    public static List<ReferentialVersion> latestPublishedOfEach() {
        return list("from ReferentialVersion v join fetch v.certification c where v.status = ?1 and v.number = "
                + "(select max(v2.number) from ReferentialVersion v2 where v2.certification = c and v2.status = ?1) "
                + "order by c.code", VersionStatus.PUBLISHED);
    }

    public static Optional<ReferentialVersion> latest(Certification certification) {
        return find("certification = ?1 order by number desc", certification).firstResultOptional();
    }
}
