package fr.bts.evaluation.service;

import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.jdbc.JdbcIdempotencyStore;
import fr.bts.evaluation.config.EvaluationConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Binds the suite's idempotency mechanism ({@link Idempotency}, commons) to evaluation-service: its records in the
 * {@code idempotency_record} table (migration V3), claims and renewals in transactions of their own so that other
 * instances see a lease at once, the first answer written in the transaction of the work, its settings
 * {@code evaluation.idempotency.*}, the threads that renew leases, and the periodic purge. The purge may run on every
 * instance at once: each batch is one conditional delete that skips rows locked by a running claim.
 */
@ApplicationScoped
public class IdempotencyWiring {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EvaluationConfig config;

    private final ScheduledExecutorService renewals = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "idempotency-lease");
        thread.setDaemon(true);
        return thread;
    });

    private Idempotency idempotency;

    @PostConstruct
    void init() {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(dataSource, new JdbcIdempotencyStore.SeparateTransaction() {
            @Override
            public <T> T call(java.util.function.Supplier<T> work) {
                return QuarkusTransaction.requiringNew().call(work::get);
            }
        });
        idempotency = new Idempotency(store, config.idempotency(), renewals, Clock.systemUTC());
    }

    @Produces
    @Singleton
    Idempotency idempotency() {
        return idempotency;
    }

    @Scheduled(every = "${evaluation.idempotency.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() {
        idempotency.purgeExpired();
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }
}
