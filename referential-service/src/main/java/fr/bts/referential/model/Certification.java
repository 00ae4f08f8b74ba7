package fr.bts.referential.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A certification (one diploma), found by its code ({@code BTS-GPME}) or its RNCP number ({@code RNCP38363}). */
@Entity
@Table(name = "certification")
public class Certification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    public String rncp;

    @Column(nullable = false)
    public String intitule;

    public String niveau;

    public String etat;

    @Column(name = "search_text", nullable = false)
    public String searchText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** By code or RNCP number, case-insensitively. */
    public static Optional<Certification> findByCodeOrRncp(String codeOrRncp) {
        String key = codeOrRncp == null ? "" : codeOrRncp.trim().toUpperCase(java.util.Locale.ROOT);
        return find("upper(code) = ?1 or upper(rncp) = ?1", key).firstResultOptional();
    }
}
