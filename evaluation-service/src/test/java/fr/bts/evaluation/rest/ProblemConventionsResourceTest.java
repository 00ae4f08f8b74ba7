package fr.bts.evaluation.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.ProblemConventionsContract;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The suite's error conventions, checked on the running evaluation service. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class ProblemConventionsResourceTest extends ProblemConventionsContract {

    ProblemConventionsResourceTest() {
        super("/api/evaluations/v1/sessions", TestTokens.token("rectorat-versailles", "versailles", "rectorat"), "database");
    }
}
