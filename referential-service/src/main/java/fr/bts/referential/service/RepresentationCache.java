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
 * instance is seen everywhere within that delay.
 */
@ApplicationScoped
public class RepresentationCache {

    private final Map<String, Entry> versions = new ConcurrentHashMap<>();
    private final Map<String, Entry> current = new ConcurrentHashMap<>();

    @Inject
    ReferentialConfig config;

    record Entry(Representation representation, long expiresAtNanos) {
    }

    public Representation version(String codeOrRncp, String number) {
        Entry entry = versions.get(key(codeOrRncp, number));
        if (entry == null || System.nanoTime() - entry.expiresAtNanos() > 0) {
            return null;
        }
        return entry.representation();
    }

    public Representation current(String codeOrRncp) {
        Entry pointer = current.get(codeOrRncp.toUpperCase(Locale.ROOT));
        if (pointer == null || System.nanoTime() - pointer.expiresAtNanos() > 0) {
            return null;
        }
        return pointer.representation();
    }

    public void putVersion(Representation representation, String rncp) {
        if (!representation.status().isPublic()) {
            return;
        }
        Entry entry = new Entry(representation,
                System.nanoTime() + config.http().versionCacheTtl().toNanos());
        versions.put(key(representation.certificationCode(), Integer.toString(representation.number())), entry);
        if (rncp != null) {
            versions.put(key(rncp, Integer.toString(representation.number())), entry);
        }
    }

    public void putCurrent(Representation representation, String rncp) {
        long expires = System.nanoTime() + config.http().currentLookupTtl().toNanos();
        current.put(representation.certificationCode().toUpperCase(Locale.ROOT), new Entry(representation, expires));
        if (rncp != null) {
            current.put(rncp.toUpperCase(Locale.ROOT), new Entry(representation, expires));
        }
    }

    /** Forgets everything about a certification, after a publication or a deprecation. */
    public void evict(String code, String rncp) {
        for (String k : new String[] {code, rncp}) {
            if (k != null) {
                String prefix = k.toUpperCase(Locale.ROOT) + "|";
                versions.keySet().removeIf(key -> key.startsWith(prefix));
                current.remove(k.toUpperCase(Locale.ROOT));
            }
        }
    }

    private static String key(String codeOrRncp, String number) {
        return codeOrRncp.toUpperCase(Locale.ROOT) + "|" + number;
    }
}
