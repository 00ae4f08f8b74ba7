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
 * certification code and its RNCP number. Which version is {@code current} is remembered for a short time.
 */
@ApplicationScoped
public class RepresentationCache {

    private final Map<String, Representation> versions = new ConcurrentHashMap<>();
    private final Map<String, CurrentPointer> current = new ConcurrentHashMap<>();

    @Inject
    ReferentialConfig config;

    record CurrentPointer(Representation representation, long expiresAtNanos) {
    }

    public Representation version(String codeOrRncp, String number) {
        return versions.get(key(codeOrRncp, number));
    }

    public Representation current(String codeOrRncp) {
        CurrentPointer pointer = current.get(codeOrRncp.toUpperCase(Locale.ROOT));
        if (pointer == null || System.nanoTime() - pointer.expiresAtNanos() > 0) {
            return null;
        }
        return pointer.representation();
    }

    public void putVersion(Representation representation, String rncp) {
        if (!representation.status().isPublic()) {
            return;
        }
        versions.put(key(representation.certificationCode(), Integer.toString(representation.number())), representation);
        if (rncp != null) {
            versions.put(key(rncp, Integer.toString(representation.number())), representation);
        }
    }

    public void putCurrent(Representation representation, String rncp) {
        long expires = System.nanoTime() + config.http().currentLookupTtl().toNanos();
        current.put(representation.certificationCode().toUpperCase(Locale.ROOT), new CurrentPointer(representation, expires));
        if (rncp != null) {
            current.put(rncp.toUpperCase(Locale.ROOT), new CurrentPointer(representation, expires));
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
