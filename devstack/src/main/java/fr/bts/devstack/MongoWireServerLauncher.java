package fr.bts.devstack;

import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the MongoDB wire-compatible server (mongo-java-server) with its H2 file backend for the local
 * stack, so that dossiers survive {@code ./suite down}/{@code up}. Clients use the official MongoDB driver
 * over TCP, exactly as against a real {@code mongod}. A write is answered only once it is committed and synced to
 * the file ({@link DurableH2Backend}): a {@code kill -9} right after the answer loses nothing.
 *
 * <p>Usage: {@code java -cp devstack-launcher.jar fr.bts.devstack.MongoWireServerLauncher <file.mv> <port>}; it listens on
 * 127.0.0.1 unless {@code -Dbts.mongo.bind-host} names another address (the container image binds 0.0.0.0).
 */
public final class MongoWireServerLauncher {

    private MongoWireServerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MongoWireServerLauncher <h2-file> <port>");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(file.getParent());

        DurableH2Backend backend = new DurableH2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        String host = System.getProperty("bts.mongo.bind-host", "127.0.0.1");
        server.bind(host, port);
        System.out.printf("MongoDB wire server ready on %s:%d, data in %s, pid %d%n", host, port, file, ProcessHandle.current().pid());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            stopped.countDown();
        }, "mongo-stop"));
        stopped.await();
    }
}
