package fr.bts.gateway.docs;

import fr.bts.gateway.proxy.Backend;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;

/** Small GETs the gateway makes on its own behalf (OpenAPI documents, readiness), bounded in time. */
public final class ServiceCalls {

    /** A status and a body, read whole: only for small documents. */
    public record Answer(int status, Buffer body) {
    }

    private ServiceCalls() {
    }

    public static Future<Answer> get(Backend backend, Backend.Instance instance, String path, Duration timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(instance.host()).setPort(instance.port()).setSsl(instance.ssl()).setURI(path)
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis())
                .putHeader("Accept", "application/json");
        return backend.client().request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
    }
}
