package fr.bts.gateway.proxy;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.config.ServiceConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend service: its instances, which of them are in rotation, and the pooled keep-alive HTTP client
 * that reaches them. An instance leaves the rotation when its exchanges fail
 * ({@code gateway.services.<s>.ejection}: a refused connection at once, otherwise after a streak of
 * failures) or when its readiness check fails ({@link InstanceHealthChecks}); it comes back when the
 * ejection time has passed or a readiness check passes again. When no instance is in rotation, every
 * instance is tried anyway (the least recently ejected first): a service that is only restarting is
 * better tried than refused. The client never decompresses nor aggregates: bytes go through as they come.
 */
public final class Backend {

    private static final Logger LOG = Logger.getLogger(Backend.class);

    /**
     * Bytes read from a backend at once, the largest relayed body chunk, and the socket's receive buffer
     * (Vert.x sets SO_RCVBUF and a fixed read size from the one option). 128 KB, as {@code gateway.relay.buffer-up-to}:
     * an answer the gateway gathers (the 82 KB version document) comes in one read instead of two, and the TCP
     * window no longer is smaller than the answer, which the service then had to write in several goes. Reads stay
     * inside Netty's pool (512 KB chunks, {@code quarkus.netty.allocator-max-order=6}).
     */
    static final int READ_SIZE = 128 * 1024;

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

    /** What the gateway knows of one instance: exchanges under way, its failure streak, whether it is in rotation. */
    static final class Member {
        final Instance instance;
        /** {@link Instance#toString()} once, for the access log's {@code upstream} of every exchange. */
        final String address;
        final int index;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        /** {@link System#nanoTime()} until which the instance is out of rotation for its failures; 0 = not ejected. */
        volatile long ejectedUntil;
        /** Outcome of the last readiness check (true until one has failed). */
        volatile boolean ready = true;

        Member(Instance instance, int index) {
            this.instance = instance;
            this.address = instance.toString();
            this.index = index;
        }

        boolean inRotation(long now) {
            long until = ejectedUntil;
            return ready && (until == 0 || now - until >= 0);
        }
    }

    private final String name;
    private final List<Instance> instances;
    private final List<Member> members;
    private final ServiceConfig config;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    /** One client per event loop, so that a request and its upstream connection live on the same thread. */
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    /** For callers off the event loops (health checks run on workers). */
    private final HttpClient shared;
    private final AtomicInteger next = new AtomicInteger();

    Backend(String name, ServiceConfig config, Vertx vertx) {
        this.name = name;
        this.config = config;
        this.instances = config.instances().stream().filter(s -> !s.isBlank()).map(Instance::parse).toList();
        if (instances.isEmpty()) {
            throw new IllegalStateException("gateway.services." + name + ".instances is empty");
        }
        List<Member> all = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            all.add(new Member(instances.get(i), i));
        }
        this.members = List.copyOf(all);
        if (config.ejection().consecutiveFailures() < 1) {
            throw new IllegalStateException("gateway.services." + name + ".ejection.consecutive-failures must be at least 1");
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
                // takes up to READ_SIZE (the adaptive default starts far lower): each streamed chunk becomes one
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

    public ServiceConfig config() {
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

    /**
     * The instance for the next attempt of a request, never one it already tried ({@code tried}), or null
     * when it has tried them all. Instances in rotation first (by {@code gateway.services.<s>.balancing});
     * when none is, the least recently ejected of the others.
     */
    Member choose(Set<Member> tried) {
        long now = System.nanoTime();
        int start = Math.floorMod(next.getAndIncrement(), members.size());
        Member best = null;
        for (int i = 0; i < members.size(); i++) {
            Member candidate = members.get((start + i) % members.size());
            if (tried.contains(candidate) || !candidate.inRotation(now)) {
                continue;
            }
            if (config.balancing() == ServiceConfig.Balancing.ROUND_ROBIN) {
                return candidate;
            }
            if (best == null || candidate.inFlight.get() < best.inFlight.get()) {
                best = candidate;
            }
        }
        if (best != null) {
            return best;
        }
        for (Member candidate : members) {
            if (!tried.contains(candidate) && (best == null || candidate.ejectedUntil - best.ejectedUntil < 0)) {
                best = candidate;
            }
        }
        return best;
    }

    /** An exchange with the instance went through (whatever the status below 500). */
    void succeeded(Member member) {
        member.failures.set(0);
    }

    /**
     * An exchange with the instance failed: {@code refused} for a connection that could not be opened
     * (the instance is down: out of rotation at once), otherwise a timeout, a broken exchange or a 5xx.
     */
    void failed(Member member, boolean refused) {
        int threshold = config.ejection().consecutiveFailures();
        int streak = refused ? member.failures.addAndGet(threshold) : member.failures.incrementAndGet();
        if (streak >= threshold) {
            member.failures.set(0);
            boolean wasIn = member.inRotation(System.nanoTime());
            member.ejectedUntil = System.nanoTime() + config.ejection().duration().toNanos();
            if (wasIn) {
                LOG.warnf("%s instance %s taken out of rotation for %s after %s", name, member.instance,
                        config.ejection().duration(), refused ? "a refused connection" : streak + " failed exchanges");
            }
        }
    }

    /** The outcome of a readiness check of the instance: a failed one takes it out of rotation until one passes. */
    void checked(Member member, boolean ready) {
        boolean was = member.ready;
        member.ready = ready;
        if (ready) {
            if (!was || member.ejectedUntil != 0) {
                LOG.infof("%s instance %s back in rotation (readiness check passed)", name, member.instance);
            }
            member.ejectedUntil = 0;
            member.failures.set(0);
        } else if (was) {
            LOG.warnf("%s instance %s out of rotation: its readiness check failed", name, member.instance);
        }
    }

    List<Member> members() {
        return members;
    }

    /** Whether the instance at {@code index} takes requests now (for the health report). */
    public boolean inRotation(int index) {
        return members.get(index).inRotation(System.nanoTime());
    }

    public Instance instance(int index) {
        return instances.get(Math.floorMod(index, instances.size()));
    }

    void close() {
        clients.values().forEach(HttpClient::close);
        shared.close();
    }
}
