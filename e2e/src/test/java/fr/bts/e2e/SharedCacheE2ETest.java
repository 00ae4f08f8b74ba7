package fr.bts.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real shared HTTP cache in front of the live gateway (issue 12): nginx (Debian nginx-light,
 * {@code tools/prereqs/nginx.sh}) with a {@code proxy_cache} keyed as nginx keys by default (the URI only), on a free
 * port. A gzip client and an identity client each get their own coding, the same document once decoded, under distinct
 * ETags (Vary: Accept-Encoding makes nginx keep one variant per coding); once a stored answer is stale, nginx
 * revalidates it with the service and gets 304 (its log shows the upstream status).
 */
class SharedCacheE2ETest {

    private static final String DOCUMENT = "/api/referential/v1/certifications/BTS-SAM/versions/1";
    private static final String EXPORT = "/api/referential/v1/certifications/BTS-GPME/versions/1/exports/moodle.csv";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dir;
    private static Process nginx;
    private static String cache;

    @BeforeAll
    static void startNginx() throws Exception {
        dir = Files.createTempDirectory("bts-shared-cache");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI gateway = URI.create(Stack.GATEWAY);
        String upstream = gateway.getScheme() + "://" + ("localhost".equals(gateway.getHost()) ? "127.0.0.1" : gateway.getHost())
                + ":" + gateway.getPort();
        for (String sub : List.of("cache", "temp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        // nginx's workers may run as another user than the test: they write the cache
        for (Path p : List.of(dir, dir.resolve("cache"), dir.resolve("temp"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        String conf = """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                  client_body_temp_path %1$s/temp/body;
                  proxy_temp_path %1$s/temp/proxy;
                  fastcgi_temp_path %1$s/temp/fastcgi;
                  uwsgi_temp_path %1$s/temp/uwsgi;
                  scgi_temp_path %1$s/temp/scgi;
                  proxy_cache_path %1$s/cache levels=1:2 keys_zone=bts:10m max_size=64m inactive=10m use_temp_path=off;
                  log_format upstream '$uri|$http_accept_encoding|$upstream_cache_status|$upstream_status|$sent_http_etag';
                  access_log %1$s/access.log upstream;
                  server {
                    listen 127.0.0.1:%2$d;
                    proxy_cache bts;
                    proxy_cache_revalidate on;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    add_header X-Cache-Status $upstream_cache_status always;
                    # the services' own Cache-Control decides
                    location / {
                      proxy_pass %3$s;
                    }
                    # the same answers kept 1 s whatever they say, so that revalidation is seen within the test
                    location /stale/ {
                      proxy_cache_key "stale $request_uri";
                      proxy_ignore_headers Cache-Control Expires;
                      proxy_cache_valid 200 1s;
                      proxy_pass %3$s/;
                    }
                  }
                }
                """.formatted(dir, port, upstream);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        String binary = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        nginx = new ProcessBuilder(binary, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!listening(port)) {
            assertTrue(nginx.isAlive() && Instant.now().isBefore(deadline),
                    () -> "nginx did not start: " + read(dir.resolve("nginx.out")) + read(dir.resolve("error.log")));
            nginx.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        cache = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
    }

    @Test
    void eachClientGetsItsOwnCodingUnderItsOwnEtag() throws Exception {
        for (String path : List.of(DOCUMENT, EXPORT)) {
            HttpResponse<byte[]> zipped = get(path, "gzip", null);
            HttpResponse<byte[]> plain = get(path, null, null);
            HttpResponse<byte[]> zippedAgain = get(path, "gzip", null);
            HttpResponse<byte[]> plainAgain = get(path, null, null);
            for (HttpResponse<byte[]> answer : List.of(zipped, plain, zippedAgain, plainAgain)) {
                assertEquals(200, answer.statusCode(), path);
                assertTrue(header(answer, "Vary").contains("Accept-Encoding"), path + " Vary: " + header(answer, "Vary"));
            }
            assertEquals("gzip", header(zipped, "Content-Encoding"), path);
            assertEquals("gzip", header(zippedAgain, "Content-Encoding"), path + ": the cache keeps the gzip variant for gzip clients");
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(),
                    path + ": a client that did not ask for gzip never gets it from the cache");
            assertTrue(plainAgain.headers().firstValue("Content-Encoding").isEmpty(), path);
            byte[] document = plain.body();
            assertArrayEquals(document, gunzip(zipped.body()), path + ": the same representation under both codings");
            assertArrayEquals(document, gunzip(zippedAgain.body()), path);
            assertArrayEquals(document, plainAgain.body(), path);
            String identityTag = header(plain, "ETag");
            String gzipTag = header(zipped, "ETag");
            assertNotEquals(identityTag, gzipTag, path + ": one strong ETag per coding");
            assertEquals(identityTag.substring(0, identityTag.length() - 1) + "-gzip\"", gzipTag, path);
            assertEquals(gzipTag, header(zippedAgain, "ETag"), path);
            assertEquals(identityTag, header(plainAgain, "ETag"), path);
            assertEquals("HIT", header(zippedAgain, "X-Cache-Status"), path + ": the gzip variant is served from the cache");
            assertEquals("HIT", header(plainAgain, "X-Cache-Status"), path + ": the identity variant too");
            // the cache answers its own clients' conditional requests per variant
            assertEquals(304, get(path, "gzip", gzipTag).statusCode(), path);
            assertEquals(304, get(path, null, identityTag).statusCode(), path);
            assertEquals(200, get(path, null, gzipTag).statusCode(), path + ": the gzip tag does not validate identity bytes");
        }
    }

    @Test
    void aStaleAnswerIsRevalidatedWith304FromTheService() throws Exception {
        for (String coding : new String[]{"gzip", null}) {
            String path = "/stale" + DOCUMENT;
            HttpResponse<byte[]> first = get(path, coding, null);
            assertEquals(200, first.statusCode());
            byte[] document = coding == null ? first.body() : gunzip(first.body());
            HttpResponse<byte[]> revalidated = null;
            Instant deadline = Instant.now().plusSeconds(15);
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<byte[]> answer = get(path, coding, null);
                if ("REVALIDATED".equals(header(answer, "X-Cache-Status"))) {
                    revalidated = answer;
                    break;
                }
                assertTrue(List.of("HIT", "MISS", "EXPIRED", "UPDATING").contains(header(answer, "X-Cache-Status")),
                        header(answer, "X-Cache-Status"));
                Thread.sleep(100);
            }
            assertTrue(revalidated != null, "nginx revalidated its stale copy within 15 s: " + read(dir.resolve("access.log")));
            assertEquals(200, revalidated.statusCode());
            assertEquals(header(first, "ETag"), header(revalidated, "ETag"), "the stored variant's tag");
            assertEquals(coding, revalidated.headers().firstValue("Content-Encoding").orElse(null));
            assertArrayEquals(document, coding == null ? revalidated.body() : gunzip(revalidated.body()));
            // nginx writes its log line once the answer is sent: wait for it (bounded)
            String expected = path + "|" + (coding == null ? "-" : coding) + "|REVALIDATED|304|";
            Instant logged = Instant.now().plusSeconds(5);
            while (read(dir.resolve("access.log")).lines().noneMatch(l -> l.startsWith(expected)) && Instant.now().isBefore(logged)) {
                Thread.sleep(50);
            }
            assertTrue(read(dir.resolve("access.log")).lines().anyMatch(l -> l.startsWith(expected)),
                    "the service answered nginx's revalidation with 304: " + read(dir.resolve("access.log")));
        }
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cache + path)).timeout(Duration.ofSeconds(30)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse("");
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
