package fr.bts.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The MongoDB wire server for a service's Quarkus tests, bound to a free loopback port: the service
 * talks to it over TCP with the official driver, as it would to a real {@code mongod}.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    private static MongoServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        }
        return Map.of("quarkus.mongodb.connection-string", connectionString());
    }

    /** The connection string of the running test server, for tests that use the driver directly. */
    public static String connectionString() {
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public void stop() {
        // kept for the whole JVM: Quarkus restarts between test profiles, the store outlives them
    }
}
