package fr.bts.commons.security.token;

import io.smallrye.config.ConfigMapping;

/** The verified-token cache of a service (README, configuration), {@code bts.token-cache.*}. */
@ConfigMapping(prefix = "bts.token-cache")
public interface TokenCacheConfig extends TokenCacheSettings {
}
