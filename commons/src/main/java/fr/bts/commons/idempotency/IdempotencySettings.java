package fr.bts.commons.idempotency;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The settings of the idempotency mechanism, as a group of a service's {@code @ConfigMapping}
 * ({@code dossier.idempotency.*}, {@code evaluation.idempotency.*}); every one is in the README's configuration table.
 */
public interface IdempotencySettings {

    /**
     * How long the first answer to a key is kept and replayed; after that the key is free again, a request carrying
     * it runs as a new one, and the purge deletes the record.
     */
    @WithDefault("24H")
    Duration retention();

    /** How often records older than the retention are deleted. */
    @WithDefault("15M")
    Duration purgeEvery();

    /** Most expired records deleted by one delete of the purge. */
    @WithDefault("1000")
    int purgeBatch();

    /**
     * How long a claimed key stays "in progress" without news of its worker. The worker renews it every
     * {@link #renewEvery()} while it runs; when a worker dies, a retry with the same key takes over after this.
     */
    @WithDefault("30S")
    Duration lease();

    /** How often a running request renews its lease (well below {@link #lease()}). */
    @WithDefault("10S")
    Duration renewEvery();

    /** The {@code Retry-After} of the 409 answered while the first request with a key still runs. */
    @WithDefault("1S")
    Duration retryAfter();
}
