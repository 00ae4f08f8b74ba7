package fr.bts.dossier;

import fr.bts.devstack.Peers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Location} and pagination {@code Link} name the public origin forwarded by a trusted proxy (127.0.0.1 in
 * tests), never one that a caller from another address forwards itself.
 */
@QuarkusTest
class PublicLinksResourceTest {

    static final String DOSSIERS = "/api/dossiers/v1/dossiers";
    static final String PUBLIC = "https://api.example.fr/bts";

    static RequestSpecification forwarded(RequestSpecification request) {
        return request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.fr")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/bts");
    }

    @Test
    void locationAndLinksNameTheOriginForwardedByATrustedProxy() {
        forwarded(as(RECTORAT)).header("Idempotency-Key", "public-links-1").contentType("application/json")
                .body(sam("2071", "VER-2071-00001", "cand-links-1")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith(PUBLIC + DOSSIERS + "/"));
        // the answer kept for a retry holds no origin: a retry through another origin gets its own
        as(RECTORAT).header("Idempotency-Key", "public-links-1").contentType("application/json")
                .body(sam("2071", "VER-2071-00001", "cand-links-1")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith("http://localhost:" + RestAssured.port + DOSSIERS + "/"));
        as(RECTORAT).contentType("application/json").body(sam("2071", "VER-2071-00002", "cand-links-2")).post(DOSSIERS)
                .then().statusCode(201);

        Response page = forwarded(as(RECTORAT)).queryParam("session", "2071").queryParam("size", 1).get(DOSSIERS);
        List<String> links = page.headers().getValues("Link");
        assertTrue(links.stream().anyMatch(l -> l.contains("rel=\"next\"")), links::toString);
        assertTrue(links.stream().allMatch(l -> l.startsWith("<" + PUBLIC + DOSSIERS + "?")), links::toString);
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        String own = "http://127.0.0.1:" + RestAssured.port;
        forwarded(Peers.fromUntrustedPeer()).auth().oauth2(RECTORAT).contentType("application/json")
                .body(sam("2072", "VER-2072-00001", "cand-links-3")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith(own + DOSSIERS + "/"));
        List<String> links = forwarded(Peers.fromUntrustedPeer()).auth().oauth2(RECTORAT)
                .queryParam("session", "2072").get(DOSSIERS).headers().getValues("Link");
        assertFalse(links.isEmpty());
        assertTrue(links.stream().allMatch(l -> l.startsWith("<" + own + DOSSIERS + "?")), links::toString);
    }
}
