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

import java.util.List;
import java.util.UUID;

/** One element of one version, flattened from its document (see {@code DocumentElements}). */
@Entity
@Table(name = "referential_element")
public class ReferentialElement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "version_id")
    public ReferentialVersion version;

    @Column(name = "element_id", nullable = false)
    public UUID elementId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String code;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false)
    public int ordre;

    public String libelle;

    @Column(name = "search_text", nullable = false)
    public String searchText;

    @Column(nullable = false)
    public String payload;

    public static List<ReferentialElement> ofVersion(ReferentialVersion version) {
        return list("version = ?1 order by pk", version);
    }

    public static long deleteOfVersion(ReferentialVersion version) {
        return delete("version", version);
    }
}
