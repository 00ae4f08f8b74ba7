package fr.bts.e2e;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * The running stack as the end-to-end tests see it: the gateway, and tokens from the real Keycloak
 * (password grant on the jury-app client for demo users, client credentials for service accounts).
 */
final class Stack {

    static final String GATEWAY = System.getProperty("e2e.gateway.url", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("e2e.keycloak.url", "http://localhost:8180");
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

    static String userToken(String user) {
        return TOKENS.computeIfAbsent(user, u -> RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "jury-app")
                .formParam("username", u)
                .formParam("password", "demo")
                .post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token"));
    }

    static String clientToken(String clientId) {
        return TOKENS.computeIfAbsent("client:" + clientId, c -> RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", CLIENT_SECRETS.get(clientId))
                .post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token"));
    }
}
