package fr.bts.dossier;

import fr.bts.devstack.Peers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.bts.devstack.PublicLinks.FORWARDED_ORIGIN;
import static fr.bts.devstack.PublicLinks.assertForwardedPages;
import static fr.bts.devstack.PublicLinks.assertOwnOriginLinks;
import static fr.bts.devstack.PublicLinks.forwarded;
import static fr.bts.devstack.PublicLinks.links;
import static fr.bts.devstack.PublicLinks.ownOrigin;
import static fr.bts.dossier.Fixtures.RECTORAT;
import static fr.bts.dossier.Fixtures.as;
import static fr.bts.dossier.Fixtures.sam;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code Location} and pagination {@code Link} name the public origin forwarded by a trusted proxy (127.0.0.1 in
 * tests), never one that a caller from another address forwards itself.
 */
@QuarkusTest
class PublicLinksResourceTest {

    static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    @Test
    void locationAndLinksNameTheOriginForwardedByATrustedProxy() {
        forwarded(as(RECTORAT)).header("Idempotency-Key", "public-links-1").contentType("application/json")
                .body(sam("2071", "VER-2071-00001", "cand-links-1")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith(FORWARDED_ORIGIN + DOSSIERS + "/"));
        // the answer kept for a retry holds no origin: a retry through another origin gets its own
        as(RECTORAT).header("Idempotency-Key", "public-links-1").contentType("application/json")
                .body(sam("2071", "VER-2071-00001", "cand-links-1")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith("http://localhost:" + RestAssured.port + DOSSIERS + "/"));
        as(RECTORAT).contentType("application/json").body(sam("2071", "VER-2071-00002", "cand-links-2")).post(DOSSIERS)
                .then().statusCode(201);

        Response page = forwarded(as(RECTORAT)).queryParam("session", "2071").queryParam("size", 1).get(DOSSIERS);
        assertForwardedPages(page, DOSSIERS);
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        String own = ownOrigin();
        forwarded(Peers.fromUntrustedPeer()).auth().oauth2(RECTORAT).contentType("application/json")
                .body(sam("2072", "VER-2072-00001", "cand-links-3")).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith(own + DOSSIERS + "/"));
        List<String> links = links(forwarded(Peers.fromUntrustedPeer()).auth().oauth2(RECTORAT)
                .queryParam("session", "2072").get(DOSSIERS));
        assertOwnOriginLinks(links, DOSSIERS);
    }
}
