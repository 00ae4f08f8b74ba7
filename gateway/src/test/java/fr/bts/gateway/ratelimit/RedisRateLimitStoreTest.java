package fr.bts.gateway.ratelimit;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.config.RateLimitConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisRateLimitStoreTest {

    @Test
    void aRedisStoreWithoutItsUrlIsAConfigurationErrorNamingTheProperty() {
        Vertx vertx = Vertx.vertx();
        try {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> new RedisRateLimitStore(vertx, redis(Optional.of(" "))));
            assertTrue(error.getMessage().contains("gateway.rate-limit.redis.url"), error.getMessage());
        } finally {
            vertx.close();
        }
    }

    private static RateLimitConfig.Redis redis(Optional<String> url) {
        return new RateLimitConfig.Redis() {
            @Override
            public Optional<String> url() {
                return url;
            }

            @Override
            public String keyPrefix() {
                return "test:";
            }

            @Override
            public Duration timeout() {
                return Duration.ofMillis(250);
            }

            @Override
            public int maxPoolSize() {
                return 1;
            }
        };
    }
}
