package fr.bts.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An acknowledged commit of the embedded PostgreSQL is durable (issue 10: with zonky's default
 * {@code synchronous_commit=off}, 12 of 209 acknowledged grade updates were gone after a {@code kill -9}).
 */
class PostgresDurabilityTest {

    private static final int WRITES = 300;

    @Test
    void theTestServerCommitsSynchronously() throws Exception {
        Map<String, String> config = new PostgresTestResource().start();
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), "postgres", "postgres")) {
            assertEquals("on", show(c, "synchronous_commit"));
            assertEquals("on", show(c, "fsync"));
        }
    }

    @Test
    void acknowledgedCommitsSurviveAKillOfThePostmaster(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        int port = StoreProcess.freePort();
        String url = "jdbc:postgresql://localhost:" + port + "/durability";
        try (StoreProcess launcher = StoreProcess.start(EmbeddedPostgresLauncher.class, data.toString(), Integer.toString(port), "durability")) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                assertEquals("on", show(c, "synchronous_commit"));
                assertEquals("on", show(c, "fsync"));
                try (Statement s = c.createStatement()) {
                    s.execute("create table acked (id int primary key, note int not null)");
                }
                try (PreparedStatement insert = c.prepareStatement("insert into acked values (?, ?)");
                     PreparedStatement update = c.prepareStatement("update acked set note = ? where id = ?")) {
                    for (int i = 0; i < WRITES; i++) {
                        insert.setInt(1, i);
                        insert.setInt(2, 0);
                        insert.executeUpdate();
                        update.setInt(1, i + 1);
                        update.setInt(2, i);
                        update.executeUpdate();
                    }
                }
                ProcessHandle postmaster = EmbeddedPostgresLauncher.postmaster(data).orElseThrow();
                postmaster.destroyForcibly();
            }
            assertEquals(3, launcher.awaitExit(Duration.ofSeconds(30)), "the launcher follows its postmaster out");
        }
        try (StoreProcess restarted = StoreProcess.start(EmbeddedPostgresLauncher.class, data.toString(), Integer.toString(port), "durability");
             Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), count(*) filter (where note = id + 1) from acked")) {
            assertTrue(rs.next());
            assertEquals(WRITES, rs.getInt(1), "acknowledged inserts after the crash");
            assertEquals(WRITES, rs.getInt(2), "acknowledged updates after the crash");
        }
    }

    @Test
    void aPostmasterThatOutlivedItsLauncherIsReplaced(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        int port = StoreProcess.freePort();
        long orphan;
        try (StoreProcess launcher = StoreProcess.start(EmbeddedPostgresLauncher.class, data.toString(), Integer.toString(port))) {
            orphan = EmbeddedPostgresLauncher.postmaster(data).orElseThrow().pid();
            launcher.killHard();
        }
        assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "kill -9 of the launcher leaves the postmaster");
        try (StoreProcess restarted = StoreProcess.start(EmbeddedPostgresLauncher.class, data.toString(), Integer.toString(port))) {
            long postmaster = EmbeddedPostgresLauncher.postmaster(data).orElseThrow().pid();
            assertNotEquals(orphan, postmaster);
            DevstackCheck.postgres(port, 2000);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
