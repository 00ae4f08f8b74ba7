package fr.bts.gateway;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Budgets per client: a named client's own budget (3 an hour in the test profile), the anonymous budget
 * per IP (a few dozen a minute in the test profile) lower than the authenticated one. Anonymous calls come from
 * their own loopback address (127.0.0.23) so that other tests do not spend that budget.
 */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class RateLimitResourceTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aClientGets429WithRetryAfterOnceItsBudgetIsSpentAndTheBackendSeesNoMore() {
        String token = TestTokens.serviceAccount("limited-platform", null, "platform-reader");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/referential/v1/certifications")
                    .then().statusCode(200).header("RateLimit-Limit", "3");
        }
        long before = Stubs.count("referential-a") + Stubs.count("referential-b");
        String retryAfter = given().auth().oauth2(token).when().get("/api/referential/v1/certifications")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bts:problem:too-many-requests"))
                .header("RateLimit-Remaining", "0")
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 1000 && seconds <= 1200, "one request back every 20 min: Retry-After " + seconds);
        assertEquals(before, Stubs.count("referential-a") + Stubs.count("referential-b"));

        given().auth().oauth2(TestTokens.serviceAccount("platform-demo", null, "platform-reader"))
                .when().get("/api/referential/v1/certifications").then().statusCode(200);
    }

    @Test
    void anonymousReadsHaveALowerBudgetPerIpThanTokens() throws IOException {
        int budget = ConfigProvider.getConfig().getValue("gateway.rate-limit.anonymous.requests", Integer.class);
        int authenticated = ConfigProvider.getConfig().getValue("gateway.rate-limit.authenticated.requests", Integer.class);
        assertTrue(budget < authenticated, "anonymous callers get less than authenticated ones");
        for (int i = 0; i < budget; i++) {
            assertEquals(200, statusFrom("127.0.0.23", null), "anonymous request " + (i + 1));
        }
        assertEquals(429, statusFrom("127.0.0.23", null));
        assertEquals(200, statusFrom("127.0.0.24", null), "another IP has its own budget");
        String token = TestTokens.serviceAccount("platform-demo", null, "platform-reader");
        assertEquals(200, statusFrom("127.0.0.23", token), "a token is counted apart from its IP");
    }

    @Test
    void invalidTokensSpendTheAnonymousBudgetOfTheirIpAndEndIn429() throws IOException {
        int budget = ConfigProvider.getConfig().getValue("gateway.rate-limit.anonymous.requests", Integer.class);
        int unauthorized = 0;
        String last = null;
        for (int i = 0; i < budget + 20; i++) {
            last = answerFrom("127.0.0.31", "abc");
            if (last.startsWith("HTTP/1.1 401")) {
                unauthorized++;
            }
        }
        assertEquals(budget, unauthorized, "as many 401 as the anonymous budget, then 429");
        assertTrue(last.startsWith("HTTP/1.1 429"), last);
        assertTrue(last.toLowerCase().contains("\r\nretry-after: "), last);
        assertTrue(last.contains("urn:bts:problem:too-many-requests"), last);
        assertEquals(200, statusFrom("127.0.0.32", null), "another IP has its own budget");
    }

    private int statusFrom(String localAddress, String token) throws IOException {
        return Integer.parseInt(answerFrom(localAddress, token).substring(9, 12));
    }

    private String answerFrom(String localAddress, String token) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName(gateway.getHost()), gateway.getPort(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            String request = "GET /api/referential/v1/certifications HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
