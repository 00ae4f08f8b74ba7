package fr.bts.commons.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a readiness request waits for a store's answer before it reports the store DOWN (README, configuration). */
@ConfigMapping(prefix = "bts.readiness")
public interface ReadinessConfig {

    /** Bound of one store check; readiness answers within it (plus a few milliseconds) whatever the store does. */
    @WithDefault("800ms")
    Duration timeout();
}
