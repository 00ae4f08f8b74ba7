package fr.bts.evaluation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.api.ResultJsonShape;
import fr.bts.evaluation.deliberation.ResultatCandidat.Acquisition;
import fr.bts.evaluation.deliberation.ResultatCandidat.Nature;
import fr.bts.evaluation.deliberation.ResultatCandidat.OrigineNote;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.commons.openapi.ContractRules;
import fr.bts.devstack.OpenApiContract;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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

    @Test
    void aUnitResultIsDescribedAsTheWireCarriesIt() throws IOException {
        // the engine's record has types of its own; clients get (and generate readers for) the serialized shape
        ResultatUnite unite = new ResultatUnite("E5", "U5", StatutNote.NOTE, new BigDecimal("12"), new BigDecimal("4"),
                new BigDecimal("48"), Nature.OBLIGATOIRE, Acquisition.ACQUISE, OrigineNote.CALCULEE);
        List<String> wire = new ArrayList<>();
        ResultJsonShape.apply(new ObjectMapper()).valueToTree(unite).fieldNames().forEachRemaining(wire::add);
        List<String> described = new ArrayList<>();
        document().path("components").path("schemas").path("ResultatUnite").path("properties").fieldNames()
                .forEachRemaining(described::add);
        assertEquals(wire.stream().sorted().toList(), described.stream().sorted().toList());
        assertEquals("boolean", document().at("/components/schemas/ResultatUnite/properties/acquise/type").asText());
    }
}
