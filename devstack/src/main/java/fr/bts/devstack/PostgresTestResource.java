package fr.bts.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for a service's Quarkus tests, from the embedded binaries, on a free port.
 * The service's datasource is pointed at a fresh database of it; Flyway then builds the schema.
 *
 * <p>It commits as the local stack and production do ({@link EmbeddedPostgresLauncher#DURABILITY}:
 * {@code synchronous_commit=on}, {@code fsync=on}), so that a test sees the same acknowledgement as a client.
 *
 * <p>One server per test JVM: Quarkus restarts the application between test profiles, and the server
 * outlives those restarts, which keeps the suite fast on two cores.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                EmbeddedPostgresLauncher.DURABILITY.forEach(setting -> builder.setServerConfig(setting[0], setting[1]));
                postgres = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temporary cluster is removed with it
                    }
                }));
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create database app");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/app",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** The port of the test server, for tests that connect to other databases of it. */
    public static int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the test database, for tests that check rows directly in SQL. */
    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/app";
    }

    @Override
    public void stop() {
        // kept for the whole JVM, see the class comment
    }
}
