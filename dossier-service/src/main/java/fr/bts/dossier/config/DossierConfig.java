package fr.bts.dossier.config;

import fr.bts.commons.idempotency.IdempotencySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Limits and thresholds of the dossier service; every value has a default and is documented in the README. */
@ConfigMapping(prefix = "dossier")
public interface DossierConfig {

    Attachments attachments();

    Imports imports();

    /** {@code Idempotency-Key}: retention, purge, lease (see commons {@code IdempotencySettings}). */
    IdempotencySettings idempotency();

    Page page();

    Referential referential();

    interface Attachments {
        /** Largest attachment accepted, in bytes. */
        @WithDefault("10485760")
        long maxSize();

        /** Content types a candidate may upload. */
        @WithDefault("application/pdf,image/png,image/jpeg")
        List<String> allowedTypes();

        /** Largest total size of the files inside an OOXML / OpenDocument attachment once inflated, in bytes (64 MiB). */
        @WithDefault("67108864")
        long maxInflatedSize();

        /** Largest ratio of inflated size to file size of such an attachment (ordinary documents stay under 30). */
        @WithDefault("100")
        int maxCompressionRatio();

        /** Most entries in such an attachment. */
        @WithDefault("2000")
        int maxArchiveEntries();
    }

    interface Imports {
        /** Most rows one import request may carry. */
        @WithDefault("10000")
        int maxRows();

        /**
         * New files per unordered {@code insertMany} command of an import (the driver splits a larger one at the
         * server's {@code maxWriteBatchSize}: 1,000 for the wire server, 100,000 for {@code mongod}).
         */
        @WithDefault("1000")
        int insertBatch();

        /** How many of those commands one instance has in flight at once (all imports together). */
        @WithDefault("2")
        int insertParallelism();
    }

    interface Page {
        /** Hard cap of {@code size} on collections. */
        @WithDefault("200")
        int maxSize();
    }

    interface Referential {
        /** How long the number behind {@code current} is trusted before asking again. */
        @WithDefault("60S")
        Duration currentTtl();

        /** Most referential versions one instance keeps in memory (each also kept in MongoDB). */
        @WithDefault("64")
        long versionsCacheMaxSize();
    }
}
