package fr.bts.gateway.ratelimit;

import fr.bts.gateway.config.GatewayConfig;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets in this instance's memory: each key may burst up to its budget, and gets its budget back
 * evenly over the period. Buckets that are full again (their client went quiet) are dropped when the map
 * reaches its size bound, so memory stays bounded whatever the number of clients.
 */
public class InMemoryRateLimitStore implements RateLimitStore {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int maxTracked;
    private final LongSupplier nanoClock;

    public InMemoryRateLimitStore(GatewayConfig config) {
        this(config.rateLimit().maxTrackedClients(), System::nanoTime);
    }

    public InMemoryRateLimitStore(int maxTracked, LongSupplier nanoClock) {
        this.maxTracked = maxTracked;
        this.nanoClock = nanoClock;
    }

    @Override
    public Future<RateLimitDecision> acquire(String key, int requests, Duration period) {
        return Future.succeededFuture(take(key, requests, period));
    }

    /** Synchronous form of {@link #acquire}, for the unit tests and the event loop alike. */
    public RateLimitDecision take(String key, int requests, Duration period) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= maxTracked && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> bucket.fullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(requests, period, now));
        return bucket.take(requests, period, now);
    }

    int tracked() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long last;
        private double perNano;
        private int capacity;

        Bucket(int capacity, Duration period, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
            this.perNano = capacity / (double) period.toNanos();
        }

        synchronized RateLimitDecision take(int requests, Duration period, long now) {
            capacity = requests;
            perNano = requests / (double) period.toNanos();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new RateLimitDecision(true, capacity, (int) Math.floor(tokens), Duration.ZERO);
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / perNano);
            return new RateLimitDecision(false, capacity, 0, Duration.ofNanos(waitNanos));
        }

        synchronized boolean fullAt(long now) {
            return tokens + (now - last) * perNano >= capacity;
        }
    }
}
