package fr.bts.referential;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.ProblemConventionsContract;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The suite's error conventions, checked on the running referential service. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ProblemConventionsResourceTest extends ProblemConventionsContract {

    ProblemConventionsResourceTest() {
        super("/api/referential/v1/certifications", TestTokens.token("referentiel-admin", null, "referential-admin"), "database");
    }
}
