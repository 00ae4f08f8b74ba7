package fr.bts.referential.service;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.referential.config.ReferentialConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read caches' coherence by leases ({@link ReadLeases}, issue 16): a version write answers only once every other
 * live instance (here a second lease in this JVM, on a connection of its own) has dropped its caches and acked the
 * generation it moved to; it waits for an instance that never acks exactly until that instance's lease has expired
 * by the database's clock; and an instance that can no longer renew stops trusting its lease.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ReadLeasesResourceTest {

    @Inject
    ReadLeases leases;

    @Inject
    ReferentialConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aWriteAnswersOnlyOnceEveryOtherInstanceHasDroppedItsCachesAndAcked() throws Exception {
        List<Long> dropped = new CopyOnWriteArrayList<>();
        try (ReadLease other = leases.open(dropped::add)) {
            assertTrue(other.awaitFirstAck(config.coherence().lease().multipliedBy(5)), "the second instance holds a lease");
            long before = generation();
            assertEquals(before, other.acked());

            createCertification();

            long after = generation();
            assertTrue(after > before, "the write moved the generation");
            assertEquals(after, other.acked(), "the other instance acked the new generation before the 2xx");
            assertTrue(dropped.contains(after), "and dropped its caches for it first: " + dropped);
            assertEquals(after, leases.lease().acked(), "as did this instance");
            System.out.println("read leases: the write waited " + leases.lastAckWait().toNanos() / 1000
                    + " µs for the acks of two instances");
        }
        assertEquals(0, count("select count(*) from referential_read_lease where acked_generation < "
                + "(select generation from referential_read_generation) and lease_until > clock_timestamp()"),
                "a closed lease is given back");
    }

    @Test
    void aWriterWaitsForASilentInstanceUntilItsLeaseHasExpired() throws Exception {
        createCertification(); // a first write warms the path up: the timed one is the write's own work and its wait
        UUID silent = UUID.randomUUID();
        execute("insert into referential_read_lease (instance_id, lease_until, acked_generation) values ('" + silent
                + "', clock_timestamp() + make_interval(secs => " + config.coherence().lease().toMillis() / 1000.0 + "), -1)");
        try {
            createCertification();
            assertEquals(1, count("select count(*) from referential_read_lease where instance_id = '" + silent
                    + "' and acked_generation = -1 and lease_until <= clock_timestamp()"),
                    "the 2xx came once the silent instance's lease had expired, by the database's clock");
        } finally {
            execute("delete from referential_read_lease where instance_id = '" + silent + "'");
        }
    }

    @Test
    void anInstanceThatCannotRenewStopsTrustingItsLease() throws Exception {
        String name = "lease-test-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean refused = new AtomicBoolean();
        ReadLease.Connector connector = () -> {
            if (refused.get()) {
                throw new SQLException("the database is unreachable (test)");
            }
            return DriverManager.getConnection(setting("quarkus.datasource.jdbc.url") + "?ApplicationName=" + name,
                    setting("quarkus.datasource.username"), setting("quarkus.datasource.password"));
        };
        Duration lease = config.coherence().lease();
        ReadLease cut = new ReadLease(connector, lease, config.coherence().leaseMargin(), g -> { }).start();
        try {
            assertTrue(cut.awaitFirstAck(lease.multipliedBy(5)));
            long generation = cut.trustedGeneration();
            assertTrue(cut.trusts(generation));
            refused.set(true);
            execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '" + name + "'");
            // the lease thread sees its connection end at once; in any case its trust ends before the database's lease
            long bound = System.nanoTime() + lease.multipliedBy(3).toNanos();
            while (cut.trusts(generation) && System.nanoTime() - bound < 0) {
                Thread.onSpinWait();
            }
            assertFalse(cut.trusts(generation), "a lease that cannot be renewed is not trusted");
            assertEquals(-1, cut.trustedGeneration());
        } finally {
            cut.close();
            // its row could not be given back (the database is refused to it): the next writes need not wait for it
            execute("delete from referential_read_lease where instance_id = '" + cut.id() + "'");
        }
    }

    private static String setting(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static void createCertification() {
        String code = "BTS-LEASE-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        given().auth().oauth2(TestTokens.token("admin", null, "referential-admin")).contentType("application/json")
                .body("""
                        {"code":"%s","rncp":null,"intitule":"BTS - Lease (fixture)","type":"BTS","niveau":"5",
                         "nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],"certificateurs":[],
                         "datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
                         "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}"""
                        .formatted(code))
                .when().post("/api/referential/v1/certifications").then().statusCode(201);
    }

    private long generation() throws SQLException {
        return count("select generation from referential_read_generation where id = 1");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet row = s.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
