package fr.bts.referential.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A free-text field of an imported RNCP fiche, kept as the raw HTML France Compétences published, with its hash. */
@Entity
@Table(name = "rncp_import_field")
public class RncpImportField extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    public ReferentialVersion version;

    @Column(name = "numero_fiche", nullable = false)
    public String numeroFiche;

    @Column(nullable = false)
    public String field;

    @Column(name = "bloc_code")
    public String blocCode;

    @Column(name = "raw_html", nullable = false)
    public String rawHtml;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    public static List<RncpImportField> ofVersion(ReferentialVersion version) {
        return list("version = ?1 order by id", version);
    }
}
