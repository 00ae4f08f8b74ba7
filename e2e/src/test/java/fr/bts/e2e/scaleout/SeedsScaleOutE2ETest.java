package fr.bts.e2e.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.bts.e2e.scaleout.GradingSession.json;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two referential instances started together on a fresh database loaded the seeds once (issue 14; the scale-out run
 * starts them at the same moment): on every instance each seed certification is listed once, with one version 1,
 * published at one instant, served with the same bytes and ETag. Which instance loaded it is recorded in the
 * {@code seed_load} table and logged by both ("loaded as published version 1" by one, "already loaded by" by the
 * other); SeedLoaderResourceTest races two loads on the real PostgreSQL.
 */
class SeedsScaleOutE2ETest {

    private static final String CERTIFICATIONS = "/api/referential/v1/certifications";

    @Test
    void eachSeedIsOneCertificationWithOneVersionOneOnEveryInstance() {
        List<String> instances = Instances.referential();
        for (String code : List.of("BTS-GPME", "BTS-SAM")) {
            String published = null;
            String etag = null;
            String body = null;
            for (String instance : instances) {
                JsonNode listed = json(given().baseUri(instance).queryParam("size", 100).get(CERTIFICATIONS)
                        .then().statusCode(200).extract().response());
                long times = 0;
                for (JsonNode c : listed.path("items")) {
                    times += code.equals(c.path("code").asText()) ? 1 : 0;
                }
                assertEquals(1, times, code + " listed once on " + instance);
                JsonNode detail = json(given().baseUri(instance).get(CERTIFICATIONS + "/" + code)
                        .then().statusCode(200).extract().response());
                long ones = 0;
                for (JsonNode v : detail.path("versions")) {
                    if (v.path("number").asInt() == 1) {
                        ones++;
                        String at = v.path("publishedAt").asText();
                        if (published == null) {
                            published = at;
                        }
                        assertEquals(published, at, code + " version 1 was published once, at one instant");
                    }
                }
                assertEquals(1, ones, code + " has one version 1 on " + instance);
                Response version = given().baseUri(instance).get(CERTIFICATIONS + "/" + code + "/versions/1")
                        .then().statusCode(200).extract().response();
                if (etag == null) {
                    etag = version.header("ETag");
                    body = version.asString();
                }
                assertEquals(etag, version.header("ETag"), code + " version 1 has one ETag on every instance");
                assertEquals(body, version.asString(), code + " version 1 is the same document on every instance");
            }
        }
    }
}
