package fr.bts.evaluation.rest;

import fr.bts.devstack.HostileInputContract;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Hostile input on the evaluation service reached directly (issue 11). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = DownstreamWireMock.class, restrictToAnnotatedClass = false)
class HostileInputResourceTest extends HostileInputContract {

    HostileInputResourceTest() {
        super("/api/evaluations/v1/sessions", "certification", TestTokens.token("rectorat-versailles", "versailles", "rectorat"),
                "/api/evaluations/v1/sessions");
    }
}
