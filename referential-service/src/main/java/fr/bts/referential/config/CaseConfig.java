package fr.bts.referential.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the CASE 1.1 read API (documented in the module README). */
@ConfigMapping(prefix = "referential.case")
public interface CaseConfig {

    /** {@code limit} of {@code CFDocuments} when the client gives none (the CASE 1.1 binding's default). */
    @WithDefault("100")
    int defaultLimit();

    /** Largest {@code limit} served; a larger one is served as this many records. */
    @WithDefault("1000")
    int maxLimit();

    /** {@code Cache-Control: max-age} of CASE answers (they change when a version is published or deprecated). */
    @WithDefault("300S")
    Duration maxAge();
}
