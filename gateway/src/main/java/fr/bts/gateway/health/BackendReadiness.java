package fr.bts.gateway.health;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.docs.ServiceCalls;
import fr.bts.gateway.proxy.Backend;
import fr.bts.gateway.proxy.Backends;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.List;

/**
 * One readiness check per backend service, named after it: the service is up when at least one of its
 * instances answers its readiness endpoint with 200 within {@code gateway.docs.fetch-timeout}; the data
 * says how each instance answered and whether it takes requests, by position ({@code instance-1} is the
 * first of {@code gateway.services.<s>.instances}), never by address: the health endpoints answer anyone
 * and must not map the internal network. {@code /q/health} thus shows at a glance which service is missing.
 */
@ApplicationScoped
public class BackendReadiness {

    private final Backends backends;
    private final HealthRegistry registry;
    private final Duration timeout;

    BackendReadiness(Backends backends, @Readiness HealthRegistry registry, GatewayConfig config) {
        this.backends = backends;
        this.registry = registry;
        this.timeout = config.docs().fetchTimeout();
    }

    void register(@Observes StartupEvent event) {
        for (Backend backend : backends.all()) {
            registry.register("backend-" + backend.name(), (AsyncHealthCheck) () -> check(backend));
        }
    }

    private Uni<HealthCheckResponse> check(Backend backend) {
        List<Future<String>> probes = backend.instances().stream()
                .map(instance -> ServiceCalls.get(backend, instance, backend.config().healthPath(), timeout)
                        .map(answer -> answer.status() == 200 ? "UP" : "DOWN (" + answer.status() + ")")
                        .otherwise(failure -> "DOWN (" + failure.getClass().getSimpleName() + ")"))
                .toList();
        Future<HealthCheckResponse> all = Future.join(probes).transform(ignored -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named(backend.name());
            boolean up = false;
            for (int i = 0; i < probes.size(); i++) {
                String state = probes.get(i).result();
                up |= "UP".equals(state);
                builder.withData("instance-" + (i + 1), state + (backend.inRotation(i) ? ", in rotation" : ", out of rotation"));
            }
            return Future.succeededFuture(builder.status(up).build());
        });
        return Uni.createFrom().completionStage(all.toCompletionStage());
    }
}
