package fr.bts.gateway.proxy;

import fr.bts.gateway.config.GatewayConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend service: its instances, balanced round-robin, and the pooled keep-alive HTTP client that
 * reaches them. The client never decompresses nor aggregates: bytes go through as they come.
 */
public final class Backend {

    /**
     * Bytes read from a backend at once, and the largest relayed body chunk. 64 KB is the chunk size of
     * Netty's buffer pool as Quarkus configures it (maxOrder 3): a larger read buffer would be allocated
     * (and zeroed) outside the pool on every read.
     */
    static final int READ_SIZE = 64 * 1024;

    /** One instance of a service. */
    public record Instance(String host, int port, boolean ssl) {
        static Instance parse(String url) {
            URI uri = URI.create(url.trim());
            boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
            if (uri.getHost() == null) {
                throw new IllegalStateException("Instance URL without host: " + url);
            }
            int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
            return new Instance(uri.getHost(), port, ssl);
        }

        @Override
        public String toString() {
            return (ssl ? "https://" : "http://") + host + ":" + port;
        }
    }

    private final String name;
    private final List<Instance> instances;
    private final GatewayConfig.Service config;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    /** One client per event loop, so that a request and its upstream connection live on the same thread. */
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    /** For callers off the event loops (health checks run on workers). */
    private final HttpClient shared;
    private final AtomicInteger next = new AtomicInteger();

    Backend(String name, GatewayConfig.Service config, Vertx vertx) {
        this.name = name;
        this.config = config;
        this.instances = config.instances().stream().filter(s -> !s.isBlank()).map(Instance::parse).toList();
        if (instances.isEmpty()) {
            throw new IllegalStateException("gateway.services." + name + ".instances is empty");
        }
        this.vertx = vertx;
        this.options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setMaxHeaderSize(64 * 1024)
                .setMaxInitialLineLength(16 * 1024)
                // A body chunk is what one socket read brought, not 8 KB slices of it (the default), and a read
                // takes up to 64 KB (the adaptive default starts far lower): each streamed chunk becomes one
                // write to the caller, so a 74 KB document went out in ten system calls.
                .setMaxChunkSize(READ_SIZE)
                .setReceiveBufferSize(READ_SIZE);
        this.pool = new PoolOptions().setHttp1MaxSize(config.maxConnections()).setHttp2MaxSize(config.maxConnections());
        this.shared = vertx.httpClientBuilder().with(options).with(pool).build();
    }

    public String name() {
        return name;
    }

    public List<Instance> instances() {
        return instances;
    }

    public GatewayConfig.Service config() {
        return config;
    }

    /**
     * The client of the calling event loop (created on first use). Connections of a Vert.x client are bound
     * to the event loop that opened them; sharing one client across event loops would make half of the
     * exchanges hop threads twice per request.
     */
    public HttpClient client() {
        Thread thread = Context.isOnEventLoopThread() ? Thread.currentThread() : null;
        if (thread == null) {
            return shared;
        }
        return clients.computeIfAbsent(thread,
                loop -> vertx.httpClientBuilder().with(options).with(pool).build());
    }

    /** The index of the instance to try first for a new request. */
    int nextIndex() {
        return Math.floorMod(next.getAndIncrement(), instances.size());
    }

    public Instance instance(int index) {
        return instances.get(Math.floorMod(index, instances.size()));
    }

    void close() {
        clients.values().forEach(HttpClient::close);
        shared.close();
    }
}
