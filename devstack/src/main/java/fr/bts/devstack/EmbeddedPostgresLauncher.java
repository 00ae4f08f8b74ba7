package fr.bts.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL from the embedded binaries for the local stack ({@code ./suite up}).
 *
 * <p>The data directory is kept between runs, so what the services stored survives {@code down}/{@code up}.
 * One database per owning service is created on first start (ARCHITECTURE.md: no service reads another's
 * database). The process keeps running until it receives SIGTERM, then stops PostgreSQL cleanly.
 *
 * <p>Usage: {@code java -cp devstack-launcher.jar fr.bts.devstack.EmbeddedPostgresLauncher <dataDir> <port> <db>...}
 */
public final class EmbeddedPostgresLauncher {

    private EmbeddedPostgresLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedPostgresLauncher <dataDir> <port> [database...]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        List<String> databases = List.of(args).subList(2, args.length);

        EmbeddedPostgres postgres = start(dataDir, port);
        createDatabases(postgres, databases);
        System.out.printf("PostgreSQL ready on port %d, data in %s, databases %s%n", port, dataDir, databases);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "postgres-stop"));
        stopped.await();
    }

    /** Starts PostgreSQL on {@code port}, keeping (or initialising once) the cluster in {@code dataDir}. */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .start();
    }

    /** Creates each database that does not exist yet, owned by the {@code postgres} superuser. */
    public static void createDatabases(EmbeddedPostgres postgres, List<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
                    throw new IllegalArgumentException("invalid database name: " + database);
                }
                try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        }
    }
}
