package fr.bts.commons.security.token;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The settings of a {@link VerifiedTokenCache}, one set for the services ({@code bts.token-cache.*}) and the gateway
 * ({@code gateway.token-cache.*}): a bearer token already verified is not verified again until its {@code exp} or
 * {@link #ttl()}, whichever comes first.
 */
public interface TokenCacheSettings {

    /** Off: every request verifies its token (signature, issuer, audience, expiry) again. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Longest time a verified token is honoured without a new verification, whatever its {@code exp}: a key
     * removed from the realm stops being honoured within it.
     */
    @WithDefault("60s")
    Duration ttl();

    /** Bound of the cache; when full, expired entries go, and if that is not enough the cache starts over. */
    @WithDefault("10000")
    int maxEntries();
}
