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
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Binds the suite's idempotency mechanism ({@link Idempotency}, commons) to evaluation-service: its records in the
 * {@code idempotency_record} table (migration V3), claims and renewals in transactions of their own so that other
 * instances see a lease at once, the first answer written in the transaction of the work (and the key freed if that
 * transaction rolls back), its settings
 * {@code evaluation.idempotency.*}, the threads that renew leases, and the periodic purge. The purge may run on every
 * instance at once: each batch is one conditional delete that skips rows locked by a running claim.
 */
@ApplicationScoped
public class IdempotencyWiring {

    private static final Logger LOG = Logger.getLogger(IdempotencyWiring.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EvaluationConfig config;

    @Inject
    TransactionSynchronizationRegistry synchronizations;

    private final ScheduledExecutorService renewals = Idempotency.renewalThreads();

    private Idempotency idempotency;

    @PostConstruct
    void init() {
        JdbcIdempotencyStore store = new JdbcIdempotencyStore(dataSource, new JdbcIdempotencyStore.Transactions() {
            @Override
            public <T> T separate(Supplier<T> work) {
                return QuarkusTransaction.requiringNew().call(work::get);
            }

            @Override
            public void afterRollback(Runnable action) {
                if (synchronizations.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
                    return;
                }
                synchronizations.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        if (status != Status.STATUS_COMMITTED) {
                            // on another thread: this one is still bound to the transaction that just ended
                            renewals.execute(() -> {
                                try {
                                    action.run();
                                } catch (RuntimeException e) {
                                    LOG.warnf(e, "Could not free an idempotency key after a rollback; its lease runs out by itself");
                                }
                            });
                        }
                    }
                });
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
