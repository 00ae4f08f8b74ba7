package fr.bts.devstack;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile client gets from a service reached directly (issue 11), checked on every running service: odd
 * request targets, bodies the strict JSON rules refuse, opaque tokens, oversized URIs and headers all answer a 4xx
 * problem, with no ERROR line in the log; every answer carries the security headers, and authenticated ones
 * {@code Cache-Control: no-store}. Each service's Quarkus test extends this class and names its endpoints in its constructor.
 */
public abstract class HostileInputContract {

    private static final String PROBLEM = "application/problem+json";

    private final String jsonEndpoint;
    private final String textField;
    private final String authorizedToken;
    private final String authenticatedRead;

    /**
     * @param jsonEndpoint a POST endpoint of the service that consumes a JSON object
     * @param textField a text field of the body {@code jsonEndpoint} reads, e.g. {@code lastName}
     * @param authorizedToken a token allowed to call {@code jsonEndpoint} and {@code authenticatedRead}
     * @param authenticatedRead a GET endpoint that answers 200 to {@code authorizedToken}, e.g. a collection
     */
    protected HostileInputContract(String jsonEndpoint, String textField, String authorizedToken, String authenticatedRead) {
        this.jsonEndpoint = jsonEndpoint;
        this.textField = textField;
        this.authorizedToken = authorizedToken;
        this.authenticatedRead = authenticatedRead;
    }

    /** The POST endpoint the contract sends bodies to. */
    protected final String jsonEndpoint() {
        return jsonEndpoint;
    }

    /** The token the contract calls the service with. */
    protected final String authorizedToken() {
        return authorizedToken;
    }

    /** A path under which the service looks up an object by id, e.g. {@code /api/dossiers/v1/dossiers}. */
    protected String objectPath() {
        return authenticatedRead;
    }

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler errorLines = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void watchErrorLines() {
        Logger.getLogger("").addHandler(errorLines);
    }

    @AfterEach
    void noErrorLine() {
        Logger.getLogger("").removeHandler(errorLines);
        assertTrue(errors.isEmpty(), () -> "ERROR lines logged: " + errors.stream()
                .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }

    private RequestSpecification authorized() {
        return given().auth().oauth2(authorizedToken());
    }

    /** Sends {@code request} as raw bytes, so that no client library re-encodes the target, and answers the reply. */
    protected static String raw(String request) throws IOException {
        int port = RestAssured.port;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readAllBytes();
            return new String(reply, StandardCharsets.UTF_8);
        }
    }

    private String rawGet(String target, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n")
                .append("Authorization: Bearer ").append(authorizedToken()).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return raw(request.append("Connection: close\r\n\r\n").toString());
    }

    /** POSTs {@code json} to {@link #jsonEndpoint()} over a raw socket (no client-side logging of a huge body). */
    private String rawPost(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return raw("POST " + jsonEndpoint() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + authorizedToken()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + json);
    }

    private static void assertProblem(String reply, int status) {
        assertTrue(reply.startsWith("HTTP/1.1 " + status), () -> "expected " + status + ", got: " + firstLines(reply));
        assertTrue(reply.toLowerCase().contains("content-type: " + PROBLEM), () -> "not a problem: " + firstLines(reply));
        assertTrue(reply.contains("\"status\":" + status), () -> "no problem body: " + reply);
        assertTrue(!reply.contains("Exception") && !reply.contains("at fr.bts"), () -> "a stack trace leaked: " + reply);
    }

    private static String firstLines(String reply) {
        return reply.length() > 600 ? reply.substring(0, 600) : reply;
    }

    @Test
    void oddPathsAre400Problems() throws IOException {
        for (String odd : List.of("%00", "%22", "%zz", "%", "a%0Db", "%C3%28", "%7F", "%3Cx%3E")) {
            String reply = rawGet(objectPath() + "/" + odd);
            assertProblem(reply, 400);
            assertTrue(reply.contains("urn:bts:problem:bad-request"), reply);
        }
    }

