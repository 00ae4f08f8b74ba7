package fr.bts.gateway.security;

import fr.bts.commons.security.token.VerifiedTokenCache;
import fr.bts.gateway.config.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.LongSupplier;

/**
 * Identities of bearer tokens the gateway has already verified, so that a client sending the same token
 * on every call (a platform, a jury tablet) does not pay a signature check on each. The key is the whole
 * token, so only the very same bytes hit; an entry lives until the token's own expiry or
 * {@code gateway.token-cache.ttl}, whichever is first, so a cached token is never accepted past its
 * {@code exp}, and a key removed from the realm stops being honoured within that TTL. Bounded: when
 * full, expired entries go, and if that is not enough the cache starts over. The store is commons'
 * {@link VerifiedTokenCache}, the one the services use.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final VerifiedTokenCache cache;
    private final boolean enabled;

    @Inject
    VerifiedTokens(GatewayConfig config) {
        this(config.tokenCache().enabled(), config.tokenCache().ttl().toMillis(), config.tokenCache().maxEntries(),
                System::currentTimeMillis);
    }

    public VerifiedTokens(boolean enabled, long ttlMillis, int maxEntries, LongSupplier clock) {
        this.enabled = enabled;
        this.cache = new VerifiedTokenCache(ttlMillis, maxEntries, clock);
    }

    /** The identity verified earlier for exactly this token, if it is still valid; else null. */
    public SecurityIdentity get(String token) {
        return enabled ? cache.get(token) : null;
    }

    /** Remembers a verified identity; only JWTs with an expiry are kept. */
    public void put(String token, SecurityIdentity identity) {
        if (enabled) {
            cache.put(token, identity);
        }
    }

    int size() {
        return cache.size();
    }
}
