package fr.bts.gateway.proxy;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.routing.RouteTable;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The backend services of the configuration and the route table that leads to them. */
@ApplicationScoped
public class Backends {

    private final Map<String, Backend> byName = new LinkedHashMap<>();
    private final RouteTable routes;

    Backends(GatewayConfig config, Vertx vertx) {
        config.services().forEach((name, service) -> byName.put(name, new Backend(name, service, vertx)));
        this.routes = RouteTable.from(config);
    }

    public Backend get(String name) {
        Backend backend = byName.get(name);
        if (backend == null) {
            throw new IllegalStateException("No backend named " + name);
        }
        return backend;
    }

    public Collection<Backend> all() {
        return byName.values();
    }

    public RouteTable routes() {
        return routes;
    }

    void close(@Observes ShutdownEvent event) {
        byName.values().forEach(Backend::close);
    }
}
