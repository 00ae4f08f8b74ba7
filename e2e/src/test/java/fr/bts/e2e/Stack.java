package fr.bts.e2e;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * The running stack as the end-to-end tests see it: the gateway (and each service's own port, for tests that
 * compare both ways in), and tokens from the real Keycloak
 * (password grant on the jury-app client for demo users, client credentials for service accounts).
 */
public final class Stack {

    static final String GATEWAY = System.getProperty("e2e.gateway.url", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("e2e.keycloak.url", "http://localhost:8180");
    static final String REFERENTIAL = System.getProperty("e2e.referential.url", "http://localhost:8081");
    static final String DOSSIER = System.getProperty("e2e.dossier.url", "http://localhost:8082");
    static final String EVALUATION = System.getProperty("e2e.evaluation.url", "http://localhost:8083");
    private static final String TOKEN_URL = KEYCLOAK + "/realms/bts-suite/protocol/openid-connect/token";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> CLIENT_SECRETS = Map.of(
            "platform-demo", "platform-demo-secret",
            "rectorat-versailles-api", "rectorat-versailles-secret",
            "rectorat-lyon-api", "rectorat-lyon-secret");

    private Stack() {
    }

    static RequestSpecification anonymous() {
        return given().baseUri(GATEWAY).urlEncodingEnabled(true);
    }

    static RequestSpecification as(String user) {
        return anonymous().auth().oauth2(userToken(user));
    }

    static RequestSpecification asClient(String clientId) {
        return anonymous().auth().oauth2(clientToken(clientId));
    }

    public static String userToken(String user) {
        return TOKENS.computeIfAbsent(user, Stack::freshUserToken);
    }

    public static String clientToken(String clientId) {
        return TOKENS.computeIfAbsent("client:" + clientId, c -> freshClientToken(clientId));
    }

    /** A new token for a demo user, for a test that must not outlive the cached one (they expire in 15 minutes). */
    static String freshUserToken(String user) {
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "jury-app")
                .formParam("username", user)
                .formParam("password", "demo")
                .post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token");
    }

    static String freshClientToken(String clientId) {
        return RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", CLIENT_SECRETS.get(clientId))
                .post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
