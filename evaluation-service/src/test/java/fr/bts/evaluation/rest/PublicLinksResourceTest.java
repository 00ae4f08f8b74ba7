package fr.bts.evaluation.rest;

import fr.bts.devstack.Peers;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.bts.devstack.PublicLinks.FORWARDED_ORIGIN;
import static fr.bts.devstack.PublicLinks.assertForwardedPages;
import static fr.bts.devstack.PublicLinks.assertOwnOriginLinks;
import static fr.bts.devstack.PublicLinks.forwarded;
import static fr.bts.devstack.PublicLinks.links;
import static fr.bts.devstack.PublicLinks.ownOrigin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code Location} and pagination {@code Link} name the public origin forwarded by a trusted proxy (127.0.0.1 in
 * tests), never one that a caller from another address forwards itself. Sessions of the Amiens académie, which no
 * other test reads.
 */
@QuarkusTest
class PublicLinksResourceTest {

    static final String SESSIONS = "/api/evaluations/v1/sessions";
    static final String AMIENS = TestTokens.token("rectorat-amiens", "amiens", "rectorat");

    static Map<String, Object> session(int year) {
        return Map.of("certification", "BTS-SAM", "referentialVersion", "1", "year", year);
    }

    @Test
    void locationAndLinksNameTheOriginForwardedByATrustedProxy() {
        forwarded(given()).auth().oauth2(AMIENS).contentType(ContentType.JSON).body(session(2061)).post(SESSIONS)
                .then().statusCode(201).header("Location", startsWith(FORWARDED_ORIGIN + SESSIONS + "/"));
        given().auth().oauth2(AMIENS).contentType(ContentType.JSON).body(session(2062)).post(SESSIONS)
                .then().statusCode(201);
        Response page = forwarded(given()).auth().oauth2(AMIENS).queryParam("size", 1).get(SESSIONS);
        assertForwardedPages(page, SESSIONS);
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        String own = ownOrigin();
        forwarded(Peers.fromUntrustedPeer()).auth().oauth2(AMIENS).contentType(ContentType.JSON).body(session(2063))
                .post(SESSIONS).then().statusCode(201).header("Location", startsWith(own + SESSIONS + "/"));
        List<String> links = links(forwarded(Peers.fromUntrustedPeer()).auth().oauth2(AMIENS).get(SESSIONS));
        assertOwnOriginLinks(links, SESSIONS);
    }
}
