package fr.bts.referential.service;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongConsumer;

/**
 * One instance's lease on the referential's generation (table {@code referential_read_lease}, migration V5): on a
 * connection of its own, which LISTENs on {@code referential_read_generation} (announced by a trigger at every commit
 * that moves it), a thread renews the lease every third of its length, {@code lease_until} set by the database's
 * clock, and acks each new generation: first this instance stops trusting the older one and drops its caches
 * ({@code dropped}), then it writes {@code acked_generation}. Version writes wait for that ack or for the lease's end
 * ({@link ReadLeases#awaitAcks}).
 * <p>
 * The instance trusts its acked generation until the monotonic time at which it SENT its last successful renewal plus
 * the lease minus a margin: always before the database considers the lease expired, whatever happened since (lost
 * connection, pause, partition). Untrusted, the caches check the generation in PostgreSQL as before.
 */
public final class ReadLease implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReadLease.class);
    static final String CHANNEL = "referential_read_generation";
    private static final String RENEW = "insert into referential_read_lease (instance_id, lease_until, acked_generation) "
            + "values (?, clock_timestamp() + make_interval(secs => ?), ?) on conflict (instance_id) do update "
            + "set lease_until = excluded.lease_until, acked_generation = excluded.acked_generation "
            + "returning (select generation from referential_read_generation where id = 1)";

    /** How the lease connects: a new connection each time, not one of the pool's. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final UUID id = UUID.randomUUID();
    private final Connector connector;
    private final long leaseNanos;
    private final long marginNanos;
    private final LongConsumer dropped;
    private final Thread thread;
    private final CountDownLatch firstAck = new CountDownLatch(1);
    private volatile boolean running = true;
    /** The generation this instance serves from; -1 before the first ack. */
    private volatile long acked = -1;
    /** Monotonic time until which {@link #acked} is trusted; the lease is invalid once it has passed. */
    private volatile long trustedUntil;
    private volatile boolean trusting;
    private volatile Connection connection;

    /** {@code dropped} is called with each new generation before it is acked (the caches held are then dropped). */
    public ReadLease(Connector connector, Duration lease, Duration margin, LongConsumer dropped) {
        this.connector = connector;
        this.leaseNanos = lease.toNanos();
        this.marginNanos = margin.toNanos();
        this.dropped = dropped;
        this.thread = new Thread(this::run, "referential-read-lease");
        thread.setDaemon(true);
    }

    public ReadLease start() {
        thread.start();
        return this;
    }

    public UUID id() {
        return id;
    }

    /** The last generation acked (the caches were dropped for it before), valid lease or not; -1 before the first. */
    public long acked() {
        return acked;
    }

    /** The acked generation while the lease is valid, else -1: the caller then reads the generation itself. */
    public long trustedGeneration() {
        long generation = acked;
        return trusting && System.nanoTime() - trustedUntil < 0 ? generation : -1;
    }

    /** Whether an answer remembered under {@code generation} may be served from memory now. */
    public boolean trusts(long generation) {
        return generation >= 0 && trustedGeneration() == generation;
    }

    /** Waits for the first ack (at most {@code timeout}); true when the lease is valid then. */
    public boolean awaitFirstAck(Duration timeout) throws InterruptedException {
        return firstAck.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS) && trustedGeneration() >= 0;
    }

    private void run() {
        long renewEvery = Math.max(1, leaseNanos / 3 / 1_000_000);
        while (running) {
            try {
                if (connection == null) {
                    connection = listening();
                }
                renew();
                PGConnection pg = connection.unwrap(PGConnection.class);
                // a notification (a generation moved) renews and acks at once; otherwise the renewal is due
                pg.getNotifications((int) renewEvery);
            } catch (SQLException | RuntimeException e) {
                trusting = false;
                closeConnection();
                if (running) {
                    LOG.warnf("Read lease %s lost (%s): cached reads check the generation in PostgreSQL until it is back",
                            id, e.getMessage());
                    pause(renewEvery);
                }
            }
        }
    }

    /** A connection that listens first: any commit after this is announced, any before is seen by the renewal. */
    private Connection listening() throws SQLException {
        Connection c = connector.connect();
        c.setAutoCommit(true);
        try (Statement listen = c.createStatement()) {
            listen.execute("listen " + CHANNEL);
        }
        return c;
    }

    /** Renews with the generation acked so far; when the database shows a newer one, drops, then acks it. */
    private void renew() throws SQLException {
        while (true) {
            long sent = System.nanoTime();
            long current = renewal(acked);
            if (current > acked) {
                trusting = false;
                acked = current;
                dropped.accept(current);
                continue;
            }
            trustedUntil = sent + leaseNanos - marginNanos;
            trusting = true;
            firstAck.countDown();
            return;
        }
    }

    private long renewal(long generation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RENEW)) {
            statement.setObject(1, id);
            statement.setDouble(2, leaseNanos / 1e9);
            statement.setLong(3, generation);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeConnection() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("Read lease connection close: %s", e.getMessage());
            }
            connection = null;
        }
    }

    /** Stops trusting, then gives the lease back (writers no longer wait for this instance). */
    @Override
    public void close() {
        running = false;
        trusting = false;
        closeConnection();
        thread.interrupt();
        try {
            thread.join(Duration.ofNanos(leaseNanos).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = connector.connect();
             PreparedStatement release = c.prepareStatement("delete from referential_read_lease where instance_id = ?")) {
            release.setObject(1, id);
            release.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Read lease %s not released (%s): it expires by itself", id, e.getMessage());
        }
    }
}
