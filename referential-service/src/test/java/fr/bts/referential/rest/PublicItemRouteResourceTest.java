package fr.bts.referential.rest;

import fr.bts.devstack.PostgresTestResource;
import fr.bts.devstack.TestTokens;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static fr.bts.referential.rest.HttpCachingResourceTest.gzip;
import static fr.bts.referential.rest.HttpCachingResourceTest.identity;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The item read answered from memory on the event loop ({@link PublicItemRoute}, issue 16) gives exactly what the
 * resource gives, and only to callers the resource would give it to: the first read of an item (the resource, which
 * remembers it) and the next ones (the route) carry the same bytes and headers in each coding; a token that does
 * not verify (altered, expired, another audience) is refused there as on any path, and a referential-admin still
 * gets the resource's private answer.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PublicItemRouteResourceTest {

    private static final List<String> HEADERS = List.of("ETag", "Cache-Control", "Vary", "Content-Type", "Content-Encoding");

    private static String item(String code) {
        return "/api/referential/v1/items/" + ElementIds.of("BTS-GPME", ElementKind.TACHE, code);
    }

    private static void sameAnswer(Response first, Response again, String what) {
        for (String header : HEADERS) {
            assertEquals(first.header(header), again.header(header), what + ": " + header);
        }
        assertArrayEquals(first.asByteArray(), again.asByteArray(), what);
    }

    @Test
    void theRememberedAnswerIsTheResourcesInEachCodingAndForEachPublicCaller() {
        String path = item("T.1.1.2");
        String platform = TestTokens.serviceAccount("platform-item", null, "platform-reader");
        Response first = identity().when().get(path);
        first.then().statusCode(200).header("Cache-Control", "public, max-age=60")
                .header("Vary", containsString("Authorization")).header("Vary", containsString("Accept-Encoding"));
        sameAnswer(first, identity().when().get(path), "anonymous, again");
        sameAnswer(first, identity().auth().oauth2(platform).when().get(path), "a platform's token");
        Response zipped = gzip().when().get(path);
        zipped.then().statusCode(200).header("Content-Encoding", "gzip");
        sameAnswer(zipped, gzip().when().get(path), "gzip, again");
        identity().auth().oauth2(platform).header("If-None-Match", first.header("ETag")).when().get(path)
                .then().statusCode(304).header("ETag", first.header("ETag"));
        gzip().header("If-None-Match", first.header("ETag")).when().get(path).then().statusCode(200);
        gzip().header("If-None-Match", zipped.header("ETag")).when().get(path).then().statusCode(304);
    }

    @Test
    void aRememberedItemIsNotAnsweredToATokenThatDoesNotVerify() {
        String path = item("T.1.1.3");
        String platform = TestTokens.serviceAccount("platform-refused", null, "platform-reader");
        identity().auth().oauth2(platform).when().get(path).then().statusCode(200);
        identity().auth().oauth2(platform).when().get(path).then().statusCode(200);
        int at = platform.lastIndexOf('.') + 10;
        String altered = platform.substring(0, at) + (platform.charAt(at) == 'A' ? 'B' : 'A') + platform.substring(at + 1);
        for (String token : List.of(altered, TestTokens.expired("platform-refused", null, "platform-reader"),
                TestTokens.otherAudience("platform-refused", null, "platform-reader"))) {
            identity().auth().oauth2(token).when().get(path).then().statusCode(401);
        }
    }

    @Test
    void aReferentialAdminGetsTheResourcesPrivateAnswerOfARememberedItem() {
        String path = item("T.1.2.1");
        identity().when().get(path).then().statusCode(200);
        identity().when().get(path).then().statusCode(200).header("Cache-Control", "public, max-age=60");
        identity().auth().oauth2(TestTokens.token("admin-item", null, "referential-admin")).when().get(path).then()
                .statusCode(200).header("Cache-Control", "private, no-cache").header("Vary", containsString("Authorization"));
    }
}
