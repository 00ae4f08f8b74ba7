package fr.bts.dossier;

import fr.bts.devstack.HostileInputContract;
import fr.bts.devstack.MongoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Hostile input on the dossier service reached directly (issue 11). */
@QuarkusTest
@QuarkusTestResource(value = MongoTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ReferentialWireMock.class, restrictToAnnotatedClass = false)
class HostileInputResourceTest extends HostileInputContract {

    @Override
    protected String jsonEndpoint() {
        return "/api/dossiers/v1/dossiers";
    }

    @Override
    protected String textField() {
        return "lastName";
    }

    @Override
    protected String authorizedToken() {
        return Fixtures.RECTORAT;
    }

    @Override
    protected String authenticatedRead() {
        return "/api/dossiers/v1/dossiers";
    }
}
