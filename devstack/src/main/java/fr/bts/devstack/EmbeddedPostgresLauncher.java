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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a real PostgreSQL from the embedded binaries for the local stack ({@code ./suite up}).
 *
 * <p>The data directory is kept between runs, so what the services stored survives {@code down}/{@code up}.
 * One database per owning service is created on first start (ARCHITECTURE.md: no service reads another's
 * database). The process keeps running until it receives SIGTERM, then stops PostgreSQL cleanly.
 *
 * <p>A commit is acknowledged only once its WAL is flushed ({@link #DURABILITY}: zonky's builder sets
 * {@code synchronous_commit=off} and passes {@code -F}, i.e. no fsync, unless told otherwise). The postmaster is
 * a process of its own (zonky starts it through {@code pg_ctl}): this launcher watches it and exits when it dies,
 * so that the launcher process never outlives the database it stands for; and a postmaster left running on this
 * data directory by a launcher that was killed is shut down (fast mode) before a new one starts.
 *
 * <p>Usage: {@code java -cp devstack-launcher.jar fr.bts.devstack.EmbeddedPostgresLauncher <dataDir> <port> <db>...}
 */
public final class EmbeddedPostgresLauncher {

    /** The settings that make an acknowledged commit durable, over zonky's defaults. */
    public static final List<String[]> DURABILITY = List.of(
            new String[] {"synchronous_commit", "on"},
            new String[] {"fsync", "on"},
            new String[] {"full_page_writes", "on"});

    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(30);
    private static final Duration POSTMASTER_WATCH = Duration.ofMillis(500);
    private static final Duration ORPHAN_STOP = Duration.ofSeconds(30);

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

        stopOrphanedPostmaster(dataDir);
        Files.createDirectories(dataDir);
        awaitNoProcessIn(dataDir);
        EmbeddedPostgres postgres = start(dataDir, port);
        createDatabases(postgres, databases);
        ProcessHandle postmaster = postmaster(dataDir)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL started but " + dataDir + "/postmaster.pid names no live process"));
        System.out.printf("PostgreSQL ready on port %d, data in %s, databases %s, postmaster pid %d%n",
                port, dataDir, databases, postmaster.pid());

        AtomicBoolean ending = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ending.getAndSet(true) || postmaster(dataDir).isEmpty()) {
                stopped.countDown();
                return;   // the postmaster is gone: nothing to stop
            }
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "postgres-stop"));
        // polled rather than ProcessHandle.onExit: the postmaster is not our child, and once killed it may linger
        // as a zombie of a parent that does not reap it, which onExit counts as alive
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "postmaster-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(() -> {
            if (postmaster(dataDir).map(p -> p.pid() != postmaster.pid()).orElse(true) && !ending.getAndSet(true)) {
                System.err.printf("PostgreSQL postmaster (pid %d) is gone; the launcher stops too%n", postmaster.pid());
                System.exit(3);
            }
        }, POSTMASTER_WATCH.toMillis(), POSTMASTER_WATCH.toMillis(), TimeUnit.MILLISECONDS);
        stopped.await();
    }

    /** Starts PostgreSQL on {@code port}, keeping (or initialising once) the cluster in {@code dataDir}. */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                // TCP only: a socket lock in /tmp naming a killed (zombie) postmaster would stop the restart
                .setServerConfig("unix_socket_directories", "''")
                .setRegisterShutdownHook(false);   // main() stops it; zonky's own hook would wait on a killed postmaster
        DURABILITY.forEach(setting -> builder.setServerConfig(setting[0], setting[1]));
        return builder.start();
    }

    /**
     * Waits (bounded) until no process works in {@code dataDir} any more: after a {@code kill -9} of the postmaster
     * its backends (whose working directory is the data directory) notice the death within moments and exit, and
     * until they have, a new postmaster refuses to start on the shared memory they still hold.
     */
    private static void awaitNoProcessIn(Path dataDir) throws IOException, InterruptedException {
        Path dir = dataDir.toRealPath();
        Instant deadline = Instant.now().plus(LEFTOVER_WAIT);
        while (true) {
            List<ProcessHandle> leftovers = ProcessHandle.allProcesses().filter(p -> worksIn(p, dir)).toList();
            if (leftovers.isEmpty()) {
                releaseLockOfADeadPostmaster(dataDir);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("processes " + leftovers.stream().map(ProcessHandle::pid).toList()
                        + " still work in " + dir + " after " + LEFTOVER_WAIT.toSeconds() + "s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /**
     * A killed postmaster stays a zombie until its parent (init, once {@code pg_ctl} has exited) reaps it, and a new
     * postmaster takes any existing process named in {@code postmaster.pid} for a live server. Once no process works
     * in the data directory and the file names no live postgres, the lock is stale and is removed.
     */
    private static void releaseLockOfADeadPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (Files.exists(pidFile) && postmaster(dataDir).isEmpty()) {
            System.err.println("postmaster.pid names no live postgres; removing the stale lock");
            Files.deleteIfExists(pidFile);
        }
    }

    private static boolean worksIn(ProcessHandle process, Path dir) {
        try {
            return process.pid() != ProcessHandle.current().pid()
                    && Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).equals(dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The live postmaster of {@code dataDir}, from the first line of its {@code postmaster.pid}. */
    public static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A postmaster of this data directory that outlived its launcher is asked to shut down fast (SIGINT). */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException, InterruptedException {
        Optional<ProcessHandle> orphan = postmaster(dataDir);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        System.err.printf("A postmaster (pid %d) still runs on %s without its launcher; shutting it down%n", postmaster.pid(), dataDir);
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
        Instant deadline = Instant.now().plus(ORPHAN_STOP);
        while (postmaster(dataDir).isPresent()) {
            if (Instant.now().isAfter(deadline)) {
                postmaster.destroyForcibly();
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
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
