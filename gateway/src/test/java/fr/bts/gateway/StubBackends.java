package fr.bts.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Real HTTP backends for the gateway's tests: plain Vert.x servers on free ports of 127.0.0.1, one per
 * service instance, that record what reaches them. The tests read that record over HTTP
 * ({@code /__stub/stats}), never through the gateway, so that "the backend never saw it" is observed on
 * the backend's side. Also: a port where nothing listens (a downed instance and a downed service).
 *
 * <p>Behaviour by path: {@code /q/health/ready} and {@code /q/openapi} as a Quarkus service would;
 * {@code …/slow} answers only once {@code /__stub/release} is called (counted in {@code slowAnswered}); {@code …/missing} is a 404 problem; {@code …/upload} counts the body as it streams in and answers its size
 * and CRC; {@code …/cut?size=N&after=M} declares N bytes, sends M and closes the connection; {@code …/download?size=N&hold=H} streams N bytes and stops after H until {@code /__stub/release};
 * {@code …/unavailable?retryAfter=S} is the service's own 503; {@code …/drop} reads the request and closes the
 * connection without answering; anything else echoes method, URI, headers and body as JSON. The {@code pair}
 * service's two instances can be killed and revived ({@link #control()}); the {@code broken} service answers
 * bytes that are not HTTP.
 */
