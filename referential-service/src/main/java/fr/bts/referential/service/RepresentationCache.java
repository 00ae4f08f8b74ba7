package fr.bts.referential.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.function.Function;

/**
 * Canonical bytes of public (published or deprecated) versions, kept in memory so that the read path serves them
 * without reading the document again, and which version is {@code current}. Keys accept the certification code and
 * its RNCP number. Each entry carries the shared generation ({@link VersionWrites}) read before the rows it came from:
 * the reader serves it only while a generation read after the request arrived is the same, so a publication or
 * deprecation through any instance shows at the next request on every instance. A deprecated version never changes
 * again ({@link Representation#immutable()}): its entry needs no check. Held in {@link ReadCaches}.
 */
@ApplicationScoped
public class RepresentationCache {

    /** Codes come from request paths: bounded by {@code referential.cache.representations-max-size}. */
    @Inject
    ReadCaches caches;

    /**
     * A remembered representation, the generation it was read under and what the fast path made of it the first time
     * it answered it ({@link #prepared}): kept as long as the entry, so dropped with it.
     */
    public static final class Entry {
        private final Representation representation;
        private final long generation;
        private volatile Object prepared;

        public Entry(Representation representation, long generation) {
            this.representation = representation;
            this.generation = generation;
        }

        public Representation representation() {
            return representation;
        }

        public long generation() {
            return generation;
        }

        /**
         * What {@code prepare} makes of this entry (e.g. its answers' header fields, encoded), made once: racing
         * threads may both make it, and either result serves, since {@code prepare} depends on the entry only.
         */
        @SuppressWarnings("unchecked")
        public <T> T prepared(Function<Entry, T> prepare) {
            Object p = prepared;
            if (p == null) {
                p = prepare.apply(this);
                prepared = p;
            }
            return (T) p;
        }
    }

    public Entry version(String codeOrRncp, String number) {
        return caches.representations().getIfPresent(key(codeOrRncp, number));
    }

    public Entry current(String codeOrRncp) {
        return caches.representations().getIfPresent(key(codeOrRncp, ReferentialQueryService.CURRENT));
    }

    /** Remembers a public version read when {@link VersionWrites#generation()} was {@code generation}. */
    public void putVersion(Representation representation, String rncp, long generation) {
        if (representation.status().isPublic()) {
            put(representation, Integer.toString(representation.number()), rncp, generation);
        }
    }

    /** Remembers which version is current, as read when {@link VersionWrites#generation()} was {@code generation}. */
    public void putCurrent(Representation representation, String rncp, long generation) {
        put(representation, ReferentialQueryService.CURRENT, rncp, generation);
    }

    private void put(Representation representation, String version, String rncp, long generation) {
        Entry entry = new Entry(representation, generation);
        caches.representations().put(key(representation.certificationCode(), version), entry);
        if (rncp != null) {
            caches.representations().put(key(rncp, version), entry);
        }
    }

    /** The one place keys are made: certification (code or RNCP number, any case) and version (number or current). */
    private static String key(String codeOrRncp, String version) {
        return codeOrRncp.toUpperCase(Locale.ROOT) + "|" + version.toLowerCase(Locale.ROOT);
    }
}
