package fr.bts.referential;

import fr.bts.devstack.HostileInputContract;
import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Hostile input on the referential service reached directly (issue 11). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class HostileInputResourceTest extends HostileInputContract {

    HostileInputResourceTest() {
        super("/api/referential/v1/certifications", "intitule", TestTokens.token("referentiel-admin", null, "referential-admin"),
                "/api/referential/v1/certifications");
    }

    @Override
    protected String objectPath() {
        return "/api/referential/v1/items";
    }

    private static final String NEW_CERTIFICATION = """
            {"code":"BTS-HOSTILE","rncp":"RNCP39999","intitule":"BTS - Hostile","type":"BTS","niveau":%s,
             "nomenclatureNiveau":"NIVEAU_5","etat":"Active","nsf":[],"formacodes":[],"rome":[],"certificateurs":[],
             "datePublication":null,"dateDebutParcours":null,"dateEcheanceEnregistrement":null,
             "dateDerniereDelivrance":null,"baseLegale":null,"arretes":[],"certificationsAnterieures":[]}""";

    /** Issue 11: {@code "niveau": 1e40} on POST /certifications was a 500; a NUL in a text was a 500 too. */
    @Test
    void aNumberOutOfRangeOrANulInTheCertificationIsA400NamingTheFieldAndCreatesNothing() {
        for (String niveau : new String[] {"1e40", "1e309", "-1e309"}) {
            given().auth().oauth2(authorizedToken()).contentType("application/json")
                    .body(NEW_CERTIFICATION.formatted(niveau))
                    .when().post(jsonEndpoint())
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:bts:problem:number-out-of-range"))
                    .body("violations[0].field", equalTo("certification.niveau"));
        }
        given().auth().oauth2(authorizedToken()).contentType("application/json")
                .body(NEW_CERTIFICATION.formatted("\"5\\u0000\""))
                .when().post(jsonEndpoint())
                .then().statusCode(400).body("type", equalTo("urn:bts:problem:invalid-character"))
                .body("violations[0].field", equalTo("niveau"));
        given().auth().oauth2(authorizedToken()).when().get(jsonEndpoint() + "/BTS-HOSTILE").then().statusCode(404);
    }
}
