package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.commons.openapi.ContractRules;
import fr.bts.devstack.OpenApiContract;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The generated OpenAPI document keeps the contract rules an integrator generates a client from (ContractRules). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class OpenApiContractResourceTest extends OpenApiContract {

    OpenApiContractResourceTest() {
        super(ContractRules::violations);
    }

    @Test
    void rolesAreNamedAsRolesNotAsScopes() throws IOException {
        JsonNode seal = document().path("paths").path("/api/evaluations/v1/sessions/{id}/deliberations/seal").path("post");
        assertEquals("[\"jury-president\"]", seal.path("x-bts-roles").toString());
        assertEquals("[{\"keycloak\":[]},{\"bearer\":[]}]", seal.path("security").toString());
    }
}
