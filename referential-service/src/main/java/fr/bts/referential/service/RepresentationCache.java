package fr.bts.referential.service;

import fr.bts.referential.config.ReferentialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical bytes of public (published or deprecated) versions, kept in memory: a public version changes only
 * when it is deprecated, so the read path serves them without touching the database. Keys accept the
 * certification code and its RNCP number. Which version is {@code current} is remembered for a short time;
 * public versions for {@code referential.http.version-cache-ttl}, so that a deprecation made through another
 * instance is seen everywhere within that delay. On this instance an entry is good only while no version write
 * has ended since the read that produced it began ({@link VersionWrites}): a publication or deprecation shows at
 * once after its commit, and a read made before the commit is never kept past it.
 */
@ApplicationScoped
public class RepresentationCache {

    private final Map<String, Entry> versions = new ConcurrentHashMap<>();
    private final Map<String, Entry> current = new ConcurrentHashMap<>();

    @Inject
    ReferentialConfig config;

    @Inject
    VersionWrites writes;

    record Entry(Representation representation, long expiresAtNanos, long generation) {
    }

    public Representation version(String codeOrRncp, String number) {
        return valid(versions.get(key(codeOrRncp, number)));
    }

    public Representation current(String codeOrRncp) {
        return valid(current.get(codeOrRncp.toUpperCase(Locale.ROOT)));
    }

    /**
     * Remembers a public version read when {@link VersionWrites#generation()} was {@code generation}.
     */
    public void putVersion(Representation representation, String rncp, long generation) {
        if (!representation.status().isPublic()) {
            return;
        }
        Entry entry = new Entry(representation, System.nanoTime() + config.http().versionCacheTtl().toNanos(), generation);
        String number = Integer.toString(representation.number());
        versions.put(key(representation.certificationCode(), number), entry);
        if (rncp != null) {
            versions.put(key(rncp, number), entry);
        }
    }

    /** Remembers which version is current, as read when {@link VersionWrites#generation()} was {@code generation}. */
    public void putCurrent(Representation representation, String rncp, long generation) {
        Entry entry = new Entry(representation, System.nanoTime() + config.http().currentLookupTtl().toNanos(), generation);
        current.put(representation.certificationCode().toUpperCase(Locale.ROOT), entry);
        if (rncp != null) {
            current.put(rncp.toUpperCase(Locale.ROOT), entry);
        }
    }

    private Representation valid(Entry entry) {
        if (entry == null || System.nanoTime() - entry.expiresAtNanos() > 0 || entry.generation() != writes.generation()) {
            return null;
        }
        return entry.representation();
    }

    private static String key(String codeOrRncp, String number) {
        return codeOrRncp.toUpperCase(Locale.ROOT) + "|" + number;
    }
}
