package fr.bts.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/** Limits and business settings of the evaluation service (documented in the README). */
@ConfigMapping(prefix = "evaluation")
public interface EvaluationConfig {

    Grades grades();

    Page page();

    Idempotency idempotency();

    interface Grades {
        /** Precision of a mark: a mark must be a multiple of this step (0.5 by default). */
        @WithDefault("0.5")
        BigDecimal step();

        /** Most grades in one batch submission. */
        @WithDefault("500")
        int batchMax();
    }

    interface Page {
        /** Hard cap of {@code size} on paginated collections. */
        @WithDefault("500")
        int maxSize();
    }

    interface Idempotency {
        /**
         * How long the first answer to an {@code Idempotency-Key} is kept and replayed; after that the key is free
         * again and a request carrying it runs as a new one.
         */
        @WithDefault("24H")
        Duration retention();

        /** How often records older than the retention are deleted. */
        @WithDefault("15M")
        Duration purgeEvery();

        /** Most expired records deleted in one transaction of the periodic purge. */
        @WithDefault("1000")
        int purgeBatch();
    }
}
