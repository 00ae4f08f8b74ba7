package fr.bts.dossier.contract;

import au.com.dius.pact.consumer.ConsumerPactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.core.model.RequestResponsePact;
import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.pact.ConsumerPacts;
import fr.bts.dossier.ReferentialWireMock;
import fr.bts.dossier.client.ReferentialClient;
import fr.bts.dossier.client.ReferentialVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract dossier-service → referential-service, generated from the real {@link ReferentialClient} (REST client,
 * fault tolerance, mapping into {@link ReferentialVersion}): what the dossier reads of a version document, the
 * {@code current} alias and the 404 of an unknown certification. referential-service verifies the committed pact in
 * its own build ({@code ReferentialProviderPactTest}). The service's referential URL is the WireMock of the other
 * tests; for this test it forwards every referential call to the Pact mock server.
 */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class ReferentialConsumerPactTest {

    static final String VERSIONS = "/api/referential/v1/certifications/";
    static final String PUBLISHED = "BTS-SAM version 1 is published";

    @Inject
    ReferentialClient client;

    static PactDslJsonBody version() {
        return (PactDslJsonBody) new PactDslJsonBody()
                .object("certification").stringValue("code", "BTS-SAM").stringType("intitule", "BTS Support à l'action managériale").closeObject()
                .object("version").integerType("number", 1).stringType("status", "PUBLISHED").closeObject()
                .eachLike("categoriesCandidats").stringType("code", "SCOLAIRE").stringType("libelle", "Scolaire").closeObject().closeArray()
                .eachLike("voiesAcces").stringType("code", "SCOLAIRE").stringType("libelle", "Voie scolaire").booleanType("ouverte", true).closeObject().closeArray()
                .eachLike("domaines").stringType("code", "D1").integerType("numero", 1).stringType("intitule", "Domaine 1")
                .eachLike("activites").stringType("code", "A1.1").closeObject().closeArray().closeObject().closeArray()
                .eachLike("unites").stringType("code", "U1").stringType("intitule", "Culture générale et expression").booleanType("facultative", false).closeObject().closeArray()
                .eachLike("epreuves").stringType("code", "E1").stringType("intitule", "Culture générale et expression")
                .booleanType("facultative", false)
                .closeObject().closeArray()
                .object("langues")
                .eachLike("autorisees", PactDslJsonRootValue.stringType("ANGLAIS"))
                .eachLike("anglaisObligatoireParmi", PactDslJsonRootValue.stringType("U21"))
                .eachLike("unitesLangue", PactDslJsonRootValue.stringType("U21"))
                .closeObject()
                .eachLike("dispenses").stringType("code", "DISP-U1").eachLike("unites", PactDslJsonRootValue.stringType("U1"))
                .booleanType("surDemande", true).closeObject().closeArray();
    }

    static RequestResponsePact pact() {
        return ConsumerPactBuilder.consumer("dossier-service").hasPactWith("referential-service")
                .given(PUBLISHED)
                .uponReceiving("a read of BTS-SAM version 1").path(VERSIONS + "BTS-SAM/versions/1").method("GET")
                .matchHeader("Accept", "application/json.*", "application/json")
                .willRespondWith().status(200).matchHeader("Content-Type", "application/json.*", "application/json")
                .body(version())
                .given(PUBLISHED)
                .uponReceiving("a read of the current version of BTS-SAM").path(VERSIONS + "BTS-SAM/versions/current").method("GET")
                .matchHeader("Accept", "application/json.*", "application/json")
                .willRespondWith().status(200).matchHeader("Content-Type", "application/json.*", "application/json").body(version())
                .given("no certification BTS-NONE exists")
                .uponReceiving("a read of an unknown certification").path(VERSIONS + "BTS-NONE/versions/1").method("GET")
                .willRespondWith().status(404).matchHeader("Content-Type", "application/problem\\+json.*", "application/problem+json")
                .body(new PactDslJsonBody().stringValue("type", "urn:bts:problem:not-found").integerType("status", 404))
                .toPact();
    }

    @Test
    void theReferentialClientKeepsItsContract() {
        ConsumerPacts.verifyThrough(ReferentialWireMock.server(), "/api/referential/.*", pact(), () -> {
            ReferentialVersion sam = client.version("BTS-SAM", "1").orElseThrow();
            assertEquals(1, sam.number());
            assertEquals("BTS-SAM", sam.certification().code());
            assertFalse(sam.unites().isEmpty());
            assertFalse(sam.epreuves().isEmpty());
            assertFalse(sam.langues().autorisees().isEmpty());
            assertEquals(1, client.version("BTS-SAM", "current").orElseThrow().number());
            assertTrue(client.version("BTS-NONE", "1").isEmpty());
        });
    }
}
