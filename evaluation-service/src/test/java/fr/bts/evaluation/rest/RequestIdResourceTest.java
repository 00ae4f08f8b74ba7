package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request id (commons RequestIds) is kept from the gateway, generated otherwise, and echoed on errors too. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class RequestIdResourceTest {

    @Test
    void echoesTheGatewaysRequestIdEvenOnA401() {
        given().header("X-Request-Id", "gw-1234").when().get("/api/evaluations/v1/sessions")
                .then().statusCode(401).header("X-Request-Id", equalTo("gw-1234"));
    }

    @Test
    void generatesARequestIdWhenTheCallerSentNoneOrAHostileOne() {
        String generated = given().header("X-Request-Id", "<script>").when().get("/api/evaluations/v1/nothing-here")
                .then().statusCode(404).extract().header("X-Request-Id");
        assertEquals(generated, UUID.fromString(generated).toString());
    }
}
