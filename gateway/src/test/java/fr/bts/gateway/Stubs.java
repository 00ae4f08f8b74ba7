package fr.bts.gateway;

import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads what a stub backend of {@link StubBackends} received, straight from the stub (not through the gateway). */
final class Stubs {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Stubs() {
    }

    static String url(String stub) {
        return ConfigProvider.getConfig().getValue("stub." + stub + ".url", String.class);
    }

    static JsonObject stats(String stub) {
        return new JsonObject(get(url(stub) + "/__stub/stats"));
    }

    /** Requests that reached the stub's API paths so far. */
    static long count(String stub) {
        return stats(stub).getLong("count");
    }

    static void kill(String stub) {
        get(url("control") + "/kill?stub=" + stub);
    }

    static void revive(String stub) {
        get(url("control") + "/revive?stub=" + stub);
    }

    static void release(String stub) {
        get(url(stub) + "/__stub/release");
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
