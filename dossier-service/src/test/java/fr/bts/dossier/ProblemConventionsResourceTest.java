package fr.bts.dossier;

import fr.bts.devstack.MongoTestResource;
import fr.bts.devstack.ProblemConventionsContract;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The suite's error conventions, checked on the running dossier service. */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class ProblemConventionsResourceTest extends ProblemConventionsContract {

    ProblemConventionsResourceTest() {
        super("/api/dossiers/v1/dossiers", TestTokens.token("rectorat-versailles", "versailles", "rectorat"), "mongodb");
    }
}
