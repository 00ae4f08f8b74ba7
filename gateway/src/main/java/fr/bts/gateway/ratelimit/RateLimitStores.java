package fr.bts.gateway.ratelimit;

import fr.bts.gateway.config.GatewayConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Makes the store {@code gateway.rate-limit.store} names; a bean of type {@link RateLimitStore} elsewhere replaces it. */
@ApplicationScoped
public class RateLimitStores {

    /** Made at startup, so that a redis store without its URL stops the gateway instead of failing requests. */
    @Produces
    @DefaultBean
    @ApplicationScoped
    @Startup
    RateLimitStore store(GatewayConfig config, Vertx vertx) {
        return switch (config.rateLimit().store()) {
            case MEMORY -> new InMemoryRateLimitStore(config);
            case REDIS -> new RedisRateLimitStore(vertx, config.rateLimit().redis());
        };
    }

    void close(@Disposes RateLimitStore store) {
        if (store instanceof RedisRateLimitStore redis) {
            redis.close();
        }
    }
}