    @Test
    void oddQueryParametersAre400ProblemsNamingTheParameter() throws IOException {
        String reply = rawGet(authenticatedRead + "?page=%00");
        assertProblem(reply, 400);
        assertTrue(reply.contains("\"field\":\"page\""), reply);
        assertProblem(rawGet(authenticatedRead + "?q=%zz"), 400);
    }

    @Test
    void aDuplicateKeyIsA400ProblemNamingTheKey() {
        String field = textField;
        authorized().contentType("application/json").body("{\"" + field + "\": \"x\", \"" + field + "\": \"y\"}")
                .when().post(jsonEndpoint())
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:bts:problem:malformed-body"))
                .body("violations[0].field", equalTo(field));
    }

    @Test
    void contentAfterTheJsonDocumentIsA400Problem() {
        authorized().contentType("application/json").body("{} {\"more\": true}")
                .when().post(jsonEndpoint())
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:bts:problem:malformed-body"));
        authorized().contentType("application/json").body("{}garbage")
                .when().post(jsonEndpoint())
                .then().statusCode(400).contentType(startsWith(PROBLEM));
    }

    @Test
    void deepNestingIsA400Problem() throws IOException {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertProblem(rawPost(deep), 400);
    }

    @Test
    void aNulInAnyTextIsA400ProblemNamingTheField() {
        authorized().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/json").body("{\"" + textField + "\": \"a\\u0000b\"}")
                .when().post(jsonEndpoint())
                .then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:bts:problem:invalid-character"))
                .body("violations[0].field", equalTo(textField));
    }

    @Test
    void anOpaqueTokenIsA401ProblemWithoutIntrospection() {
        int before = introspections();
        for (String token : List.of("abc", "not-a-jwt-at-all", "a.b.c")) {
            given().auth().oauth2(token).contentType("application/json").body("{}")
                    .when().post(jsonEndpoint())
                    .then().statusCode(401).contentType(startsWith(PROBLEM))
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        assertEquals(before, introspections(), "opaque tokens must never be sent to the introspection endpoint");
    }

    /** Requests the mock identity provider received on its introspection endpoint (WireMock's request journal). */
    private static int introspections() {
        String keycloak = ConfigProvider.getConfig().getValue("keycloak.url", String.class).replaceFirst("/auth/?$", "");
        return given().baseUri(keycloak).port(-1).contentType("application/json")
                .body("{\"method\": \"POST\", \"urlPathPattern\": \".*introspect.*\"}")
                .post("/__admin/requests/count").then().statusCode(200).extract().path("count");
    }

    @Test
    void authenticatedAnswersCarryTheSecurityHeadersAndNoStore() {
        // An answer for one caller's token is never kept by a shared cache: no-store unless the resource set its own
        // policy, which is then private (revalidated by its reader's cache, RFC 9111 §5.2.2.7).
        authorized().when().get(authenticatedRead)
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", anyOf(equalTo("no-store"), startsWith("private")));
    }

    @Test
    void errorAnswersCarryTheSecurityHeadersToo() {
        Response answer = given().when().get(objectPath() + "/../../no/such/thing");
        assertEquals(404, answer.statusCode());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    }

    @Test
    void aTooLongUriIsA414Problem() throws IOException {
        assertProblem(rawGet(authenticatedRead + "?q=" + "x".repeat(20_000)), 414);
    }

    @Test
    void tooLargeHeadersAreA431Problem() throws IOException {
        assertProblem(rawGet(authenticatedRead, "X-Big: " + "y".repeat(30_000)), 431);
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() throws IOException {
        long length = maxBodyBytes() + 1024L;
        String reply;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + jsonEndpoint() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + authorizedToken()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[65536];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, length - sent));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the service may answer and close before the whole body is sent: the answer is what counts
            }
            reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertProblem(reply, 413);
        assertTrue(reply.contains("urn:bts:problem:payload-too-large"), reply);
    }

    /** {@code quarkus.http.limits.max-body-size} of the service, in bytes. */
    protected int maxBodyBytes() {
        String size = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .orElse("10M").trim().toUpperCase();
        long factor = size.endsWith("M") ? 1024 * 1024 : size.endsWith("K") ? 1024 : 1;
        return (int) (Long.parseLong(size.replaceAll("[^0-9]", "")) * factor);
    }
}
