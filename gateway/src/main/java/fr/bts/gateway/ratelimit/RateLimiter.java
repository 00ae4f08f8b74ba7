package fr.bts.gateway.ratelimit;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.config.RateLimitConfig;
import io.quarkus.arc.ClientProxy;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks the budget of a caller and asks the store: a named client's own budget when configured, the
 * authenticated budget for any other token, the (lower) anonymous budget per client IP otherwise.
 */
@ApplicationScoped
public class RateLimiter {

    private final RateLimitConfig config;
    private final RateLimitStore store;

    RateLimiter(GatewayConfig config, RateLimitStore store) {
        this.config = config.rateLimit();
        // the store itself, not its client proxy: a proxy looks its bean up in the context on every call
        this.store = ClientProxy.unwrap(store);
    }

    /**
     * @param client   the bucket key of the caller ({@link ClientKey#key()})
     * @param clientId the token's client id when the caller is a client, for per-client budgets; else null
     */
    public Future<RateLimitDecision> acquire(String client, String clientId, boolean anonymous) {
        if (!config.enabled()) {
            return Future.succeededFuture(RateLimitDecision.unlimited());
        }
        RateLimitConfig.Budget budget = anonymous ? config.anonymous()
                : clientId != null && config.clients().containsKey(clientId) ? config.clients().get(clientId)
                : config.authenticated();
        return store.acquire(client, budget.requests(), budget.period());
    }
}
