package fr.bts.gateway;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP edge, on raw sockets as a hostile client would speak: ambiguous framing is refused and the
 * connection closed (RFC 9112 §6.1), pipelined requests are all answered in order, slow heads and slow
 * bodies are cut, and every refusal the HTTP layer or the gateway writes is a problem with a body. Bounds are
 * generous socket timeouts: the tests wait for the answer or the close, not for a clock.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class EdgeResourceTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    @TestHTTPResource("/")
    URL gateway;

    private static String token() {
        return TestTokens.token("rectorat-versailles", "versailles", "rectorat");
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(gateway.getHost(), gateway.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Everything the gateway sends until it closes the connection (a timeout fails the test). */
    private static String untilClosed(Socket socket) throws IOException {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway kept the connection open", e);
        }
    }

    private static void send(Socket socket, String bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static int answers(String stream) {
        Matcher matcher = STATUS_LINE.matcher(stream);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static void assertProblem(String answer, int status, String type) {
        // a request line that cannot be parsed has no version: Vert.x answers it as HTTP/1.0
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " ") || answer.startsWith("HTTP/1.0 " + status + " "), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"type\":\"urn:bts:problem:" + type + "\""), answer);
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndTheConnectionClosedNothingForwarded() throws IOException {
        long before = Stubs.count("dossier");
        try (Socket socket = open()) {
            String smuggled = "GET /api/dossiers/v1/smuggled HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token() + "\r\n\r\n";
            send(socket, "POST /api/dossiers/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (5 + smuggled.length()) + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
            String stream = untilClosed(socket);
            assertProblem(stream, 400, "bad-request");
            assertEquals(1, answers(stream), "one answer, then the connection is closed: " + stream);
        }
        assertEquals(before, Stubs.count("dossier"), "neither request reached the backend");
    }

    @Test
    void anHttp10RequestWithBothFramingsIsRefusedToo() throws IOException {
        long before = Stubs.count("dossier");
        try (Socket socket = open()) {
            send(socket, "POST /api/dossiers/v1/dossiers HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer " + token() + "\r\n"
                    + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            String answer = untilClosed(socket);
            assertTrue(answer.startsWith("HTTP/1.") && answer.contains(" 400 "), answer);
            assertTrue(answer.contains("urn:bts:problem:bad-request"), answer);
        }
        assertEquals(before, Stubs.count("dossier"));
    }

    @Test
    void aTransferCodingOtherThanChunkedIsRefused() throws IOException {
        try (Socket socket = open()) {
            send(socket, "POST /api/dossiers/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token() + "\r\n"
                    + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
            assertProblem(untilClosed(socket), 400, "bad-request");
        }
    }

    @Test
    void pipelinedRequestsAreAllAnsweredInOrder() throws IOException {
        try (Socket socket = open()) {
            String auth = "Authorization: Bearer " + token() + "\r\n";
            send(socket, "GET /api/dossiers/v1/dossiers/first HTTP/1.1\r\nHost: localhost\r\n" + auth + "\r\n"
                    + "POST /api/dossiers/v1/dossiers/second HTTP/1.1\r\nHost: localhost\r\n" + auth
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                    + "GET /api/dossiers/v1/dossiers/third HTTP/1.1\r\nHost: localhost\r\n" + auth + "Connection: close\r\n\r\n");
            String stream = untilClosed(socket);
            assertEquals(3, answers(stream), stream);
            int first = stream.indexOf("/api/dossiers/v1/dossiers/first");
            int second = stream.indexOf("/api/dossiers/v1/dossiers/second");
            int third = stream.indexOf("/api/dossiers/v1/dossiers/third");
            assertTrue(first >= 0 && first < second && second < third, stream);
        }
    }

    @Test
    void headersTrickledALineAtATimeAreCutOffWithA408() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        try (Socket socket = open()) {
            send(socket, "GET /api/dossiers/v1/dossiers HTTP/1.1\r\nHost: localhost\r\n");
            // one header line every 2 s for up to 60 s, as long as the gateway keeps listening
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        TimeUnit.SECONDS.sleep(2);
                        send(socket, "X-Trickle-" + i + ": x\r\n");
                        sent.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    // the gateway closed the connection: what the test waits for
                }
            });
            String answer = untilClosed(socket);
            assertProblem(answer, 408, "request-timeout");
            assertTrue(sent.get() < 30, "cut off before the trickle ended, after " + sent.get() + " lines");
            trickle.cancel(true);
        }
    }

    @Test
    void aStalledRequestBodyIsCutWithA408AndTheConnectionClosed() throws IOException {
        try (Socket socket = open()) {
            send(socket, "POST /api/dossiers/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"nom\":\"");
            String answer = untilClosed(socket);
            assertProblem(answer, 408, "request-timeout");
        }
    }

    @Test
    void aBodyOverTheServicesLimitIs413FromTheGatewayBeforeForwarding() throws IOException {
        // evaluation-service accepts 5M (quarkus.http.limits.max-body-size); the gateway's family limit is the same
        long before = Stubs.count("evaluation");
        try (Socket socket = open()) {
            send(socket, "POST /api/evaluations/v1/sessions/2026/grades HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token() + "\r\nContent-Type: application/json\r\nContent-Length: " + (6 * 1024 * 1024) + "\r\n\r\n{");
            assertProblem(untilClosed(socket), 413, "payload-too-large");
        }
        assertEquals(before, Stubs.count("evaluation"));
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws IOException {
        try (Socket socket = open()) {
            send(socket, "GET /api/referential/v1/search?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(untilClosed(socket), 414, "uri-too-long");
        }
    }

    @Test
    void headersOverTheHttpLayersLimitAreA431Problem() throws IOException {
        try (Socket socket = open()) {
            send(socket, "GET /api/referential/v1/certifications HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n");
            assertProblem(untilClosed(socket), 431, "request-header-too-large");
        }
    }

    @Test
    void headersOverTheGatewaysLimitAreA431ProblemToo() throws IOException {
        try (Socket socket = open()) {
            send(socket, "GET /api/dossiers/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
            assertProblem(untilClosed(socket), 431, "request-header-too-large");
        }
    }

    @Test
    void aMalformedRequestLineIsA400Problem() throws IOException {
        try (Socket socket = open()) {
            send(socket, "GET /api/dossiers/v1/dossiers HTTP/1.1 extra\r\nHost: localhost\r\n\r\n");
            String answer = untilClosed(socket);
            assertProblem(answer, 400, "bad-request");
        }
    }

    @Test
    void aBadChunkIsTheCallersFaultNeverAnOutageOfTheService() throws IOException {
        // three per instance: enough to take both out of rotation if they were counted against them
        for (int i = 0; i < 6; i++) {
            try (Socket socket = open()) {
                send(socket, "POST /api/pair/v1/items HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token() + "\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
                String answer = untilClosed(socket);
                // the HTTP layer may close before an answer can be written; if one is, it is the caller's 400
                if (!answer.isEmpty()) {
                    assertProblem(answer, 400, "bad-request");
                }
            }
        }
        // bad chunks took no instance out of rotation: both still serve
        java.util.Set<String> served = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            served.add(io.restassured.RestAssured.given().auth().oauth2(token()).when().get("/api/pair/v1/items/" + i)
                    .then().statusCode(200).extract().header("X-Backend"));
        }
        assertEquals(java.util.Set.of("pair-a", "pair-b"), served);
    }

    @Test
    void authenticatedAnswersAreNeverStored() throws IOException {
        try (Socket socket = open()) {
            send(socket, "GET /api/dossiers/v1/dossiers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token()
                    + "\r\nConnection: close\r\n\r\n");
            String answer = untilClosed(socket).toLowerCase();
            assertTrue(answer.startsWith("http/1.1 200"), answer);
            assertTrue(answer.contains("\r\ncache-control: no-store\r\n"), answer);
            assertTrue(answer.contains("\r\nx-content-type-options: nosniff\r\n"), answer);
            assertTrue(answer.contains("\r\nx-frame-options: deny\r\n"), answer);
            assertTrue(answer.contains("\r\ncontent-security-policy: frame-ancestors 'none'\r\n"), answer);
        }
    }
}
