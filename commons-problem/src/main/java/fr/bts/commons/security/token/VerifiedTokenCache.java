package fr.bts.commons.security.token;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Identities of bearer tokens already verified, keyed by the exact token text, so that only the very same
 * bytes hit: a key's hash is taken from the token's length and its last {@value #HASHED_CHARS} characters (a JWT's
 * signature, which differs between any two tokens an issuer signs) instead of every character of a token a kilobyte
 * long, read anew on every request (about 2% of a cached item read, JFR, issue 16), and its equality is the whole
 * text's. Only verified tokens are stored, so tokens made to share a hash cannot crowd a bucket. An entry lives until the token's own {@code exp} or the TTL, whichever is first, and the expiry is
 * checked at every use, so a cached token is never accepted past its {@code exp}. Bounded: when full, expired
 * entries go, and if that is not enough the cache starts over.
 */
public final class VerifiedTokenCache {

    private static final int HASHED_CHARS = 16;

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    /** A token as a key: hashed on its tail, equal only to the very same text. */
    private static final class Key {
        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED_CHARS); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.token.equals(token);
        }
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
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
        Key key = new Key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.expiresAtMillis()) {
            entries.remove(key, entry);
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
        entries.put(new Key(token), new Entry(identity, expiresAt));
    }

    public int size() {
        return entries.size();
    }
}
