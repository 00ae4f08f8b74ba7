package fr.bts.evaluation.config;

import fr.bts.commons.idempotency.IdempotencySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/** Limits and business settings of the evaluation service (documented in the README). */
@ConfigMapping(prefix = "evaluation")
public interface EvaluationConfig {

    Grades grades();

    Page page();

    /** {@code Idempotency-Key}: retention, purge, lease (see commons {@code IdempotencySettings}). */
    IdempotencySettings idempotency();

    RulesCache rulesCache();

    interface Grades {
        /** Precision of a mark: a mark must be a multiple of this step (0.5 by default). */
        @WithDefault("0.5")
        BigDecimal step();

        /** Most grades in one batch submission. */
        @WithDefault("500")
        int batchMax();
    }

    interface RulesCache {
        /** Most exam rule sets (one per referential version in use) kept parsed by one instance. */
        @WithDefault("256")
        long maxSize();
    }

    interface Page {
        /** Hard cap of {@code size} on paginated collections. */
        @WithDefault("500")
        int maxSize();
    }
}