public class StubBackends implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private final List<Socket> held = new ArrayList<>();
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Stub> stubs = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        String refA = start("referential-a", "referential");
        String refB = start("referential-b", "referential");
        String dossier = start("dossier", "dossier");
        String evaluation = start("evaluation", "evaluation");
        String closedInstance = "http://127.0.0.1:" + closedPort();
        String closedService = "http://127.0.0.1:" + closedPort();
        config.put("gateway.services.referential.instances", refA + "," + refB);
        config.put("gateway.services.dossier.instances", dossier);
        config.put("gateway.services.evaluation.instances", closedInstance + "," + evaluation);
        config.put("gateway.services.evaluation.read-timeout", "1s");
        config.put("gateway.services.down.instances", closedService);
        // far longer than ProxyResourceTest waits for the 503 of a refused connection (a third of it)
        config.put("gateway.services.down.connect-timeout", "60s");
        config.put("gateway.routes.down.prefixes", "/api/down");
        config.put("gateway.routes.down.service", "down");
        config.put("gateway.services.broken.instances", "http://127.0.0.1:" + malformed());
        config.put("gateway.routes.broken.prefixes", "/api/broken");
        config.put("gateway.routes.broken.service", "broken");
        String pairA = start("pair-a", "pair");
        String pairB = start("pair-b", "pair");
        config.put("gateway.services.pair.instances", pairA + "," + pairB);
        config.put("gateway.services.pair.health-check.interval", "200ms");
        config.put("gateway.services.pair.health-check.timeout", "1s");
        // far longer than the tests wait: an instance that comes back is re-admitted by its health check
        config.put("gateway.services.pair.ejection.duration", "5m");
        config.put("gateway.routes.pair.prefixes", "/api/pair");
        config.put("gateway.routes.pair.service", "pair");
        config.put("stub.pair-a.url", pairA);
        config.put("stub.pair-b.url", pairB);
        config.put("stub.control.url", control());
        config.put("stub.referential-a.url", refA);
        config.put("stub.referential-b.url", refB);
        config.put("stub.dossier.url", dossier);
        config.put("stub.evaluation.url", evaluation);
        return config;
    }

    @Override
    public void stop() {
        for (Socket socket : held) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the port is free again either way
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private String start(String name, String service) {
        Stub stub = new Stub(name, service);
        stub.vertx = vertx;
        stubs.put(name, stub);
        return "http://127.0.0.1:" + listen(name, 0);
    }

    private int listen(String name, int port) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true))
                .requestHandler(stubs.get(name)::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Stub " + name + " did not start", e);
        }
        servers.put(name, server);
        ports.put(name, server.actualPort());
        return server.actualPort();
    }

    /**
     * Stops and restarts stubs as a crash and a restart would ({@code /kill?stub=pair-a}: the port refuses
     * connections and open connections are closed; {@code /revive?stub=pair-a}: listening again on the same
     * port), from a server of its own so that it stays reachable.
     */
    private String control() {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    String name = request.getParam("stub");
                    HttpServerResponse response = request.response();
                    if (name == null || !stubs.containsKey(name)) {
                        response.setStatusCode(404).end();
                    } else if (request.path().equals("/kill")) {
                        servers.remove(name).close().onComplete(ar -> response.end("killed " + name));
                    } else if (request.path().equals("/revive")) {
                        vertx.executeBlocking(() -> listen(name, ports.get(name)))
                                .onComplete(ar -> response.setStatusCode(ar.succeeded() ? 200 : 500).end("revived " + name));
                    } else {
                        response.setStatusCode(404).end();
                    }
                });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Stub control did not start", e);
        }
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** A server that answers every request with bytes that are not HTTP (what a confused upstream would send). */
    private int malformed() {
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
                .connectHandler(socket -> socket.handler(bytes -> {
                    if (bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        socket.write("SSH-2.0-not-an-http-server\r\n\r\n").onComplete(v -> socket.close());
                    }
                }));
        try {
            return server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("The malformed stub did not start", e);
        }
    }

    /**
     * A port that refuses connections for the whole run: bound by a socket that never listens, so that no
     * server started later (another stub, the test OIDC server, the app itself) can take it, which a port
     * merely closed again allowed, and then the "refused" instance answered 404.
     */
    private int closedPort() {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Stub {
        private final String name;
        private final String service;
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong uploadReceived = new AtomicLong();
        private final AtomicLong slowAnswered = new AtomicLong();
        private Promise<Void> released = Promise.promise();
        private Vertx vertx;

        Stub(String name, String service) {
            this.name = name;
            this.service = service;
        }

        void handle(HttpServerRequest request) {
            String path = request.path();
            HttpServerResponse response = request.response();
            switch (path) {
                case "/q/health/ready" -> json(response, 200, new JsonObject().put("status", "UP"));
                case "/q/openapi" -> json(response, 200, openapi());
                case "/__stub/stats" -> json(response, 200, new JsonObject().put("count", count.get())
                        .put("uploadReceived", uploadReceived.get()).put("slowAnswered", slowAnswered.get()));
                case "/__stub/release" -> {
                    released.tryComplete();
                    json(response, 200, new JsonObject().put("released", true));
                }
                default -> backend(request, path, response);
            }
        }

        private void backend(HttpServerRequest request, String path, HttpServerResponse response) {
            count.incrementAndGet();
            if (path.endsWith("/slow")) {
                released = Promise.promise();
                released.future().onComplete(v -> {
                    if (!response.closed()) {
                        slowAnswered.incrementAndGet();
                        json(response, 200, new JsonObject().put("late", true));
                    }
                });
            } else if (path.endsWith("/missing")) {
                response.setStatusCode(404).putHeader("Content-Type", "application/problem+json").putHeader("X-Backend", name)
                        .end(new JsonObject().put("type", "urn:bts:problem:not-found").put("status", 404)
                                .put("detail", "no dossier 42 (from the backend)").toBuffer());
            } else if (path.endsWith("/unavailable")) {
                String retryAfter = request.getParam("retryAfter");
                if (retryAfter != null) {
                    response.putHeader("Retry-After", retryAfter);
                }
                response.setStatusCode(503).putHeader("Content-Type", "application/problem+json").putHeader("X-Backend", name)
                        .end(new JsonObject().put("type", "urn:bts:problem:service-unavailable").put("status", 503)
                                .put("detail", "store down (from the backend)").toBuffer());
            } else if (path.endsWith("/drop")) {
                request.body().onComplete(ar -> request.connection().close());
            } else if (path.endsWith("/upload")) {
                upload(request, response);
            } else if (path.endsWith("/cut")) {
                long size = Long.parseLong(request.getParam("size"));
                int after = Integer.parseInt(request.getParam("after"));
                response.putHeader("Content-Type", "application/json").putHeader("Content-Length", Long.toString(size))
                        .write(Buffer.buffer(new byte[after])).onComplete(v -> request.connection().close());
            } else if (path.endsWith("/download")) {
                long size = Long.parseLong(request.getParam("size"));
                long hold = Long.parseLong(request.getParam("hold", "-1"));
                released = Promise.promise();
                response.putHeader("Content-Type", "application/octet-stream")
                        .putHeader("Content-Length", Long.toString(size));
                download(response, 0, size, hold, Buffer.buffer(new byte[64 * 1024]));
            } else {
                echo(request, response);
            }
        }

        private void upload(HttpServerRequest request, HttpServerResponse response) {
            uploadReceived.set(0);
            CRC32 crc = new CRC32();
            request.handler(chunk -> {
                crc.update(chunk.getBytes());
                uploadReceived.addAndGet(chunk.length());
            });
            request.endHandler(v -> json(response, 200, new JsonObject().put("stub", name)
                    .put("bytes", uploadReceived.get()).put("crc", crc.getValue())));
        }

        private void download(HttpServerResponse response, long sent, long size, long hold, Buffer chunk) {
            long position = sent;
            while (position < size && !response.writeQueueFull()) {
                if (hold >= 0 && position >= hold && !released.future().isComplete()) {
                    long at = position;
                    released.future().onComplete(v -> download(response, at, size, -1, chunk));
                    return;
                }
                int length = (int) Math.min(chunk.length(), size - position);
                response.write(length == chunk.length() ? chunk : chunk.getBuffer(0, length));
                position += length;
            }
            if (position >= size) {
                response.end();
            } else {
                long at = position;
                response.drainHandler(v -> download(response, at, size, hold, chunk));
            }
        }

        private void echo(HttpServerRequest request, HttpServerResponse response) {
            request.body().onSuccess(body -> {
                JsonObject headers = new JsonObject(new TreeMap<>());
                request.headers().names().forEach(header ->
                        headers.put(header.toLowerCase(), String.join(", ", request.headers().getAll(header))));
                JsonObject echo = new JsonObject()
                        .put("stub", name).put("service", service)
                        .put("method", request.method().name()).put("uri", request.uri())
                        .put("headers", headers).put("bodyBytes", body.length())
                        .put("body", body.length() <= 16 * 1024 ? body.toString() : null);
                response.putHeader("X-Backend", name)
                        .putHeader("Access-Control-Allow-Origin", "*")
                        .putHeader("Connection", "keep-alive, X-Hop")
                        .putHeader("X-Hop", "must not cross the gateway");
                json(response, 200, echo);
            });
        }

        private JsonObject openapi() {
            JsonObject problem = new JsonObject().put("type", "object")
                    .put("properties", new JsonObject().put("type", new JsonObject().put("type", "string")));
            JsonObject page = "dossier".equals(service)
                    ? new JsonObject().put("type", "object").put("properties", new JsonObject().put("content", new JsonObject().put("type", "array")))
                    : new JsonObject().put("type", "object").put("properties", new JsonObject().put("items", new JsonObject().put("type", "array")));
            String path = switch (service) {
                case "referential" -> "/api/referential/v1/certifications";
                case "dossier" -> "/api/dossiers/v1/dossiers";
                default -> "/api/evaluations/v1/sessions";
            };
            JsonObject get = new JsonObject().put("tags", new JsonArray().add(service))
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "a page")
                            .put("content", new JsonObject().put("application/json", new JsonObject()
                                    .put("schema", new JsonObject().put("$ref", "#/components/schemas/Page"))))));
            return new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", service).put("version", "1.0"))
                    .put("servers", new JsonArray().add(new JsonObject().put("url", "http://internal:8081")))
                    .put("tags", new JsonArray().add(new JsonObject().put("name", service)))
                    .put("paths", new JsonObject().put(path, new JsonObject().put("get", get)))
                    .put("components", new JsonObject().put("schemas", new JsonObject().put("Problem", problem).put("Page", page)));
        }

        private static void json(HttpServerResponse response, int status, JsonObject body) {
            response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
        }
    }
}
