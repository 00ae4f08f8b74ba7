package fr.bts.gateway.ratelimit;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.config.RateLimitConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Token buckets in Redis, shared by every gateway instance that uses the same Redis: the same bucket as
 * {@link InMemoryRateLimitStore} (bursts up to the budget, refilled evenly over the period), taken in one
 * Lua script so that concurrent instances never both spend the last request. The script reads the clock
 * of Redis, not of the gateways, so instances with skewed clocks still agree; an idle bucket expires
 * after one period (it would be full again anyway). Each call waits at most
 * {@code gateway.rate-limit.redis.timeout}; a failure or a timeout fails the future, and the caller then
 * lets the request through.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    /** KEYS[1] the bucket; ARGV budget, period in ms. Returns {allowed 0/1, remaining, wait in ms}. */
    static final String SCRIPT = """
            redis.replicate_commands()
            local capacity = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
            local tokens = tonumber(state[1])
            local last = tonumber(state[2])
            if tokens == nil or last == nil then
              tokens = capacity
              last = now
            end
            local rate = capacity / period
            tokens = math.min(capacity, tokens + math.max(0, now - last) * rate)
            local allowed = 0
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              wait = math.ceil((1 - tokens) / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(now))
            redis.call('PEXPIRE', KEYS[1], period)
            return {allowed, math.floor(tokens), wait}
            """;

    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final Vertx vertx;
    private final Redis client;
    private final RedisAPI redis;
    private final String keyPrefix;
    private final long timeoutMillis;

    public RedisRateLimitStore(Vertx vertx, RateLimitConfig.Redis config) {
        String url = config.url().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalStateException(
                "gateway.rate-limit.store=redis needs gateway.rate-limit.redis.url (redis://host:6379)"));
        this.vertx = vertx;
        this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(config.maxPoolSize()).setMaxPoolWaiting(config.maxPoolSize() * 64));
        this.redis = RedisAPI.api(client);
        this.keyPrefix = config.keyPrefix();
        this.timeoutMillis = Math.max(1, config.timeout().toMillis());
    }

    @Override
    public Future<RateLimitDecision> acquire(String key, int requests, Duration period) {
        Promise<RateLimitDecision> answer = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, t -> answer.tryFail(
                new TimeoutException("Redis did not answer within " + timeoutMillis + " ms")));
        List<String> arguments = List.of("1", keyPrefix + key, Integer.toString(requests),
                Long.toString(Math.max(1, period.toMillis())));
        redis.evalsha(with(SCRIPT_SHA, arguments))
                .recover(e -> noScript(e) ? redis.eval(with(SCRIPT, arguments)) : Future.failedFuture(e))
                .map(reply -> decision(reply, requests))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        answer.tryComplete(ar.result());
                    } else {
                        answer.tryFail(ar.cause());
                    }
                });
        return answer.future();
    }

    void close() {
        client.close();
    }

    static RateLimitDecision decision(Response reply, int requests) {
        boolean allowed = reply.get(0).toInteger() == 1;
        int remaining = Math.max(0, reply.get(1).toInteger());
        return new RateLimitDecision(allowed, requests, allowed ? remaining : 0,
                allowed ? Duration.ZERO : Duration.ofMillis(reply.get(2).toLong()));
    }

    /** Redis forgot the script (a restart, SCRIPT FLUSH): send it whole once, then EVALSHA works again. */
    private static boolean noScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
