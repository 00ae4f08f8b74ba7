package fr.bts.referential.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Settings of the referential service; every limit has a default (documented in the module README). */
@ConfigMapping(prefix = "referential")
public interface ReferentialConfig {

    Seed seed();

    Http http();

    Rncp rncp();

    Caches cache();

    Coherence coherence();

    interface Seed {
        /** Loads the seed files on start when their certification is absent. */
        @WithDefault("true")
        boolean enabled();

        /** Classpath resources, each a version document without ids (docs/contracts.md). */
        @WithDefault("seed/bts-gpme.json,seed/bts-sam.json")
        List<String> files();

        /**
         * Longest wait at start for the lock of a seed file that another instance is loading (then the start fails);
         * the lock is polled, so no statement waits longer than the datasource's socket timeout.
         */
        @WithDefault("120S")
        Duration lockTimeout();

        /** Pause between two attempts to take the lock of a seed file. */
        @WithDefault("200ms")
        Duration lockPoll();
    }

    interface Http {
        /** Hard cap of {@code size} on paginated collections. */
        @WithDefault("100")
        int maxPageSize();

        /**
         * {@code Cache-Control: max-age} of the public answers that move when a version is published: {@code current},
         * the certification list and summaries, items by UUID, search.
         */
        @WithDefault("60S")
        Duration currentMaxAge();

        /**
         * {@code Cache-Control: max-age} of a published version: its document says its status, which changes once,
         * at deprecation (a deprecated version never changes again and is served {@code immutable}).
         */
        @WithDefault("600S")
        Duration versionMaxAge();

        /** How long a read waits for the referential's shared generation (the read caches' check) before a 503. */
        @WithDefault("2S")
        Duration coherenceTimeout();
    }

    /**
     * The read caches' coherence across instances by leases ({@code ReadLeases}): while its lease is valid an instance
     * serves remembered answers without reading PostgreSQL; a version write waits, before its 2xx, for every live
     * lease to ack its generation or to expire.
     */
    interface Coherence {
        /** Off: every cached read checks the shared generation in PostgreSQL (one read shared by concurrent requests). */
        @WithDefault("true")
        boolean leaseEnabled();

        /**
         * Length of a lease, by the database's clock; renewed every third of it. The longest a version write waits for
         * an instance that does not ack (lost connection, pause, partition) before its 2xx.
         */
        @WithDefault("2S")
        Duration lease();

        /**
         * How much sooner than the database an instance stops trusting its lease (measured from when it sent the
         * renewal, on its monotonic clock): covers clock-rate differences between the instance and the database.
         */
        @WithDefault("300ms")
        Duration leaseMargin();

        /** Pause between two checks of the acks by a version write waiting for them. */
        @WithDefault("5ms")
        Duration ackPoll();
    }

    /** Bounds of the in-memory read caches (Caffeine, size-bounded: an evicted answer is read again). */
    interface Caches {
        /** Public answers of items by UUID, certification lists and summaries, CASE document lists ({@code PublicReads}). */
        @WithDefault("2000")
        long publicReadsMaxSize();

        /** Canonical bytes of public versions, under code and RNCP number, numbered and current ({@code RepresentationCache}). */
        @WithDefault("1000")
        long representationsMaxSize();

        /** Built CASE packages, per public version state and base URI ({@code CaseService}). */
        @WithDefault("64")
        long casePackagesMaxSize();
    }

    interface Rncp {
        /** Largest RNCP XML export accepted by the import endpoint, in bytes. */
        @WithDefault("2000000")
        int maxBytes();
    }
}
