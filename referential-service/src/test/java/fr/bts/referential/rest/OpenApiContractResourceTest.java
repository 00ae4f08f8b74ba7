package fr.bts.referential.rest;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated OpenAPI document keeps the contract rules an integrator generates a client from (ContractRules). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class OpenApiContractResourceTest extends OpenApiContract {

    OpenApiContractResourceTest() {
        super(ContractRules::violations);
    }

    @Test
    void publishedReadsArePublicAndAdministrationNamesItsRole() throws IOException {
        JsonNode paths = document().path("paths");
        assertTrue(paths.path("/api/referential/v1/certifications/{code}/versions/{version}").path("get").path("security").isEmpty());
        assertTrue(paths.path("/ims/case/v1p1/CFPackages/{id}").path("get").path("security").isEmpty());
        assertEquals("referential-admin", paths.path("/api/referential/v1/certifications/{code}/versions/{version}/publication")
                .path("post").path("x-bts-roles").path(0).asText());
    }
}
