package fr.bts.referential.rest;

import fr.bts.devstack.Peers;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.bts.devstack.PublicLinks.FORWARDED_ORIGIN;
import static fr.bts.devstack.PublicLinks.assertForwardedPages;
import static fr.bts.devstack.PublicLinks.assertOwnOriginLinks;
import static fr.bts.devstack.PublicLinks.forwarded;
import static fr.bts.devstack.PublicLinks.links;
import static fr.bts.devstack.PublicLinks.ownOrigin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Absolute links (CASE {@code uri}, pagination {@code Link}) name the public origin the gateway forwards, and only
 * when the forwarding headers come from a trusted proxy (127.0.0.1 in tests): a caller from another address who
 * sends them gets the service's own address. Bytes that hold links are cached per origin, never served across.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PublicLinksResourceTest {

    @Test
    void caseUrisNameTheOriginForwardedByATrustedProxy() {
        Response documents = forwarded(given()).when().get("/ims/case/v1p1/CFDocuments");
        documents.then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(FORWARDED_ORIGIN + "/ims/case/v1p1/CFDocuments/")))
                .body("CFDocuments.CFPackageURI.uri", everyItem(startsWith(FORWARDED_ORIGIN + "/ims/case/v1p1/CFPackages/")));
        String id = documents.path("CFDocuments[0].identifier");
        Response pkg = forwarded(given()).when().get("/ims/case/v1p1/CFPackages/" + id);
        pkg.then().statusCode(200);
        assertFalse(pkg.asString().contains("localhost"), "no internal address in the package");
        List<String> itemUris = pkg.path("CFItems.uri");
        assertTrue(itemUris.stream().allMatch(u -> u.startsWith(FORWARDED_ORIGIN + "/ims/case/v1p1/CFItems/")), itemUris::toString);
        Response again = forwarded(given()).when().get("/ims/case/v1p1/CFPackages/" + id);
        assertEquals(pkg.header("ETag"), again.header("ETag"));
        assertEquals(pkg.asString(), again.asString());
    }

    @Test
    void paginationLinksNameTheOriginForwardedByATrustedProxy() {
        Response page = forwarded(given()).queryParam("size", 1).when().get("/api/referential/v1/certifications");
        page.then().statusCode(200);
        assertForwardedPages(page, "/api/referential/v1/certifications");
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        String own = ownOrigin();
        forwarded(Peers.fromUntrustedPeer()).when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(own + "/ims/case/v1p1/CFDocuments/")))
                .body("CFDocuments.uri", everyItem(not(startsWith(FORWARDED_ORIGIN))));
        List<String> links = links(forwarded(Peers.fromUntrustedPeer()).queryParam("size", 1)
                .when().get("/api/referential/v1/certifications"));
        assertOwnOriginLinks(links, "/api/referential/v1/certifications");
    }

    @Test
    void eachOriginGetsItsOwnBytesAndEtag() {
        Response viaGateway = forwarded(given()).when().get("/ims/case/v1p1/CFDocuments");
        Response direct = given().when().get("/ims/case/v1p1/CFDocuments");
        Response viaGatewayAgain = forwarded(given()).when().get("/ims/case/v1p1/CFDocuments");
        assertNotEquals(viaGateway.header("ETag"), direct.header("ETag"));
        assertFalse(direct.asString().contains(FORWARDED_ORIGIN), "the forwarded origin's bytes are not served to another origin");
        assertEquals(viaGateway.header("ETag"), viaGatewayAgain.header("ETag"));
        assertEquals(viaGateway.asString(), viaGatewayAgain.asString());
    }
}
