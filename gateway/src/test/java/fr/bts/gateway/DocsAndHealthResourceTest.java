package fr.bts.gateway;

import fr.bts.devstack.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.vertx.core.json.JsonObject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One place for the docs, a health endpoint that reports each service, and the access log. */
@QuarkusTest
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class DocsAndHealthResourceTest {

    /** The management interface (its own port, not routed to callers). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void mergedDocumentHoldsThePathsOfEveryService() {
        given().when().get("/api/docs/openapi.json")
                .then().statusCode(200)
                .contentType("application/json")
                .body("paths", hasKey("/api/referential/v1/certifications"))
                .body("paths", hasKey("/api/dossiers/v1/dossiers"))
                .body("paths", hasKey("/api/evaluations/v1/sessions"))
                .body("servers[0].url", matchesPattern("http://localhost:\\d+"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas", hasKey("Dossier_Page"))
                .body("paths.'/api/dossiers/v1/dossiers'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Dossier_Page"))
                .body("paths.'/api/referential/v1/certifications'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Page"));
    }

    @Test
    void documentsNameTheOriginTheClientUsedAsServer() {
        given().header("Host", "api.example.fr").when().get("/api/docs/openapi.json")
                .then().statusCode(200).body("servers[0].url", equalTo("http://api.example.fr"));
        given().header("Host", "api.example.fr:8443").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").when().get("/api/docs/referential/openapi.json")
                .then().statusCode(200).body("servers[0].url", equalTo("http://api.example.fr:8443"));
    }

    @Test
    void eachServiceDocumentIsServedAsSeenThroughTheGateway() {
        given().when().get("/api/docs/evaluation/openapi.json")
                .then().statusCode(200)
                .body("paths", hasKey("/api/evaluations/v1/sessions"))
                .body("paths", not(hasKey("/api/dossiers/v1/dossiers")))
                .body("servers[0].url", matchesPattern("http://localhost:\\d+"));
        given().when().get("/api/docs/nothing/openapi.json")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void swaggerUiListsTheMergedAndEachServiceDocument() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("/api/docs/openapi.json"))
                .body(containsString("/api/docs/referential/openapi.json"))
                .body(containsString("/api/docs/dossier/openapi.json"))
                .body(containsString("/api/docs/evaluation/openapi.json"));
    }

    @Test
    void readinessReportsEachBackendAndFailsWhenOneIsDown() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'referential' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'dossier' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'evaluation' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'evaluation' }.data.size()", equalTo(2))
                .body("checks.find { it.name == 'down' }.status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void healthNamesNoBackendAddress() {
        String body = given().when().get("/q/health").then().extract().asString();
        assertTrue(body.contains("instance-1"), body);
        assertFalse(body.contains("127.0.0.1") || body.contains("http://") || body.contains("localhost"), body);
    }

    @Test
    void metricsAreNotOnThePublicPort() {
        given().when().get("/q/metrics").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("rectorat-versailles", "versailles", "rectorat"))
                .when().get("/q/metrics").then().statusCode(404);
        // the request series exists once a proxied request was counted: make one, whatever ran before
        given().when().get("/api/referential/v1/items/0b6f6f2e-metrics-probe-0").then().statusCode(200);
        given().when().get(metrics).then().statusCode(200).body(containsString("http_server_requests"))
                .body(containsString("http_server_bytes_written_sum{"))
                .body(containsString("http_server_bytes_read_count{"))
                .body(containsString("http_server_active_requests "));
    }

    @Test
    void httpMetricsAreKeptPerRouteFamilyNotPerResource() {
        given().when().get("/api/referential/v1/items/0b6f6f2e-metrics-probe-1").then().statusCode(200);
        given().when().get("/api/referential/v1/items/0b6f6f2e-metrics-probe-2").then().statusCode(200);
        given().when().get(metrics).then().statusCode(200)
                .body(containsString("uri=\"/api/referential/**\""))
                .body(not(containsString("metrics-probe")));
    }

    @Test
    void accessLogWritesOneJsonLinePerRequest() {
        // Records gather several lines (fr.bts.gateway.http.AccessLog): each line must be one whole request.
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.addAll(List.of(record.getMessage().split("\n")));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("fr.bts.gateway.access");
        logger.addHandler(capture);
        try {
            given().header("X-Request-Id", "access-log-probe").when().get("/api/dossiers/v1/dossiers")
                    .then().statusCode(401);
            long deadline = System.currentTimeMillis() + 5000;
            JsonObject line = null;
            while (line == null && System.currentTimeMillis() < deadline) {
                synchronized (lines) {
                    line = lines.stream().filter(l -> l.contains("access-log-probe")).findFirst().map(JsonObject::new).orElse(null);
                }
            }
            assertTrue(line != null, "an access-log line for the request");
            assertEquals("access-log-probe", line.getString("requestId"));
            assertEquals("dossiers", line.getString("route"));
            assertEquals("GET", line.getString("method"));
            assertEquals("/api/dossiers/v1/dossiers", line.getString("path"));
            assertEquals(401, line.getInteger("status"));
            assertEquals("ip:127.0.0.1", line.getString("client"));
            assertTrue(line.getLong("durationMs") >= 0);
        } finally {
            logger.removeHandler(capture);
        }
    }
}
