package fr.bts.referential.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The record of one seed file loaded by the SeedLoader: which certification it made, when, and by which instance. */
@Entity
@Table(name = "seed_load")
public class SeedLoad extends PanacheEntityBase {

    /** The classpath resource of the seed ({@code seed/bts-gpme.json}). */
    @Id
    public String resource;

    @Column(nullable = false)
    public String certification;

    @Column(name = "loaded_at", nullable = false)
    public Instant loadedAt;

    /** The instance that loaded it ({@code pid@host}). */
    @Column(name = "loaded_by", nullable = false)
    public String loadedBy;
}
