package fr.bts.evaluation.rest;

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

/** The generated OpenAPI document keeps the contract rules an integrator generates a client from (ContractRules). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
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
    void rolesAreNamedAsRolesNotAsScopes() throws Exception {
        JsonNode seal = document().path("paths").path("/api/evaluations/v1/sessions/{id}/deliberations/seal").path("post");
        assertEquals("[\"jury-president\"]", seal.path("x-bts-roles").toString());
        assertEquals("[{\"keycloak\":[]},{\"bearer\":[]}]", seal.path("security").toString());
    }
}
