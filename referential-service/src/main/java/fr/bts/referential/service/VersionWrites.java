package fr.bts.referential.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of version writes, for the read caches ({@link RepresentationCache}, {@link PublicReads}): it moves
 * on when a transaction that wrote a version has ended, so a cached answer is good only while the counter has
 * not moved since the read that produced it began. Moving after the end, not at the write, matters: a read
 * made between the write and the commit still sees the old rows, and must not outlive the commit.
 */
@ApplicationScoped
public class VersionWrites {

    private static final Object REGISTERED = new Object();

    private final AtomicLong generation = new AtomicLong();

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** To take before a read whose answer will be remembered, and to compare with later. */
    public long generation() {
        return generation.get();
    }

    /** Called by every version write: the counter moves when the current transaction ends. */
    public void afterTransaction() {
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                generation.incrementAndGet();
            }
        });
    }
}
