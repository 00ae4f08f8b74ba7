package fr.bts.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real redis-server (the binary shipped inside the embedded-redis jar) on a free port, without
 * persistence, for the shared rate-limit store. Tests may stop it to play an outage and start it again.
 */
public class EmbeddedRedis implements QuarkusTestResourceLifecycleManager {

    private static RedisServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of("gateway.rate-limit.redis.url", url());
    }

    @Override
    public void stop() {
        stopServer();
    }

    static String url() {
        return "redis://127.0.0.1:" + port;
    }

    static synchronized void startServer() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    static synchronized void stopServer() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }
}
