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

    HostileInputResourceTest() {
        super("/api/dossiers/v1/dossiers", "lastName", Fixtures.RECTORAT, "/api/dossiers/v1/dossiers");
    }
}
