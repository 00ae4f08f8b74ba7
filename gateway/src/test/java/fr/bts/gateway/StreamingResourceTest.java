package fr.bts.gateway;

import fr.bts.devstack.Await;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies stream through the gateway in both directions. Each test holds one side back after a few
 * megabytes and requires the other side to have seen them already: a gateway that gathered the whole
 * body before forwarding would never let them through and the test would fail (it also could not hold
 * 300 MB in the 256 MB heap the test JVM gets, see the surefire configuration).
 */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class StreamingResourceTest {

    private static final long SIZE = 300L * 1024 * 1024;
    private static final long HOLD = 4L * 1024 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void streamsA300MegabyteUploadToTheBackendAsItArrives() throws Exception {
        GeneratedBody body = new GeneratedBody(SIZE, HOLD, () -> awaitStubReceived(1024 * 1024));
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/dossiers/v1/dossiers/7/attachments/upload"))
                .header("Authorization", "Bearer " + TestTokens.token("candidat-versailles", "versailles", "candidate"))
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        HttpResponse<String> response = Stubs.HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(body.sawBackendProgress, "the backend had bytes before the client had sent its whole body");
        JsonObject received = new JsonObject(response.body());
        assertEquals(SIZE, received.getLong("bytes"));
        assertEquals(body.crc.getValue(), received.getLong("crc"));
    }

    @Test
    void streamsA300MegabyteDownloadToTheCallerAsItIsProduced() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/dossiers/v1/exports/download?size=" + SIZE + "&hold=" + HOLD))
                .header("Authorization", "Bearer " + TestTokens.token("rectorat-versailles", "versailles", "rectorat"))
                .timeout(Duration.ofMinutes(2))
                .build();
        HttpResponse<InputStream> response = Stubs.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(Long.toString(SIZE), response.headers().firstValue("Content-Length").orElse(null));
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            long beforeRelease = CompletableFuture.supplyAsync(() -> read(in, buffer, HOLD))
                    .get(20, TimeUnit.SECONDS);
            assertEquals(HOLD, beforeRelease, "the first megabytes arrive while the backend still holds the rest");
            Stubs.release("dossier");
            long rest = read(in, buffer, Long.MAX_VALUE);
            assertEquals(SIZE, beforeRelease + rest);
        }
    }

    @Test
    void aSmallAnswerCutShortByTheBackendNeverReachesTheCallerAsComplete() {
        // 100 000 bytes declared: under gateway.relay.buffer-up-to, the gateway gathers the answer before writing it
        assertCallerSeesABrokenAnswer(100_000, 40_000);
    }

    @Test
    void aStreamedAnswerCutShortByTheBackendNeverReachesTheCallerAsComplete() {
        // 1 MB declared: streamed as it comes, the head is out before the backend fails
        assertCallerSeesABrokenAnswer(1024 * 1024, 300_000);
    }

    @Test
    void everyGatheredAnswerGivesItsPooledBufferBack() throws Exception {
        String token = TestTokens.token("rectorat-versailles", "versailles", "rectorat");
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).when().get("/api/dossiers/v1/dossiers/" + i).then().statusCode(200);
        }
        assertCallerSeesABrokenAnswer(100_000, 40_000);
        try (Socket caller = new Socket(gateway.getHost(), gateway.getPort())) {
            // the backend sends half of a 100 000-byte answer and holds the rest: the caller leaves meanwhile
            OutputStream request = caller.getOutputStream();
            request.write(("GET /api/dossiers/v1/exports/download?size=100000&hold=50000 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            // the caller leaves once the gateway holds the half answer in a pooled buffer (the gauge says so)
            awaitPooledBuffers("gateway_relay_pooled_buffers 1.0");
        }
        Stubs.release("dossier");

        awaitPooledBuffers("gateway_relay_pooled_buffers 0.0");
    }

    /**
     * Waits until the management port's pooled-buffer gauge reads {@code expected}: the gauge is asked again as soon as
     * it answered ({@link Await}); the patience of 10 s only ends a wait for a buffer that is never given back.
     */
    private void awaitPooledBuffers(String expected) {
        Await.until("pooled answer buffers, want " + expected, () -> given().when().get(metrics).then().statusCode(200)
                        .extract().asString().lines().filter(line -> line.startsWith("gateway_relay_pooled_buffers "))
                        .findFirst().orElse(null),
                expected::equals, Duration.ofSeconds(10));
    }

    private void assertCallerSeesABrokenAnswer(long declared, int sent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/dossiers/v1/exports/cut?size=" + declared + "&after=" + sent))
                .header("Authorization", "Bearer " + TestTokens.token("rectorat-versailles", "versailles", "rectorat"))
                .timeout(Duration.ofSeconds(20))
                .build();
        IOException failure = assertThrows(IOException.class,
                () -> Stubs.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()),
                "a caller must not receive " + sent + " of " + declared + " bytes as a whole answer");
        assertTrue(failure.getMessage() == null || !failure.getMessage().contains("timed out"), "failed at once: " + failure);
    }

    @Test
    void refusesADeclaredBodyOverTheFamilyLimitBeforeTheBackendSeesIt() {
        long before = Stubs.count("referential-a") + Stubs.count("referential-b");
        given().auth().oauth2(TestTokens.token("referentiel-admin", null, "referential-admin"))
                .contentType("application/json").body("x".repeat(100 * 1024))
                .when().post("/api/referential/v1/certifications")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:payload-too-large"));
        assertEquals(before, Stubs.count("referential-a") + Stubs.count("referential-b"));
    }

    /**
     * A caller that reads the 413 and goes on sending the rest of its body, as a client does that writes
     * before it reads: the gateway must drain that rest before it closes (RFC 9112 §9.6). Closing at once
     * would reset the connection under the caller, which then sees a broken pipe, or loses the answer.
     */
    @Test
    void refusesAChunkedBodyOnceItPassesTheFamilyLimit() throws IOException {
        String token = TestTokens.token("referentiel-admin", null, "referential-admin");
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/referential/v1/certifications HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            writeChunks(out, 3);
            String answer = readAnswer(in);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("urn:bts:problem:payload-too-large"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);

            writeChunks(out, 13);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(-1, in.read(), "the gateway closes once the body has ended");
        }
    }

    private static void writeChunks(OutputStream out, int count) throws IOException {
        int chunk = 32 * 1024;
        for (int i = 0; i < count; i++) {
            out.write((Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[chunk]);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /** One HTTP/1.1 answer with a {@code Content-Length}: its head and body, read to their end and no further. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the answer's head: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        assertTrue(length.find(), head.toString());
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.UTF_8);
    }

    private static long read(InputStream in, byte[] buffer, long max) {
        long total = 0;
        try {
            while (total < max) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    private static boolean awaitStubReceived(long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Stubs.stats("dossier").getLong("uploadReceived") >= bytes) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** {@code size} pseudo-random bytes; after {@code hold} of them, waits for the backend to have some. */
    private static final class GeneratedBody extends InputStream {
        private final long size;
        private final long hold;
        private final java.util.function.BooleanSupplier backendProgressed;
        private final CRC32 crc = new CRC32();
        private long position;
        private boolean sawBackendProgress;

        GeneratedBody(long size, long hold, java.util.function.BooleanSupplier backendProgressed) {
            this.size = size;
            this.hold = hold;
            this.backendProgressed = backendProgressed;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            if (position == hold && !sawBackendProgress) {
                sawBackendProgress = backendProgressed.getAsBoolean();
                if (!sawBackendProgress) {
                    throw new IllegalStateException("The backend received nothing of the first " + hold + " bytes");
                }
            }
            long limit = position < hold ? hold : size;
            int n = (int) Math.min(length, limit - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position + i) * 31 + 7);
            }
            crc.update(buffer, offset, n);
            position += n;
            return n;
        }
    }
}
