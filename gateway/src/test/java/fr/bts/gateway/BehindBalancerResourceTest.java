package fr.bts.gateway;

import fr.bts.devstack.Peers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The gateway behind a load balancer ({@code GATEWAY_PROXY_FORWARDING=true}, the balancer at {@code 127.0.0.1}):
 * the balancer's forwarding headers become the public view the services are told, those of any other peer are
 * dropped and the gateway's own view is sent instead.
 */
@QuarkusTest
@TestProfile(BehindBalancerResourceTest.Balancer.class)
class BehindBalancerResourceTest {

    public static class Balancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1/32");
        }
    }

    @Test
    void trustedBalancerViewReachesTheServices() {
        given().baseUri("http://127.0.0.1").auth().oauth2(ProxyResourceTest.rectorat())
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.fr")
                .header("X-Forwarded-Prefix", "/bts/").header("X-Forwarded-For", "203.0.113.9")
                .when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(200)
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-host", equalTo("api.example.fr"))
                .body("headers.x-forwarded-port", equalTo("443"))
                .body("headers.x-forwarded-prefix", equalTo("/bts"))
                .body("headers.x-forwarded-for", equalTo("203.0.113.9"))
                .body("headers.x-forwarded-trusted-proxy", nullValue());
        given().baseUri("http://127.0.0.1").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "api.example.fr").header("X-Forwarded-Prefix", "/bts")
                .when().get("/api/docs/openapi.json")
                .then().statusCode(200).body("servers[0].url", equalTo("https://api.example.fr/bts"));
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreDropped() {
        Peers.fromUntrustedPeer().auth().oauth2(ProxyResourceTest.rectorat())
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Trusted-Proxy", "true")
                .when().get("/api/dossiers/v1/dossiers")
                .then().statusCode(200)
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", equalTo("127.0.0.1:" + RestAssured.port))
                .body("headers.x-forwarded-port", equalTo(Integer.toString(RestAssured.port)))
                .body("headers.x-forwarded-prefix", nullValue())
                .body("headers.x-forwarded-for", equalTo(Peers.UNTRUSTED));
    }
}
