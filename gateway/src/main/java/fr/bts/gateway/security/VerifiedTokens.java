package fr.bts.gateway.security;

import fr.bts.gateway.config.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Identities of bearer tokens the gateway has already verified, so that a client sending the same token
 * on every call (a platform, a jury tablet) does not pay a signature check on each. The key is the whole
 * token, so only the very same bytes hit; an entry lives until the token's own expiry or
 * {@code gateway.token-cache.ttl}, whichever is first, so a cached token is never accepted past its
 * {@code exp}, and a key removed from the realm stops being honoured within that TTL. Bounded: when
 * full, expired entries go, and if that is not enough the cache starts over.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final long ttlMillis;
    private final int maxEntries;
    private final LongSupplier clock;

    @Inject
    VerifiedTokens(GatewayConfig config) {
        this(config.tokenCache().enabled(), config.tokenCache().ttl().toMillis(), config.tokenCache().maxEntries(),
                System::currentTimeMillis);
    }

    public VerifiedTokens(boolean enabled, long ttlMillis, int maxEntries, LongSupplier clock) {
        this.enabled = enabled;
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The identity verified earlier for exactly this token, if it is still valid; else null. */
    public SecurityIdentity get(String token) {
        if (!enabled) {
            return null;
        }
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

    /** Remembers a verified identity; only JWTs with an expiry are kept. */
    public void put(String token, SecurityIdentity identity) {
        if (!enabled || identity == null || identity.isAnonymous()
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

    int size() {
        return entries.size();
    }
}
