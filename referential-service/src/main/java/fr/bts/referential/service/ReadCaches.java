package fr.bts.referential.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.bts.referential.config.ReferentialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * The in-memory read caches of the referential, in one place: Caffeine caches bounded by {@code referential.cache.*}
 * (an evicted entry is read again), all emptied on this instance as soon as a transaction that wrote versions commits
 * through it (a publication, a deprecation, a draft change) or when this instance's lease acks a generation written
 * through another ({@link ReadLeases}). What keeps them coherent across instances is the shared generation
 * ({@link VersionWrites}): every entry of {@link PublicReads} and {@link RepresentationCache} carries the generation
 * read before the rows it came from and is served only while it is the generation this instance's valid lease acked
 * (or, without one, the one a read made after the request arrived shows); CASE packages are keyed by the ETags of the
 * versions they show.
 * Reads are lock-free ({@code getIfPresent}).
 */
@ApplicationScoped
public class ReadCaches {

    private final Cache<String, PublicReads.Entry> publicReads;
    private final Cache<String, RepresentationCache.Entry> representations;
    private final Cache<String, ObjectNode> casePackages;

    @Inject
    ReadCaches(ReferentialConfig config) {
        ReferentialConfig.Caches bounds = config.cache();
        publicReads = Caffeine.newBuilder().maximumSize(bounds.publicReadsMaxSize()).build();
        representations = Caffeine.newBuilder().maximumSize(bounds.representationsMaxSize()).build();
        casePackages = Caffeine.newBuilder().maximumSize(bounds.casePackagesMaxSize()).build();
    }

    /** Public answers by key ({@link PublicReads}). */
    Cache<String, PublicReads.Entry> publicReads() {
        return publicReads;
    }

    /** Public version documents by certification and version ({@link RepresentationCache}). */
    Cache<String, RepresentationCache.Entry> representations() {
        return representations;
    }

    /** Built CASE packages by document, base URI and version ETags ({@link CaseService}). */
    Cache<String, ObjectNode> casePackages() {
        return casePackages;
    }

    /** A version write committed through this instance: nothing held can be served again, so it is all dropped. */
    void retire(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionWrites.Committed committed) {
        dropAll();
    }

    /** Drops every entry: a version write committed here, or this instance's lease acks a new generation. */
    void dropAll() {
        publicReads.invalidateAll();
        representations.invalidateAll();
        casePackages.invalidateAll();
    }
}
