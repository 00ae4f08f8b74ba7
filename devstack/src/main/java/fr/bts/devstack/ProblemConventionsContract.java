package fr.bts.devstack;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * The error conventions every service of the suite promises (ARCHITECTURE.md, "API conventions"):
 * RFC 9457 problem answers for 401, 404, 405, 415 and malformed JSON, never an HTML page or a stack
 * trace, and a readiness check that looks at the service's own store. Each service's Quarkus test
 * extends this class and names one of its JSON-consuming endpoints in its constructor, so the promise is checked on every
 * running application, not once on a library.
 */
public abstract class ProblemConventionsContract {

    private static final String PROBLEM = "application/problem+json";

    /** What the contract needs of the service; see the constructor. */
    private record Service(String jsonEndpoint, String authorizedToken, String storeReadinessCheck) {
    }

    private final Service service;

    /**
     * @param jsonEndpoint a POST endpoint of the service that consumes a JSON body, e.g. {@code /api/evaluations/v1/sessions}
     * @param authorizedToken a token allowed to call {@code jsonEndpoint}, so that the body, not the caller, is what fails
     * @param storeReadinessCheck the name of the readiness check of the service's store, as SmallRye Health reports it
     */
    protected ProblemConventionsContract(String jsonEndpoint, String authorizedToken, String storeReadinessCheck) {
        this.service = new Service(jsonEndpoint, authorizedToken, storeReadinessCheck);
    }

    private RequestSpecification authorized() {
        return given().auth().oauth2(service.authorizedToken());
    }

    @Test
    void malformedJsonIsA400ProblemWithoutStackTrace() {
        authorized().contentType("application/json").body("{\"certification\": \"BTS-SAM\", ")
                .when().post(service.jsonEndpoint())
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:bts:problem:malformed-body"))
                .body(not(containsString("at fr.bts")))
                .body(not(containsString("Exception")));
    }

    @Test
    void aBodyOfTheWrongMediaTypeIsA415Problem() {
        authorized().contentType("application/xml").body("<certification/>")
                .when().post(service.jsonEndpoint())
                .then().statusCode(415)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(415));
    }

    @Test
    void aMethodTheResourceDoesNotServeIsA405Problem() {
        authorized().contentType("application/json").body("{}")
                .when().patch(service.jsonEndpoint())
                .then().statusCode(405)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:bts:problem:method-not-allowed"));
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallenge() {
        given().contentType("application/json").body("{}")
                .when().post(service.jsonEndpoint())
                .then().statusCode(401)
                .contentType(startsWith(PROBLEM))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aPathNoResourceServesIsA404Problem() {
        authorized().when().get(service.jsonEndpoint() + "/../no-such-collection/at/all")
                .then().statusCode(404)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("urn:bts:problem:not-found"));
    }

    @Test
    void readinessLooksAtTheStore() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(service.storeReadinessCheck()));
    }
}
