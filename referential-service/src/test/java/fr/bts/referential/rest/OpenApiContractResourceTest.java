package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.openapi.ContractRules;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated OpenAPI document keeps the contract rules an integrator generates a client from (ContractRules). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class OpenApiContractResourceTest {

    private static JsonNode document() throws Exception {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target", "openapi.json"), body);
        return new ObjectMapper().readTree(body);
    }

    @Test
    void everyOperationKeepsTheContractRules() throws Exception {
        List<String> violations = ContractRules.violations(document());
        assertEquals(List.of(), violations, String.join("\n", violations));
    }

    @Test
    void publishedReadsArePublicAndAdministrationNamesItsRole() throws Exception {
        JsonNode paths = document().path("paths");
        assertTrue(paths.path("/api/referential/v1/certifications/{code}/versions/{version}").path("get").path("security").isEmpty());
        assertTrue(paths.path("/ims/case/v1p1/CFPackages/{id}").path("get").path("security").isEmpty());
        assertEquals("referential-admin", paths.path("/api/referential/v1/certifications/{code}/versions/{version}/publication")
                .path("post").path("x-bts-roles").path(0).asText());
    }
}
