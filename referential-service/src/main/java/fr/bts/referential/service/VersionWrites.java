package fr.bts.referential.service;

import fr.bts.referential.config.ReferentialConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The generation of the referential's data, shared by every instance: one row ({@code referential_read_generation})
 * that every transaction writing a version moves on, in that transaction. The read caches ({@link RepresentationCache},
 * {@link PublicReads}) remember the generation read before the rows an answer came from, and serve the answer only
 * while a generation read made after the request arrived is still the same: a publication, deprecation or draft change
 * committed through any instance (its 2xx sent after the commit) is seen by the very next request on every instance.
 * <p>
 * While this instance's lease is valid ({@link ReadLeases}) the generation it acked is that check, from memory: every
 * write waits, before its 2xx, until every live lease has acked its generation. Without a valid lease the check costs
 * one primary-key read of PostgreSQL, shared by the requests that arrive together ({@link #fresh}: the requests
 * arriving while a read runs all wait for the next one, which starts after them), made on a thread of its own so that
 * the event loop never blocks.
 */
@ApplicationScoped
public class VersionWrites {

    private static final Object REGISTERED = new Object();
    private static final String READ = "select generation from referential_read_generation where id = 1";
    private static final String MOVE = "update referential_read_generation set generation = generation + 1 where id = 1 "
            + "returning generation";

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReferentialConfig config;

    @Inject
    Event<Committed> committed;

    @Inject
    ReadLeases leases;

    /**
     * A transaction that wrote versions has committed, moving the shared generation to {@code generation}; observed
     * {@code during = TransactionPhase.AFTER_SUCCESS} by the read caches to invalidate their entries at once and by
     * {@link ReadLeases}, which holds the 2xx until every live lease has acked it. The generation check stays what
     * makes the caches coherent: an answer read before the commit and remembered after it carries the older
     * generation, and is never served.
     */
    public record Committed(long generation) {
    }

    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "referential-read-generation");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    /** The read that will start once the running one ends; requests arriving now wait for it. */
    private CompletableFuture<Long> next;
    private boolean running;

    /**
     * Called by every version write, inside its transaction: the shared generation moves on once per transaction, and
     * once it commits this instance's read caches drop what they hold ({@link Committed}; the other instances see the
     * generation move at their next request).
     */
    public void written() {
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        long generation = ((Number) em.createNativeQuery(MOVE).getSingleResult()).longValue();
        committed.fire(new Committed(generation));
    }

    /**
     * The shared generation, read after this call began; fails (a store problem) when PostgreSQL does not answer
     * within {@code referential.http.coherence-timeout}.
     */
    public CompletionStage<Long> fresh() {
        synchronized (lock) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            CompletableFuture<Long> mine = next;
            if (!running) {
                start();
            }
            return mine;
        }
    }

    /**
     * Whether an answer remembered under {@code generation} may be served from memory at once: this instance's lease
     * is valid and {@code generation} is the one it acked ({@link ReadLeases}). Otherwise the caller checks
     * {@link #fresh()}.
     */
    public boolean trusts(long generation) {
        return generation >= 0 && leases.trustedGeneration() == generation;
    }

    /**
     * The generation to remember a read under: the one this instance's valid lease acked, else {@link #fresh()},
     * waited for (only on a worker thread then).
     */
    public long generation() {
        long trusted = leases.trustedGeneration();
        if (trusted >= 0) {
            return trusted;
        }
        try {
            return fresh().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void start() {
        running = true;
        CompletableFuture<Long> batch = next;
        next = null;
        reader.execute(() -> {
            long generation = 0;
            RuntimeException failure = null;
            try {
                generation = read();
            } catch (RuntimeException e) {
                failure = e;
            }
            synchronized (lock) {
                running = false;
                if (next != null) {
                    start();
                }
            }
            if (failure != null) {
                batch.completeExceptionally(failure);
            } else {
                batch.complete(generation);
            }
        });
    }

    private long read() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setQueryTimeout((int) Math.max(1, config.http().coherenceTimeout().toSeconds()));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("referential_read_generation has no row (migration V3_3)");
                }
                return row.getLong(1);
            }
        } catch (SQLException e) {
            // whatever kept PostgreSQL from answering (down, or slower than the timeout), the store is unavailable: 503
            throw new jakarta.persistence.PersistenceException("The referential's generation could not be read",
                    new SQLTransientConnectionException(e.getMessage(), "08006", e));
        }
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }
}
