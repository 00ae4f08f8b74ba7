package fr.bts.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** {@code GATEWAY_PUBLIC_URL} set: it is the view the services are told, whatever Host the request came by. */
@QuarkusTest
@TestProfile(ConfiguredPublicUrlResourceTest.Configured.class)
class ConfiguredPublicUrlResourceTest {

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.public-url", "https://example.fr:8443/bts/");
        }
    }

    @Test
    void configuredPublicUrlWinsOverTheHostAndForwardedHeaders() {
        given().auth().oauth2(ProxyResourceTest.rectorat()).header("Host", "other.example")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "http")
                .when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(200)
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-host", equalTo("example.fr:8443"))
                .body("headers.x-forwarded-port", equalTo("8443"))
                .body("headers.x-forwarded-prefix", equalTo("/bts"));
        given().when().get("/api/docs/openapi.json")
                .then().statusCode(200).body("servers[0].url", equalTo("https://example.fr:8443/bts"));
    }
}
