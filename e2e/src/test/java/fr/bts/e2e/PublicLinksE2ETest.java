package fr.bts.e2e;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static fr.bts.e2e.Stack.anonymous;
import static fr.bts.e2e.Stack.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, "internal addresses leak": through the live gateway every absolute link (CASE {@code uri}, pagination
 * {@code Link}, {@code Location}) names the gateway's origin, never a service's own address; forwarding headers a
 * client forges do not change them; and the same document fetched twice has the same bytes and ETag.
 */
class PublicLinksE2ETest {

    private static final String CASE = "/ims/case/v1p1";
    private static final String CERTIFICATIONS = "/api/referential/v1/certifications";
    private static final String DOSSIERS = "/api/dossiers/v1/dossiers";

    @Test
    void caseUrisNameTheGatewayAndTheSameDocumentKeepsItsBytesAndEtag() {
        Response documents = anonymous().get(CASE + "/CFDocuments");
        documents.then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(Stack.GATEWAY + CASE + "/CFDocuments/")))
                .body("CFDocuments.CFPackageURI.uri", everyItem(startsWith(Stack.GATEWAY + CASE + "/CFPackages/")));
        String id = documents.path("CFDocuments[0].identifier");

        Response first = anonymous().header("Accept-Encoding", "identity").get(CASE + "/CFPackages/" + id);
        Response second = anonymous().header("Accept-Encoding", "identity").get(CASE + "/CFPackages/" + id);
        first.then().statusCode(200);
        second.then().statusCode(200);
        String body = first.asString();
        assertFalse(body.contains(Stack.REFERENTIAL), "the package names the referential's own address");
        List<String> uris = new ArrayList<>(first.path("CFItems.uri"));
        uris.addAll(first.path("CFAssociations.uri"));
        uris.add(first.path("CFDocument.uri"));
        assertTrue(uris.stream().allMatch(u -> u.startsWith(Stack.GATEWAY + CASE + "/")), uris::toString);
        assertEquals(first.header("ETag"), second.header("ETag"));
        assertArrayEquals(first.asByteArray(), second.asByteArray());
        anonymous().header("If-None-Match", first.header("ETag")).get(CASE + "/CFPackages/" + id).then().statusCode(304);
    }

    @Test
    void paginationLinksNameTheGateway() {
        Response page = anonymous().queryParam("size", 1).get(CERTIFICATIONS);
        page.then().statusCode(200);
        List<String> links = page.headers().getValues("Link");
        assertTrue(links.stream().anyMatch(l -> l.contains("rel=\"next\"")), links::toString);
        assertTrue(links.stream().allMatch(l -> l.startsWith("<" + Stack.GATEWAY + CERTIFICATIONS + "?")), links::toString);
        String next = links.stream().filter(l -> l.contains("rel=\"next\"")).findFirst().orElseThrow();
        given().get(next.substring(1, next.indexOf('>'))).then().statusCode(200);
    }

    @Test
    void locationOfACreatedDossierNamesTheGateway() {
        Response current = anonymous().get(CERTIFICATIONS + "/BTS-SAM/current");
        current.then().statusCode(200);
        List<String> compulsory = new ArrayList<>();
        List<Map<String, Object>> unites = current.path("unites");
        unites.stream().filter(u -> !Boolean.TRUE.equals(u.get("facultative"))).forEach(u -> compulsory.add((String) u.get("code")));
        String number = "VER-2097-" + (10000 + ThreadLocalRandom.current().nextInt(90000));
        Map<String, Object> registration = Fixtures.samRegistration("2097", current.path("version.number"),
                new Fixtures.Candidate(number, "Liens", "Paul", "2004-05-12", "liens@example.org", "candidat-versailles"), compulsory);
        String location = as("rectorat-versailles").contentType("application/json")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .body(registration).post(DOSSIERS)
                .then().statusCode(201).header("Location", startsWith(Stack.GATEWAY + DOSSIERS + "/"))
                .extract().header("Location");
        as("rectorat-versailles").get(URI.create(location).getPath()).then().statusCode(200);
    }

    @Test
    void forwardingHeadersForgedByAClientDoNotReachTheLinks() {
        anonymous().header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/evil").header("Forwarded", "host=evil.example;proto=https")
                .get(CASE + "/CFDocuments")
                .then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(Stack.GATEWAY + CASE + "/CFDocuments/")));
        List<String> links = anonymous().header("X-Forwarded-Host", "evil.example").queryParam("size", 1)
                .get(CERTIFICATIONS).headers().getValues("Link");
        assertTrue(links.stream().noneMatch(l -> l.contains("evil")), links::toString);
    }

    /** A caller that reaches the referential directly, from an address that is not a trusted proxy, gets its address. */
    @Test
    void aServiceReachedDirectlyIgnoresForwardingHeadersFromAnUntrustedPeer() throws Exception {
        URI referential = URI.create(Stack.REFERENTIAL);
        String direct = "http://127.0.0.1:" + referential.getPort();
        given().baseUri(direct)
                .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.route.local-address", InetAddress.getByName("127.0.0.2"))))
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .get(CASE + "/CFDocuments")
                .then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(direct + CASE + "/CFDocuments/")))
                .body("CFDocuments.uri", everyItem(not(startsWith("https://evil.example"))));
    }
}
