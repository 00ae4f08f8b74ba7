package fr.bts.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the MongoDB wire-compatible server (mongo-java-server) with its H2 file backend for the local
 * stack, so that dossiers survive {@code ./suite down}/{@code up}. Clients use the official MongoDB driver
 * over TCP, exactly as against a real {@code mongod}.
 *
 * <p>Usage: {@code java -cp devstack-launcher.jar fr.bts.devstack.MongoWireServerLauncher <file.mv> <port>}
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

        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        System.out.printf("MongoDB wire server ready on 127.0.0.1:%d, data in %s%n", port, file);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            stopped.countDown();
        }, "mongo-stop"));
        stopped.await();
    }
}
