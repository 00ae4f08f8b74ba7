package fr.bts.gateway;

import fr.bts.devstack.Await;
import fr.bts.devstack.TestTokens;
import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.config.RateLimitConfig;
import fr.bts.gateway.ratelimit.RateLimitDecision;
import fr.bts.gateway.ratelimit.RedisRateLimitStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gateway.rate-limit.store=redis} against a real redis-server: budgets are shared by every gateway
 * instance using the same Redis (a second store in this test plays the other instance), and a Redis
 * outage lets requests through within the timeout instead of failing or hanging them.
 */
@QuarkusTest
@TestProfile(RedisRateLimitResourceTest.RedisStore.class)
class RedisRateLimitResourceTest {

    public static class RedisStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.store", "redis",
                    "gateway.rate-limit.redis.timeout", "500ms",
                    "gateway.rate-limit.clients.shared-platform.requests", "4",
                    "gateway.rate-limit.clients.shared-platform.period", "1h",
                    "gateway.rate-limit.clients.after-outage.requests", "2",
                    "gateway.rate-limit.clients.after-outage.period", "1h");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedRedis.class));
        }
    }

    private static Vertx vertx;

    @Inject
    GatewayConfig config;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void twoGatewayInstancesSpendOneSharedBudget() throws Exception {
        RedisRateLimitStore otherInstance = new RedisRateLimitStore(vertx, patient(config.rateLimit().redis()));
        for (int i = 0; i < 2; i++) {
            RateLimitDecision decision = await(otherInstance.acquire("client:shared-platform", 4, Duration.ofHours(1)));
            assertTrue(decision.allowed());
        }

        String token = TestTokens.serviceAccount("shared-platform", null, "platform-reader");
        given().auth().oauth2(token).when().get("/api/referential/v1/certifications")
                .then().statusCode(200).header("RateLimit-Limit", "4").header("RateLimit-Remaining", "1");
        given().auth().oauth2(token).when().get("/api/referential/v1/certifications")
                .then().statusCode(200).header("RateLimit-Remaining", "0");
        long before = Stubs.count("referential-a") + Stubs.count("referential-b");
        String retryAfter = given().auth().oauth2(token).when().get("/api/referential/v1/certifications")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:too-many-requests"))
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 800 && seconds <= 900, "one request back every 15 min: Retry-After " + seconds);
        assertEquals(before, Stubs.count("referential-a") + Stubs.count("referential-b"), "a refused request is not forwarded");

        RateLimitDecision refusedThere = await(otherInstance.acquire("client:shared-platform", 4, Duration.ofHours(1)));
        assertFalse(refusedThere.allowed(), "the other instance sees the budget spent here as well");
    }

    @Test
    void theScriptIsSentAgainWhenRedisHasForgottenIt() throws Exception {
        RedisRateLimitStore store = new RedisRateLimitStore(vertx, config.rateLimit().redis());
        assertTrue(await(store.acquire("client:flushed", 2, Duration.ofHours(1))).allowed());
        RedisAPI raw = RedisAPI.api(Redis.createClient(vertx, EmbeddedRedis.url()));
        raw.script(List.of("FLUSH")).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        RateLimitDecision second = await(store.acquire("client:flushed", 2, Duration.ofHours(1)));
        assertTrue(second.allowed());
        assertEquals(0, second.remaining());
        assertFalse(await(store.acquire("client:flushed", 2, Duration.ofHours(1))).allowed());
        raw.close();
    }

    @Test
    void aRedisOutageLetsRequestsThroughWithinTheTimeoutAndLimitsComeBackWithRedis() throws Exception {
        String token = TestTokens.serviceAccount("after-outage", null, "platform-reader");
        EmbeddedRedis.stopServer();
        try {
            // more requests than the budget (2): each is let through, uncounted (no RateLimit headers), because the
            // store failed: the answer comes from the store's failure, not from a clock
            for (int i = 0; i < 3; i++) {
                Response response = given().auth().oauth2(token).when().get("/api/referential/v1/certifications");
                assertEquals(200, response.statusCode(), "a limiter outage is not an API outage");
                assertNull(response.header("RateLimit-Remaining"), "let through unlimited while Redis is down");
            }
        } finally {
            EmbeddedRedis.startServer();
        }

        // Redis answering again is the event; the gateway's next requests are counted there once its client has
        // reconnected (each request is asked as soon as the previous one answered, uncounted ones spend nothing)
        RedisAPI raw = RedisAPI.api(Redis.createClient(vertx, EmbeddedRedis.url()));
        assertEquals("PONG", await(raw.ping(List.of())).toString());
        raw.close();
        String remaining = Await.until("RateLimit-Remaining once Redis is back", () -> given().auth().oauth2(token)
                        .when().get("/api/referential/v1/certifications").then().statusCode(200).extract().header("RateLimit-Remaining"),
                Objects::nonNull, Duration.ofSeconds(10));
        assertEquals("1", remaining, "counted in Redis again once it is back");
        given().auth().oauth2(token).when().get("/api/referential/v1/certifications").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/referential/v1/certifications").then().statusCode(429);
    }

    /**
     * The same Redis settings with a wait of 10 s instead of the 500 ms of a request: the second instance's first call
     * opens its connection from a cold Vert.x, which a loaded machine can take longer than that to do; what the test
     * checks is the shared budget, not that instance's timeout.
     */
    private static RateLimitConfig.Redis patient(RateLimitConfig.Redis redis) {
        return new RateLimitConfig.Redis() {
            @Override
            public java.util.Optional<String> url() {
                return redis.url();
            }

            @Override
            public String keyPrefix() {
                return redis.keyPrefix();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public int maxPoolSize() {
                return redis.maxPoolSize();
            }
        };
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
