package fr.bts.evaluation.rest;

import fr.bts.devstack.Peers;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Location} and pagination {@code Link} name the public origin forwarded by a trusted proxy (127.0.0.1 in
 * tests), never one that a caller from another address forwards itself. Sessions of the Amiens académie, which no
 * other test reads.
 */
@QuarkusTest
class PublicLinksResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String PUBLIC = "https://api.example.fr/bts";
    static final String AMIENS = TestTokens.token("rectorat-amiens", "amiens", "rectorat");

    static RequestSpecification forwarded(RequestSpecification request) {
        return request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.fr")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/bts");
    }

    static Map<String, Object> session(int year) {
        return Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", year);
    }

    @Test
    void locationAndLinksNameTheOriginForwardedByATrustedProxy() {
        forwarded(given()).auth().oauth2(AMIENS).contentType(ContentType.JSON).body(session(2061)).post(SESSIONS)
                .then().statusCode(201).header("Location", startsWith(PUBLIC + SESSIONS + "/"));
        given().auth().oauth2(AMIENS).contentType(ContentType.JSON).body(session(2062)).post(SESSIONS)
                .then().statusCode(201);
        Response page = forwarded(given()).auth().oauth2(AMIENS).queryParam("size", 1).get(SESSIONS);
        List<String> links = page.headers().getValues("Link");
        assertTrue(links.stream().anyMatch(l -> l.contains("rel=\"next\"")), links::toString);
        assertTrue(links.stream().allMatch(l -> l.startsWith("<" + PUBLIC + SESSIONS + "?")), links::toString);
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        String own = "http://127.0.0.1:" + RestAssured.port;
        forwarded(Peers.fromUntrustedPeer()).auth().oauth2(AMIENS).contentType(ContentType.JSON).body(session(2063))
                .post(SESSIONS).then().statusCode(201).header("Location", startsWith(own + SESSIONS + "/"));
        List<String> links = forwarded(Peers.fromUntrustedPeer()).auth().oauth2(AMIENS).get(SESSIONS)
                .headers().getValues("Link");
        assertFalse(links.isEmpty());
        assertTrue(links.stream().allMatch(l -> l.startsWith("<" + own + SESSIONS + "?")), links::toString);
    }
}
