package fr.bts.referential.rest;

import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The version document paths keep their {@code http_server_requests_seconds} series, tagged as the HTTP server binder
 * tags every other path (method, outcome, status, uri template), though {@link PublicVersionRoute} records them
 * ({@link RouteTimer}): each request counted exactly once, whether answered from memory or by the REST layer behind
 * it, and no series per raw path.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class VersionRouteMetricsResourceTest {

    static final String BASE = "/api/referential/v1/certifications/";
    static final String VERSION_URI = "/api/referential/v1/certifications/{code}/versions/{version}";
    static final String CURRENT_URI = "/api/referential/v1/certifications/{code}/current";

    @Test
    void everyRequestOnTheVersionPathsIsCountedOnceUnderItsTemplate() {
        String before = metrics();
        String tag = given().when().get(BASE + "BTS-SAM/versions/1").then().statusCode(200).extract().header("ETag");
        given().when().get(BASE + "BTS-SAM/versions/1").then().statusCode(200);
        given().header("If-None-Match", tag).when().get(BASE + "BTS-SAM/versions/1").then().statusCode(304);
        given().when().get(BASE + "BTS-NOPE/versions/1").then().statusCode(404);
        given().when().get(BASE + "BTS-SAM/current").then().statusCode(200);
        given().when().get(BASE + "BTS-SAM/current").then().statusCode(200);
        given().when().head(BASE + "BTS-SAM/versions/1").then().statusCode(200);
        String after = metrics();

        assertEquals(2, count(after, "GET", "SUCCESS", 200, VERSION_URI) - count(before, "GET", "SUCCESS", 200, VERSION_URI));
        assertEquals(1, count(after, "GET", "REDIRECTION", 304, VERSION_URI) - count(before, "GET", "REDIRECTION", 304, VERSION_URI));
        assertEquals(1, count(after, "GET", "CLIENT_ERROR", 404, VERSION_URI) - count(before, "GET", "CLIENT_ERROR", 404, VERSION_URI));
        assertEquals(2, count(after, "GET", "SUCCESS", 200, CURRENT_URI) - count(before, "GET", "SUCCESS", 200, CURRENT_URI));
        assertEquals(1, count(after, "HEAD", "SUCCESS", 200, VERSION_URI) - count(before, "HEAD", "SUCCESS", 200, VERSION_URI));
        assertFalse(after.contains("uri=\"/api/referential/v1/certifications/BTS-SAM"), "no series per raw path");
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The count of one series of http_server_requests_seconds, 0 when it does not exist yet. */
    private static long count(String metrics, String method, String outcome, int status, String uri) {
        Matcher line = Pattern.compile("^http_server_requests_seconds_count\\{method=\"" + method + "\",outcome=\"" + outcome
                + "\",status=\"" + status + "\",uri=\"" + Pattern.quote(uri) + "\"} ([0-9.E]+)$", Pattern.MULTILINE).matcher(metrics);
        long count = 0;
        int series = 0;
        while (line.find()) {
            count = (long) Double.parseDouble(line.group(1));
            series++;
        }
        assertFalse(series > 1, "one series per method, status and route");
        return count;
    }
}
