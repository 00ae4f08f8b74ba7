package fr.bts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "Swagger login": the gateway's Swagger UI in a real browser (Debian's headless chromium driven by
 * Playwright). Authorize → authorization code with PKCE (S256) as the realm's public client {@code api-docs}
 * (pre-filled) → Keycloak's own login page → back in Swagger UI, "Try it out" → Execute on a protected
 * operation answers 200, with the token Swagger UI obtained. The browser reaches nothing but the local stack:
 * every request to another host is refused and fails the test.
 */
class SwaggerLoginE2ETest {

    private static final String CHROMIUM = System.getProperty("e2e.chromium", "/usr/bin/chromium");
    /** Upper bound of each wait on the page (Keycloak's first login page can take seconds on a loaded machine). */
    private static final double WAIT_MS = Double.parseDouble(System.getProperty("e2e.browser.timeout-ms", "60000"));
    private static final String USER = "rectorat-versailles";
    private static final String PROTECTED_PATH = "/api/dossiers/v1/dossiers";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(CHROMIUM)).setHeadless(true));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void authorizeWithPkceOnKeycloaksPageThenAProtectedCallFromSwaggerUiAnswers200() throws IOException {
        List<String> foreign = new CopyOnWriteArrayList<>();
        List<Request> requests = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext()) {
            context.setDefaultTimeout(WAIT_MS);
            context.route("**/*", route -> {
                if (LOCAL_HOSTS.contains(URI.create(route.request().url()).getHost())) {
                    route.resume();
                } else {
                    foreign.add(route.request().url());
                    route.abort();
                }
            });
            context.onRequest(requests::add);
            Page page = context.newPage();
            page.navigate(Stack.GATEWAY + "/q/swagger-ui/");

            // the merged document is loaded: the protected operation is listed
            Locator operation = page.locator(".opblock.opblock-get:has(.opblock-summary-path[data-path='" + PROTECTED_PATH + "'])");
            operation.waitFor();

            page.locator("button.authorize").first().click();
            // one form per flow of the OpenID Connect scheme; the authorization code one, before and after login
            Locator codeFlow = page.locator(".auth-container:has-text('authorization_code'), "
                    + ".auth-container:has-text('authorizationCode')").first();
            codeFlow.waitFor();
            assertEquals("api-docs", codeFlow.locator("input[id^='client_id']").inputValue(), "Swagger UI pre-fills the client id");

            Page login = page.waitForPopup(() -> codeFlow.locator("button.authorize").click());
            login.waitForLoadState();
            Map<String, String> authorization = query(login.url());
            assertTrue(login.url().startsWith(Stack.KEYCLOAK + "/realms/bts-suite/protocol/openid-connect/auth"), login.url());
            assertEquals("api-docs", authorization.get("client_id"));
            assertEquals("code", authorization.get("response_type"));
            assertEquals("S256", authorization.get("code_challenge_method"), "PKCE: " + login.url());
            assertNotNull(authorization.get("code_challenge"), "PKCE: " + login.url());
            assertEquals(Stack.GATEWAY + "/q/swagger-ui/oauth2-redirect.html", authorization.get("redirect_uri"));

            // Keycloak's real login page; the popup goes back to Swagger UI's redirect page and closes itself
            login.locator("#username").fill(USER);
            login.locator("#password").fill("demo");
            login.waitForClose(() -> login.locator("#kc-login").click());

            // the code was exchanged from the page (CORS on Keycloak's token endpoint) with its verifier
            try {
                codeFlow.locator("button:has-text('Logout')").waitFor();
            } catch (PlaywrightException e) {
                throw new AssertionError("Swagger UI is not authorized: " + codeFlow.innerText() + "\n" + describe(requests), e);
            }
            Request exchange = requests.stream()
                    .filter(r -> URI.create(r.url()).getPath().endsWith("/protocol/openid-connect/token") && "POST".equals(r.method()))
                    .findFirst().orElseThrow(() -> new AssertionError("no token request from the page:\n" + describe(requests)));
            Map<String, String> form = form(exchange.postData());
            assertEquals("authorization_code", form.get("grant_type"));
            assertNotNull(form.get("code_verifier"), "the verifier of the challenge is sent: " + form.keySet());
            assertEquals(200, exchange.response().status(), "Keycloak accepts the exchange from the gateway's origin");
            page.locator(".modal-ux button.close-modal").click();

            // Try it out → Execute on the protected operation: 200, called with the token Swagger UI obtained
            operation.locator(".opblock-summary").first().click();
            operation.locator("button.try-out__btn").click();
            Request call = page.waitForRequest(r -> r.url().startsWith(Stack.GATEWAY + PROTECTED_PATH),
                    () -> operation.locator("button.execute").click());
            Locator status = operation.locator(".live-responses-table .response .response-col_status").first();
            status.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
            assertEquals("200", status.innerText().trim(), "the protected call from Swagger UI: "
                    + operation.locator(".live-responses-table").innerText());
            assertEquals(200, call.response().status());
            String authorizationHeader = call.headerValue("authorization");
            assertNotNull(authorizationHeader, "Swagger UI sends the token");
            JsonNode claims = claims(authorizationHeader.substring("Bearer ".length()));
            assertEquals("api-docs", claims.path("azp").asText(), "issued to Swagger UI's client: " + claims);
            assertEquals(USER, claims.path("preferred_username").asText(), claims.toString());
        }
        assertEquals(List.of(), foreign, "the browser reached only the local stack");
    }

    private static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        return form(query == null ? "" : query);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a JWT: " + jwt);
        return MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String describe(List<Request> requests) {
        return requests.stream().map(r -> r.method() + " " + r.url()).collect(Collectors.joining("\n"));
    }
}
