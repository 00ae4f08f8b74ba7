package fr.bts.commons.security.token;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Identities of bearer tokens already verified, keyed by the exact token text, so that only the very same
 * bytes hit. An entry lives until the token's own {@code exp} or the TTL, whichever is first, and the expiry is
 * checked at every use, so a cached token is never accepted past its {@code exp}. Bounded: when full, expired
 * entries go, and if that is not enough the cache starts over.
 */
public final class VerifiedTokenCache {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int maxEntries;
    private final LongSupplier clock;

    public VerifiedTokenCache(long ttlMillis, int maxEntries, LongSupplier clock) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The identity verified earlier for exactly this token, if it is still valid now; else null. */
    public SecurityIdentity get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.expiresAtMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a verified identity; only JWT identities whose token has an expiry are kept. */
    public void put(String token, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long expiresAt = Math.min(jwt.getExpirationTime() * 1000, now + ttlMillis);
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> now >= e.expiresAtMillis());
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(identity, expiresAt));
    }

    public int size() {
        return entries.size();
    }
}
