package fr.bts.referential.rest;

import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ReadResourceTest {

    static final String BASE = "/api/referential/v1/certifications/";

    @Test
    void publishedVersionIsPublicWithStrongEtagAndImmutableCaching() {
        Response first = given().when().get(BASE + "BTS-GPME/versions/1");
        first.then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .body("certification.code", equalTo("BTS-GPME"))
                .body("version.status", equalTo("PUBLISHED"))
                .body("blocs.code", hasItem("RNCP38363BC01"));
        String etag = first.header("ETag");
        given().header("If-None-Match", etag).when().get(BASE + "RNCP38363/versions/1")
                .then().statusCode(304).header("ETag", etag);
        Response current = given().when().get(BASE + "BTS-GPME/current");
        current.then().statusCode(200).header("Cache-Control", "public, max-age=60");
        assertEquals(first.asString(), current.asString());
    }
}
