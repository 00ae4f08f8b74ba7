package fr.bts.referential.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static fr.bts.devstack.PublicLinks.assertAllTarget;
import static fr.bts.devstack.PublicLinks.forwarded;
import static fr.bts.devstack.PublicLinks.links;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code PUBLIC_BASE_URL} set (production): every link names it, whatever the request or its forwarding headers say. */
@QuarkusTest
@TestProfile(ConfiguredPublicBaseUrlResourceTest.Configured.class)
class ConfiguredPublicBaseUrlResourceTest {

    static final String CONFIGURED = "https://referentiel.example.fr/api-bts";

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bts.http.public-base-url", CONFIGURED + "/");
        }
    }

    @Test
    void configuredBaseUrlWinsInCaseUrisAndLinks() {
        forwarded(given()).when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(CONFIGURED + "/ims/case/v1p1/CFDocuments/")))
                .body("CFDocuments.CFPackageURI.uri", everyItem(startsWith(CONFIGURED + "/ims/case/v1p1/CFPackages/")));
        given().when().get("/ims/case/v1p1/CFDocuments").then().statusCode(200)
                .body("CFDocuments.uri", everyItem(startsWith(CONFIGURED + "/ims/case/v1p1/CFDocuments/")));
        Response page = forwarded(given()).queryParam("size", 1)
                .when().get("/api/referential/v1/certifications");
        List<String> links = links(page);
        assertTrue(links.size() >= 2, links::toString);
        assertAllTarget(links, CONFIGURED + "/api/referential/v1/certifications");
    }
}
