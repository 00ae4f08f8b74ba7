package fr.bts.referential;

import fr.bts.devstack.HostileInputContract;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Hostile input on the referential service reached directly (issue 11). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class HostileInputResourceTest extends HostileInputContract {

    @Override
    protected String jsonEndpoint() {
        return "/api/referential/v1/certifications";
    }

    @Override
    protected String textField() {
        return "intitule";
    }

    @Override
    protected String authorizedToken() {
        return TestTokens.token("referentiel-admin", null, "referential-admin");
    }

    @Override
    protected String authenticatedRead() {
        return "/api/referential/v1/certifications";
    }

    @Override
    protected String objectPath() {
        return "/api/referential/v1/items";
    }
}
