package fr.bts.referential.service;

import fr.bts.referential.config.ReferentialConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.LongConsumer;

/**
 * The read caches' coherence across instances, by leases ({@link ReadLease}): while this instance's lease is valid it
 * serves remembered answers of its acked generation from memory, with no PostgreSQL read and without leaving the event
 * loop; a version write, once committed and before its 2xx, waits until every instance whose lease is live (by the
 * database's clock) has acked the generation it moved to, or until that lease has expired: at most
 * {@code referential.coherence.lease}. So a write committed through any instance is still seen by the very next
 * request on every instance. Without a valid lease (lost, or {@code lease-enabled=false}) the reads check the
 * generation in PostgreSQL ({@link VersionWrites#fresh}).
 */
@ApplicationScoped
public class ReadLeases {

    private static final Logger LOG = Logger.getLogger(ReadLeases.class);
    /** Live leases that have not acked a generation yet (by the database's clock). */
    private static final String PENDING = "select count(*) from referential_read_lease "
            + "where acked_generation < ? and lease_until > clock_timestamp()";

    @Inject
    ReferentialConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadCaches caches;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", defaultValue = "2")
    String connectTimeout;

    private volatile ReadLease lease;
    private volatile long lastAckWaitNanos = -1;

    void start(@Observes StartupEvent start) {
        if (config.coherence().leaseEnabled()) {
            lease = open(generation -> caches.dropAll());
        }
    }

    /** A lease of its own for this process (this instance's, or a second one in a test), started. */
    public ReadLease open(LongConsumer dropped) {
        ReferentialConfig.Coherence coherence = config.coherence();
        return new ReadLease(this::connect, coherence.lease(), coherence.leaseMargin(), dropped).start();
    }

    /** This instance's lease, or null when leases are off. */
    public ReadLease lease() {
        return lease;
    }

    /** The generation this instance may serve from memory, or -1 (no valid lease: read it from PostgreSQL). */
    long trustedGeneration() {
        ReadLease current = lease;
        return current == null ? -1 : current.trustedGeneration();
    }

    /**
     * A version write committed (its 2xx not sent yet): waits until every live lease has acked its generation or has
     * expired. Bounded by the lease length from now, which is also the answer when the acks cannot be read: every
     * lease renewed before the commit has expired by then, every one renewed after it read the new generation.
     */
    void awaitAcks(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionWrites.Committed committed) {
        if (!config.coherence().leaseEnabled()) {
            return;
        }
        long start = System.nanoTime();
        long bound = start + config.coherence().lease().toNanos();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement pending = connection.prepareStatement(PENDING)) {
            pending.setLong(1, committed.generation());
            while (pendingLeases(pending) > 0) {
                if (System.nanoTime() - bound >= 0) {
                    LOG.warnf("Generation %d: leases not acked within the lease; they have expired", committed.generation());
                    return;
                }
                pause(config.coherence().ackPoll().toNanos());
            }
            lastAckWaitNanos = System.nanoTime() - start;
            LOG.debugf("Generation %d acked by every live lease in %d µs", committed.generation(), lastAckWaitNanos / 1000);
        } catch (SQLException e) {
            LOG.warnf("Generation %d: acks unreadable (%s); waiting for every lease to expire", committed.generation(),
                    e.getMessage());
            pause(bound - System.nanoTime());
        }
    }

    /** How long the last version write waited for the acks, once they were all in (diagnostics, tests); -1 before. */
    public java.time.Duration lastAckWait() {
        return java.time.Duration.ofNanos(lastAckWaitNanos);
    }

    private static long pendingLeases(PreparedStatement pending) throws SQLException {
        try (ResultSet row = pending.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A connection of the lease's own (it LISTENs), outside the pool; a renewal that hangs fails within the lease. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", connectTimeout);
        properties.setProperty("socketTimeout",
                Long.toString(Math.max(1, config.coherence().lease().plusMillis(999).toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "referential-read-lease");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL URL: " + url);
        }
        return connection;
    }

    @PreDestroy
    void stop() {
        ReadLease current = lease;
        lease = null;
        if (current != null) {
            current.close();
        }
    }
}
