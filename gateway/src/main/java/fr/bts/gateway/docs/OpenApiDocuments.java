package fr.bts.gateway.docs;

import fr.bts.gateway.config.GatewayConfig;
import fr.bts.gateway.proxy.Backend;
import fr.bts.gateway.proxy.Backends;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services' OpenAPI documents, fetched from their instances (the first that answers) and kept for
 * {@code gateway.docs.cache-ttl}; a service that cannot be reached keeps its last document if it had one.
 */
@ApplicationScoped
public class OpenApiDocuments {

    private static final Logger LOG = Logger.getLogger(OpenApiDocuments.class);

    private record Cached(JsonObject document, long fetchedAt) {
    }

    private final Backends backends;
    private final GatewayConfig.Docs config;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    OpenApiDocuments(Backends backends, GatewayConfig config) {
        this.backends = backends;
        this.config = config.docs();
    }

    /** Names of the services that publish a document, in configuration order. */
    public List<String> documented() {
        return backends.all().stream().filter(b -> b.config().openapiPath().isPresent()).map(Backend::name).toList();
    }

    public Future<JsonObject> document(String service) {
        Cached cached = cache.get(service);
        if (cached != null && System.currentTimeMillis() - cached.fetchedAt() < config.cacheTtl().toMillis()) {
            return Future.succeededFuture(cached.document());
        }
        Backend backend = backends.get(service);
        return fetch(backend, 0).map(document -> {
            cache.put(service, new Cached(document, System.currentTimeMillis()));
            return document;
        }).recover(failure -> {
            LOG.warnf("OpenAPI document of %s unavailable: %s", service, failure.getMessage());
            return cached != null ? Future.succeededFuture(cached.document()) : Future.failedFuture(failure);
        });
    }

    private Future<JsonObject> fetch(Backend backend, int attempt) {
        Backend.Instance instance = backend.instance(attempt);
        return ServiceCalls.get(backend, instance, backend.config().openapiPath().orElseThrow(), config.fetchTimeout())
                .compose(answer -> answer.status() == 200
                        ? Future.succeededFuture(answer.body().toJsonObject())
                        : Future.failedFuture(instance + " answered " + answer.status()))
                .recover(failure -> attempt + 1 < backend.instances().size()
                        ? fetch(backend, attempt + 1) : Future.failedFuture(failure));
    }

    /** Every documented service merged into one document, {@code server} its server URL. */
    public Future<JsonObject> merged(String server) {
        List<String> services = documented();
        List<Future<JsonObject>> fetches = services.stream().map(this::document).toList();
        return Future.join(new ArrayList<>(fetches)).transform(ignored -> {
            Map<String, JsonObject> documents = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                if (fetches.get(i).succeeded()) {
                    documents.put(services.get(i), fetches.get(i).result());
                } else {
                    unavailable.add(services.get(i));
                }
            }
            if (documents.isEmpty()) {
                return Future.failedFuture("No service document is available");
            }
            return Future.succeededFuture(OpenApiMerge.merge(config.title(), documents, unavailable, server));
        });
    }
}
