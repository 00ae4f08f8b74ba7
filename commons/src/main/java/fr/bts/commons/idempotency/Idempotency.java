package fr.bts.commons.idempotency;

import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code Idempotency-Key} on the POSTs that create or submit (ARCHITECTURE.md, "a retry converges"), the one
 * mechanism of the suite; each service binds it to its store ({@link IdempotencyStore}) and calls it from its
 * services, never from a resource. The rules:
 * <ul>
 *   <li>the key: {@link IdempotencyKeys} (1–255 visible ASCII characters); without a key the work simply runs,
 *       unless the operation requires one;</li>
 *   <li>the scope: (académie, caller's subject, key) from the token ({@link IdempotencyScope});</li>
 *   <li>the fingerprint: SHA-256 of the operation name and the request's bytes. Same key and same fingerprint
 *       replays the first answer byte for byte ({@link Reply}); same key and another fingerprint is a 422
 *       {@code idempotency-key-reused}, whatever the key's state;</li>
 *   <li>the claim writes an in-progress record with a lease ({@link IdempotencySettings#lease()}), renewed every
 *       {@link IdempotencySettings#renewEvery()} while the work runs. A request with the key meanwhile gets a 409
 *       {@code idempotency-key-in-progress} with {@code Retry-After}; once a lease ran out (its worker died), a
 *       retry with the same request takes the run over ({@link Execution#takeover()}) and completes it;</li>
 *   <li>a failed run (an exception) frees the key: a failure is not an answer. A worker that lost its lease never
 *       records an answer: its caller gets the 409 and its retry the answer of the run that took over;</li>
 *   <li>a first answer is replayed for {@link IdempotencySettings#retention()}; then the key runs as new, and
 *       {@link #purgeOlderThan(Instant)} deletes the record.</li>
 * </ul>
 * Plain Java, so that the gateway (which depends on commons) never loads a store.
 */
public final class Idempotency {

    private static final Logger LOG = Logger.getLogger(Idempotency.class);
    private static final int CLAIM_ATTEMPTS = 5;

    private final IdempotencyStore store;
    private final IdempotencySettings settings;
    private final ScheduledExecutorService renewals;
    private final Clock clock;

    /** The threads that renew the leases of running requests: a service makes one pool and shuts it down at stop. */
    public static ScheduledExecutorService renewalThreads() {
        return Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "idempotency-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Idempotency(IdempotencyStore store, IdempotencySettings settings, ScheduledExecutorService renewals, Clock clock) {
        if (settings.renewEvery().compareTo(settings.lease()) >= 0) {
            throw new IllegalArgumentException("The lease of an idempotency key (" + settings.lease()
                    + ") must be longer than its renewal period (" + settings.renewEvery() + ")");
        }
        this.store = store;
        this.settings = settings;
        this.renewals = renewals;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per key of the caller. {@code operation} names the endpoint (it is part of the
     * fingerprint, so a key reused on another endpoint is a 422); {@code request} is what identifies the request
     * (its body, or the path parameters and preconditions of a body-less POST).
     */
    public Reply run(Caller caller, String keyHeader, boolean keyRequired, String operation, byte[] request,
                     Function<Execution, Reply> work) {
        Optional<String> key = IdempotencyKeys.parse(keyHeader, keyRequired);
        if (key.isEmpty()) {
            return work.apply(Execution.unkeyed());
        }
        IdempotencyScope scope = new IdempotencyScope(caller.academie().orElse(""), caller.subject(), key.get());
        return run(scope, fingerprint(operation, request), work);
    }

    public Reply run(Caller caller, String keyHeader, boolean keyRequired, String operation, String request,
                     Function<Execution, Reply> work) {
        return run(caller, keyHeader, keyRequired, operation, request.getBytes(StandardCharsets.UTF_8), work);
    }

    /** Runs {@code work} once for {@code scope}: claims, replays, refuses or takes over, as the class comment says. */
    public Reply run(IdempotencyScope scope, String fingerprint, Function<Execution, Reply> work) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String owner = UUID.randomUUID().toString();
            IdempotencyStore.Claim claim = store.claim(scope, fingerprint, owner, UUID.randomUUID().toString(), now,
                    now.plus(settings.lease()), now.minus(settings.retention()));
            if (claim instanceof IdempotencyStore.Claim.Claimed claimed) {
                if (claimed.takeover()) {
                    LOG.infof("Idempotency-Key %s of %s: the lease of a dead worker ran out; this request takes its run over",
                            scope.key(), scope.subject());
                }
                return execute(scope, owner, new Execution(claimed.runId(), claimed.takeover()), work);
            }
            IdempotencyStore.Record record = ((IdempotencyStore.Claim.Taken) claim).record();
            if (record == null) {
                continue;
            }
            if (!fingerprint.equals(record.fingerprint())) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + scope.key()
                        + "' was used for another request; use a new key for new content");
            }
            if (!record.inProgress()) {
                return record.answer().asReplay();
            }
            throw inProgress("The request with Idempotency-Key '" + scope.key() + "' is still running");
        }
        throw inProgress("The record of Idempotency-Key '" + scope.key() + "' keeps changing; try again");
    }

    private Reply execute(IdempotencyScope scope, String owner, Execution execution, Function<Execution, Reply> work) {
        Lease lease = new Lease(scope, owner);
        Reply reply;
        try {
            reply = work.apply(execution);
        } catch (RuntimeException | Error e) {
            lease.stop();
            try {
                store.release(scope, owner);
            } catch (RuntimeException release) {
                // the lease runs out by itself: a retry takes the key over then
                LOG.warnf(release, "Could not free Idempotency-Key %s after a failed run", scope.key());
                e.addSuppressed(release);
            }
            throw e;
        }
        lease.stop();
        if (!store.complete(scope, owner, reply)) {
            throw inProgress("This attempt with Idempotency-Key '" + scope.key()
                    + "' ran past its lease and was taken over; the answer is the other attempt's");
        }
        return reply;
    }

    private IdempotencyInProgress inProgress(String detail) {
        return new IdempotencyInProgress(detail, Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000));
    }

    /**
     * Deletes the records created before {@code cutoff}, {@link IdempotencySettings#purgeBatch()} at a time. Safe on
     * several instances at once: each delete is the store's conditional delete, so the same record is deleted once
     * and one taken over meanwhile is kept; an instance that finds nothing left simply stops.
     *
     * @return how many records this call deleted
     */
    public long purgeOlderThan(Instant cutoff) {
        int batch = settings.purgeBatch();
        long deleted = 0;
        long last;
        do {
            last = store.purge(cutoff, clock.instant(), batch);
            deleted += last;
        } while (last == batch);
        if (deleted > 0) {
            LOG.infof("Purged %d idempotency records created before %s", deleted, cutoff);
        }
        return deleted;
    }

    /** The purge of the records older than the retention, for the service's scheduler. */
    public long purgeExpired() {
        return purgeOlderThan(clock.instant().minus(settings.retention()));
    }

    /** SHA-256 of the operation name, a newline and the request bytes. */
    public static String fingerprint(String operation, byte[] request) {
        byte[] name = (operation + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[name.length + request.length];
        System.arraycopy(name, 0, all, 0, name.length);
        System.arraycopy(request, 0, all, name.length, request.length);
        return ETags.sha256Hex(all);
    }

    /** The heartbeat of a running request: renews its lease until stopped; stopping waits for a renewal under way. */
    private final class Lease {
        private final IdempotencyScope scope;
        private final String owner;
        private final ScheduledFuture<?> task;
        private boolean stopped;

        Lease(IdempotencyScope scope, String owner) {
            this.scope = scope;
            this.owner = owner;
            long every = Math.max(1, settings.renewEvery().toMillis());
            synchronized (this) {
                this.task = renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void renew() {
            if (stopped) {
                return;
            }
            try {
                Duration lease = settings.lease();
                if (!store.renew(scope, owner, clock.instant().plus(lease))) {
                    LOG.warnf("Idempotency-Key %s: the lease was lost while the request ran", scope.key());
                    stopped = true;
                    task.cancel(false);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Idempotency-Key %s: could not renew the lease; trying again", scope.key());
            }
        }

        synchronized void stop() {
            stopped = true;
            task.cancel(false);
        }
    }
}
