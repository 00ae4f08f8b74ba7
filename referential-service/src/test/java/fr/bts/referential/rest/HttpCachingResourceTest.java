package fr.bts.referential.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP caching of the public reads (issue 12, RFC 9110/9111): each content coding its own strong ETag and
 * {@code Vary: Accept-Encoding}, If-None-Match against the tag of the coding asked for, {@code Last-Modified} and
 * If-Modified-Since, Cache-Control on every cacheable GET (the Moodle CSV included), and answers a referential-admin
 * sees differently kept private.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class HttpCachingResourceTest {

    static final String BASE = "/api/referential/v1/certifications/";

    /** A client that asks for no coding (RestAssured would otherwise ask for gzip and deflate on every request). */
    static RequestSpecification identity() {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "identity");
    }

    static RequestSpecification gzip() {
        return given().header("Accept-Encoding", "gzip");
    }

    @Test
    void eachContentCodingHasItsOwnStrongEtagAndTheAnswerVariesOnAcceptEncoding() {
        // twice each: the first read fills the memory of public versions, the second is the fast path
        for (int i = 0; i < 2; i++) {
            Response plain = identity().when().get(BASE + "BTS-SAM/versions/1");
            Response zipped = gzip().when().get(BASE + "BTS-SAM/versions/1");
            plain.then().statusCode(200).header("Content-Encoding", nullValue())
                    .header("Vary", containsString("Accept-Encoding"));
            zipped.then().statusCode(200).header("Content-Encoding", "gzip")
                    .header("Vary", containsString("Accept-Encoding"));
            assertArrayEquals(plain.asByteArray(), zipped.asByteArray(), "the same document under both codings");
            String identityTag = plain.header("ETag");
            String gzipTag = zipped.header("ETag");
            assertTrue(identityTag.matches("\"[A-Za-z0-9_-]{22}\""), identityTag);
            assertEquals(identityTag.substring(0, identityTag.length() - 1) + "-gzip\"", gzipTag);

            gzip().header("If-None-Match", gzipTag).when().get(BASE + "BTS-SAM/versions/1")
                    .then().statusCode(304).header("ETag", gzipTag).header("Vary", containsString("Accept-Encoding"))
                    .header("Content-Type", nullValue()).header("X-Bts-Representation-Type", nullValue());
            identity().header("If-None-Match", identityTag).when().get(BASE + "BTS-SAM/versions/1")
                    .then().statusCode(304).header("ETag", identityTag);
            // a tag of the other coding names other bytes: the whole answer again
            identity().header("If-None-Match", gzipTag).when().get(BASE + "BTS-SAM/versions/1")
                    .then().statusCode(200).header("ETag", identityTag);
            gzip().header("If-None-Match", identityTag).when().get(BASE + "BTS-SAM/versions/1")
                    .then().statusCode(200).header("ETag", gzipTag);
        }
    }

    @Test
    void versionsCarryLastModifiedAndHonourIfModifiedSinceWithoutIfNoneMatch() {
        Response first = identity().when().get(BASE + "BTS-GPME/versions/1");
        String lastModified = first.header("Last-Modified");
        assertTrue(lastModified != null && lastModified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                String.valueOf(lastModified));
        first.then().header("Cache-Control", "public, max-age=600");
        identity().header("If-Modified-Since", lastModified).when().get(BASE + "BTS-GPME/versions/1")
                .then().statusCode(304).header("Last-Modified", lastModified).header("ETag", first.header("ETag"));
        identity().header("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").when().get(BASE + "BTS-GPME/versions/1")
                .then().statusCode(200);
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3)
        identity().header("If-Modified-Since", lastModified).header("If-None-Match", "\"other\"")
                .when().get(BASE + "BTS-GPME/versions/1").then().statusCode(200);
        identity().header("If-Modified-Since", "not a date").when().get(BASE + "BTS-GPME/versions/1").then().statusCode(200);
        identity().when().get(BASE + "BTS-GPME/current").then().statusCode(200)
                .header("Last-Modified", lastModified).header("Cache-Control", "public, max-age=60");
    }

    @Test
    void moodleCsvIsRevalidatedWithItsOwnEtagAndCachedAsItsVersion() {
        String path = BASE + "BTS-GPME/versions/1/exports/moodle.csv";
        Response plain = identity().when().get(path);
        plain.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Cache-Control", "public, max-age=600").header("Last-Modified", notNullValue())
                .header("Vary", containsString("Accept-Encoding"));
        String tag = plain.header("ETag");
        identity().header("If-None-Match", tag).when().get(path).then().statusCode(304).header("ETag", tag)
                .header("Cache-Control", "public, max-age=600");
        Response zipped = gzip().when().get(path);
        zipped.then().statusCode(200).header("Content-Encoding", "gzip");
        assertArrayEquals(plain.asByteArray(), zipped.asByteArray());
        assertNotEquals(tag, zipped.header("ETag"));
        gzip().header("If-None-Match", zipped.header("ETag")).when().get(path).then().statusCode(304);
        identity().header("If-None-Match", "\"other\"").when().get(path).then().statusCode(200);
    }

    @Test
    void listsItemsAndSearchHaveContentEtagsAndVaryOnAuthorization() {
        String item = "/api/referential/v1/items/" + ElementIds.of("BTS-GPME", ElementKind.TACHE, "T.1.1.1");
        for (String path : List.of(item, BASE, BASE + "BTS-GPME", "/api/referential/v1/search?q=prospection")) {
            Response first = identity().when().get(path);
            first.then().statusCode(200).header("Cache-Control", "public, max-age=60")
                    .header("Vary", containsString("Accept-Encoding"));
            String tag = first.header("ETag");
            assertTrue(tag != null && tag.matches("\"[A-Za-z0-9_-]{22}\""), path + ": " + tag);
            // the same bytes, the same tag (a tag of the content, not of this instance's memory)
            Response again = identity().when().get(path);
            assertEquals(tag, again.header("ETag"), path);
            assertArrayEquals(first.asByteArray(), again.asByteArray(), path);
            identity().header("If-None-Match", tag).when().get(path).then().statusCode(304).header("ETag", tag);
            if (!path.contains("search")) {
                first.then().header("Vary", containsString("Authorization"));
            }
        }
        // a referential-admin sees drafts: its answers are its own, never kept by a shared cache
        identity().auth().oauth2(TestTokens.token("admin", null, "referential-admin"))
                .when().get(BASE + "BTS-GPME").then().statusCode(200).header("Cache-Control", "private, no-cache")
                .header("Vary", containsString("Authorization")).header("ETag", notNullValue());
        // any other token reads what anonymous callers read, as public
        identity().auth().oauth2(TestTokens.token("platform", null, "platform-reader"))
                .when().get(BASE + "BTS-GPME").then().statusCode(200).header("Cache-Control", "public, max-age=60");
    }

    @Test
    void caseAnswersAreRevalidatedPerContentCoding() {
        String path = "/ims/case/v1p1/CFDocuments";
        Response plain = identity().when().get(path);
        plain.then().statusCode(200).header("Cache-Control", "public, max-age=300").header("Vary", containsString("Accept-Encoding"));
        Response zipped = gzip().when().get(path);
        zipped.then().statusCode(200).header("Content-Encoding", "gzip");
        String tag = plain.header("ETag");
        assertEquals(tag.substring(0, tag.length() - 1) + "-gzip\"", zipped.header("ETag"));
        identity().header("If-None-Match", tag).when().get(path).then().statusCode(304).header("ETag", tag);
        gzip().header("If-None-Match", zipped.header("ETag")).when().get(path).then().statusCode(304)
                .header("ETag", zipped.header("ETag"));
    }

    @Test
    void errorsAreNotGivenEntityTagsOrPublicCaching() {
        identity().when().get(BASE + "BTS-NOPE/versions/1").then().statusCode(404)
                .header("ETag", nullValue()).header("Cache-Control", not(containsString("public")));
    }
}
