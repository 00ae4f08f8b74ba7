package fr.bts.chaos;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack the chaos scenarios run against, as {@code ./suite chaos} started it: its own state directory and ports
 * (the environment of this JVM names them, exactly as it names them to {@code ./suite}). It kills components with
 * {@code kill -9} — PostgreSQL by its postmaster, the others by the process the launcher started — and brings them
 * back with {@code ./suite up}, which restarts whatever is down.
 */
final class ChaosStack {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final Path ROOT = Path.of(System.getProperty("chaos.root", "..")).toAbsolutePath().normalize();
    static final Path STATE = Path.of(env("SUITE_STATE", ROOT.resolve(".suite").toString()));
    static final String GATEWAY = "http://localhost:" + env("GATEWAY_PORT", "8080");
    static final String KEYCLOAK = env("SUITE_KEYCLOAK_URL", "http://localhost:" + env("KEYCLOAK_PORT", "8180"));
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(Long.parseLong(env("CHAOS_REQUEST_TIMEOUT_S", "30")));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private ChaosStack() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** One answer as the client saw it: status, headers, the exact bytes; status 0 when no answer came. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        String text() {
            return failure != null ? failure : new String(body, StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------------------------------------- requests

    static Answer send(String user, String method, String path, Map<String, String> headers, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), null);
        } catch (IOException e) {
            return new Answer(0, Map.of(), new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Map.of(), new byte[0], "interrupted");
        }
    }

    static Answer get(String user, String path) {
        return send(user, "GET", path, Map.of(), null, null);
    }

    static Answer postJson(String user, String path, Map<String, String> headers, Object body) {
        return send(user, "POST", path, headers, "application/json", bytes(body));
    }

    static Answer putJson(String user, String path, Map<String, String> headers, Object body) {
        return send(user, "PUT", path, headers, "application/json", bytes(body));
    }

    static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An answer that must be {@code expected}; otherwise the scenario stops with what came instead. */
    static JsonNode expect(int expected, Answer answer, String what) {
        if (answer.status() != expected) {
            throw new AssertionError(what + ": expected " + expected + ", got " + answer.status() + " " + answer.text());
        }
        return answer.body().length == 0 ? JSON.nullNode() : answer.json();
    }

    static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> {
            String form = "grant_type=password&client_id=jury-app&username=" + URLEncoder.encode(u, StandardCharsets.UTF_8)
                    + "&password=demo";
            HttpRequest request = HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/bts-suite/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("no token for " + u + ": " + response.body());
                }
                return JSON.readTree(response.body()).path("access_token").asText();
            } catch (IOException e) {
                throw new IllegalStateException("Keycloak not reachable at " + KEYCLOAK, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    // --------------------------------------------------------------------------------------------- processes

    /** The process that is the component: the postmaster for PostgreSQL, the launched JVM for the others. */
    static ProcessHandle processOf(String component) {
        Path pidFile = component.equals("postgres") ? STATE.resolve("postgres/postmaster.pid") : STATE.resolve("run/" + component + ".pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not running"));
        } catch (IOException e) {
            throw new IllegalStateException("no pid file for " + component + " in " + STATE, e);
        }
    }

    /** {@code kill -9} of the component, as an operator's crash would; returns when the process is gone. */
    static Instant kill9(String component) {
        ProcessHandle process = processOf(component);
        process.destroyForcibly();
        Instant deadline = Instant.now().plusSeconds(30);
        while (process.isAlive() && process.info().command().isPresent() && Instant.now().isBefore(deadline)) {
            pause(Duration.ofMillis(20));
        }
        return Instant.now();
    }

    /** {@code ./suite up}: restarts whatever is down and waits until everything answers. */
    static void up() {
        try {
            Path log = STATE.resolve("logs/chaos-suite-up.log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(ROOT.resolve("suite").toString(), "up").directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("./suite up failed; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --------------------------------------------------------------------------------------------- instances

    /**
     * The direct addresses of every instance of {@code service} ({@code referential}, {@code dossier}, {@code evaluation})
     * when the stack runs several ({@code SUITE_REPLICAS}): {@code CHAOS_<SERVICE>_INSTANCES}, comma-separated, as
     * {@code ./suite chaos scaleout} sets it; otherwise the one instance on {@code <SERVICE>_PORT}. Instance i is the
     * launcher's component {@code <service>-i} (instance 1: {@code <service>}) and the gateway's {@code instance-i}.
     */
    static List<String> instances(String service) {
        String upper = service.toUpperCase(Locale.ROOT);
        String port = switch (service) {
            case "referential" -> "8081";
            case "dossier" -> "8082";
            default -> "8083";
        };
        String single = "http://localhost:" + env(upper + "_PORT", port);
        return Arrays.stream(env("CHAOS_" + upper + "_INSTANCES", single).split(",")).map(String::trim)
                .filter(url -> !url.isEmpty()).toList();
    }

    /** The launcher's name of instance {@code index} (1-based) of {@code service}: its pid and log files are named so. */
    static String component(String service, int index) {
        return index == 1 ? service : service + "-" + index;
    }

    /**
     * How the gateway sees each instance of {@code service} now, from its readiness report ({@code /q/health/ready}):
     * instance index (1-based) → whether it is in rotation. Empty when the gateway does not answer.
     */
    static Map<Integer, Boolean> rotation(String service) {
        Answer health = send(null, "GET", "/q/health/ready", Map.of(), null, null);
        Map<Integer, Boolean> seen = new TreeMap<>();
        if (health.status() != 200 && health.status() != 503) {
            return seen;
        }
        for (JsonNode check : health.json().path("checks")) {
            if (service.equals(check.path("name").asText())) {
                check.path("data").fields().forEachRemaining(e -> {
                    if (e.getKey().startsWith("instance-")) {
                        seen.put(Integer.parseInt(e.getKey().substring("instance-".length())), e.getValue().asText().endsWith(", in rotation"));
                    }
                });
            }
        }
        return seen;
    }

    /** Polls (bounded) until the gateway reports instance {@code index} of {@code service} in rotation or not, as asked. */
    static Instant awaitRotation(String service, int index, boolean inRotation, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.valueOf(inRotation).equals(rotation(service).get(index))) {
                return Instant.now();
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("the gateway did not report " + component(service, index) + (inRotation ? " in" : " out of")
                + " rotation within " + within + ": " + rotation(service));
    }

    /**
     * The instance each request went to, from the gateway's access log ({@code logs/gateway.log}: one JSON line per
     * request, {@code requestId} and {@code upstream}), for the request ids the scenario chose (sent as {@code X-Request-Id}).
     * Polls (bounded) until every one of {@code ids} is there: the gateway writes its access log a few times a second.
     */
    static Map<String, String> upstreams(Collection<String> ids, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Map<String, String> found = new HashMap<>();
            try (Stream<String> lines = Files.lines(STATE.resolve("logs/gateway.log"), StandardCharsets.UTF_8)) {
                lines.filter(line -> line.startsWith("{\"requestId\":")).forEach(line -> {
                    try {
                        JsonNode entry = JSON.readTree(line);
                        if (entry.hasNonNull("upstream")) {
                            found.put(entry.path("requestId").asText(), entry.path("upstream").asText());
                        }
                    } catch (IOException e) {
                        // a line cut by a write under way: the next read has it whole
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("the gateway's access log cannot be read in " + STATE.resolve("logs"), e);
            }
            if (found.keySet().containsAll(ids) || Instant.now().isAfter(deadline)) {
                return found;
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Polls (bounded) until {@code path} answers 200 through the gateway; returns when it did. */
    static Instant awaitAnswering(String user, String path, Duration within) {
        return awaitAnswering(user, path, within, null);
    }

    /** The same, counting in {@code seen} (when given) every status answered before the first 200. */
    static Instant awaitAnswering(String user, String path, Duration within, Figures seen) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            int status = get(user, path).status();
            if (status == 200) {
                return Instant.now();
            }
            if (seen != null) {
                seen.status(status);
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError(path + " did not answer 200 within " + within);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
