package fr.bts.referential.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The date a source document gives for the content of a version that was loaded from it rather than written here
 * (the seeds), with where it comes from and which part of it is a default (migration V3): the true
 * {@code lastChangeDateTime} of such a version in CASE, where its load time would be wrong.
 */
@Entity
@Table(name = "version_source_date")
@IdClass(VersionSourceDate.Key.class)
public class VersionSourceDate extends PanacheEntityBase {

    /** The primary key: certification code and version number. */
    public static class Key implements Serializable {
        public String certificationCode;
        public int versionNumber;

        public Key() {
        }

        public Key(String certificationCode, int versionNumber) {
            this.certificationCode = certificationCode;
            this.versionNumber = versionNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.versionNumber == versionNumber && Objects.equals(k.certificationCode, certificationCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(certificationCode, versionNumber);
        }
    }

    @Id
    @Column(name = "certification_code")
    public String certificationCode;

    @Id
    @Column(name = "version_number")
    public int versionNumber;

    @Column(name = "dated_at", nullable = false)
    public Instant datedAt;

    @Column(nullable = false)
    public String basis;

    @Column(name = "default_part")
    public String defaultPart;

    public static Optional<VersionSourceDate> of(String certificationCode, int versionNumber) {
        return findByIdOptional(new Key(certificationCode, versionNumber));
    }
}
