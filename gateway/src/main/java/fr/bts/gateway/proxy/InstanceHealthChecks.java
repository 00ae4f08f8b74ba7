package fr.bts.gateway.proxy;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.config.ServiceConfig;
import fr.bts.gateway.docs.ServiceCalls;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;

/**
 * Active health checks: every {@code gateway.services.<s>.health-check.interval}, each instance's readiness
 * endpoint ({@code health-path}, {@code /q/health/ready}) is asked; an instance that does not answer 200
 * within {@code health-check.timeout} leaves the rotation until a check passes again, and a passing check
 * brings back an instance ejected for its failures without waiting for its ejection to end. A check never
 * overlaps the previous one of the same instance.
 */
@ApplicationScoped
public class InstanceHealthChecks {

    private final Backends backends;
    private final Vertx vertx;
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean stopped;

    InstanceHealthChecks(Backends backends, Vertx vertx) {
        this.backends = backends;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        for (Backend backend : backends.all()) {
            ServiceConfig.HealthCheck config = backend.config().healthCheck();
            if (!config.enabled()) {
                continue;
            }
            for (Backend.Member member : backend.members()) {
                schedule(backend, member, config);
            }
        }
    }

    private void schedule(Backend backend, Backend.Member member, ServiceConfig.HealthCheck config) {
        long timer = vertx.setTimer(config.interval().toMillis(), id -> ServiceCalls
                .get(backend, member.instance, backend.config().healthPath(), config.timeout())
                .onComplete(ar -> {
                    backend.checked(member, ar.succeeded() && ar.result().status() == 200);
                    synchronized (timers) {
                        timers.remove(id);
                    }
                    if (!stopped) {
                        schedule(backend, member, config);
                    }
                }));
        synchronized (timers) {
            timers.add(timer);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        synchronized (timers) {
            timers.forEach(vertx::cancelTimer);
            timers.clear();
        }
    }
}
