package fr.bts.dossier.rest;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.commons.openapi.ContractRules;
import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.OpenApiContract;
import fr.bts.dossier.ReferentialWireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated OpenAPI document keeps the contract rules an integrator generates a client from (ContractRules). */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class OpenApiContractResourceTest extends OpenApiContract {

    OpenApiContractResourceTest() {
        super(ContractRules::violations);
    }

    @Test
    void theImportNamesItsRoleAndItsJsonBodyIsAnArrayOfRegistrations() throws IOException {
        JsonNode post = document().path("paths").path("/api/dossiers/v1/imports").path("post");
        assertEquals("[\"rectorat\"]", post.path("x-bts-roles").toString());
        assertEquals("array", post.path("requestBody").path("content").path("application/json").path("schema").path("type").asText());
    }

    @Test
    void workflowStepsShareTheirDeclaredAnswersAndReadsDoNotInheritThem() throws IOException {
        JsonNode paths = document().path("paths");
        JsonNode validate = paths.path("/api/dossiers/v1/dossiers/{id}/registration/validate").path("post").path("responses");
        for (String status : List.of("200", "404", "409", "412", "428")) {
            assertTrue(validate.has(status), () -> "validateRegistration answers " + status);
        }
        assertFalse(validate.has("422"), "validateRegistration reads no body: no 422");
        JsonNode edit = paths.path("/api/dossiers/v1/dossiers/{id}/epreuves/{epreuve}").path("put").path("responses");
        for (String status : List.of("200", "404", "409", "412", "422", "428")) {
            assertTrue(edit.has(status), () -> "editProfessionalDossier answers " + status);
        }
        JsonNode read = paths.path("/api/dossiers/v1/dossiers/{id}/epreuves/{epreuve}").path("get").path("responses");
        assertTrue(read.has("200") && read.has("404"));
        for (String status : List.of("409", "412", "428")) {
            assertFalse(read.has(status), () -> "getProfessionalDossier is a read: no " + status);
        }
    }
}
