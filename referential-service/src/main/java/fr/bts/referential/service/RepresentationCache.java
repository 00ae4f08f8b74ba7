package fr.bts.referential.service;

import fr.bts.referential.config.ReferentialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Canonical bytes of public (published or deprecated) versions, kept in memory: a public version changes only
 * when it is deprecated, so the read path serves them without touching the database. Keys accept the
 * certification code and its RNCP number. Which version is {@code current} is remembered for a short time;
 * public versions for {@code referential.http.version-cache-ttl}, so that a deprecation made through another
 * instance is seen everywhere within that delay. A publication or deprecation evicts the certification when it
 * is made and again when its transaction has ended; a read that overlapped an eviction does not store its
 * answer (it may hold the state from before the commit).
 */
@ApplicationScoped
public class RepresentationCache {

    private final Map<String, Entry> versions = new ConcurrentHashMap<>();
    private final Map<String, Entry> current = new ConcurrentHashMap<>();

    private final AtomicLong evictions = new AtomicLong();

    @Inject
    ReferentialConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

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

    /** To take before reading what will be put: the puts of a read that overlapped an eviction are dropped. */
    public long stamp() {
        return evictions.get();
    }

    public void putVersion(Representation representation, String rncp, long stamp) {
        if (!representation.status().isPublic()) {
            return;
        }
        Entry entry = new Entry(representation,
                System.nanoTime() + config.http().versionCacheTtl().toNanos());
        String number = Integer.toString(representation.number());
        put(versions, key(representation.certificationCode(), number), entry, stamp);
        if (rncp != null) {
            put(versions, key(rncp, number), entry, stamp);
        }
    }

    public void putCurrent(Representation representation, String rncp, long stamp) {
        Entry entry = new Entry(representation, System.nanoTime() + config.http().currentLookupTtl().toNanos());
        put(current, representation.certificationCode().toUpperCase(Locale.ROOT), entry, stamp);
        if (rncp != null) {
            put(current, rncp.toUpperCase(Locale.ROOT), entry, stamp);
        }
    }

    private void put(Map<String, Entry> map, String key, Entry entry, long stamp) {
        if (evictions.get() != stamp) {
            return;
        }
        map.put(key, entry);
        if (evictions.get() != stamp) {
            // an eviction started meanwhile; it may have run before this put
            map.remove(key, entry);
        }
    }

    /** Forgets a certification now and again once the current transaction (a publication, a deprecation) ends. */
    public void evictAfterTransaction(String code, String rncp) {
        evict(code, rncp);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                evict(code, rncp);
            }
        });
    }

    /** Forgets everything about a certification. */
    public void evict(String code, String rncp) {
        evictions.incrementAndGet();
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
