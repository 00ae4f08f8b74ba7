package fr.bts.devstack;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steps of the services' public-link tests: absolute links ({@code Location}, pagination {@code Link}, CASE
 * {@code uri}) name the origin a trusted proxy (127.0.0.1 in tests) forwards, the configured public base URL when
 * there is one, and the service's own address for a caller from {@link Peers#UNTRUSTED}.
 */
public final class PublicLinks {

    /** The public origin the tests' forwarding headers name. */
    public static final String FORWARDED_ORIGIN = "https://api.example.fr/bts";

    private PublicLinks() {
    }

    /** {@code request} with the forwarding headers a gateway published under {@link #FORWARDED_ORIGIN} sends. */
    public static RequestSpecification forwarded(RequestSpecification request) {
        return request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.fr")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-Prefix", "/bts");
    }

    /** The origin of the application under test as {@link Peers#fromUntrustedPeer()} reaches it. */
    public static String ownOrigin() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    /** The {@code Link} headers of {@code answer}. */
    public static List<String> links(Response answer) {
        return answer.headers().getValues("Link");
    }

    /** One of {@code links} is the next page. */
    public static void assertHasNext(List<String> links) {
        assertTrue(links.stream().anyMatch(l -> l.contains("rel=\"next\"")), links::toString);
    }

    /** Every one of {@code links} targets {@code collection} (an absolute URL without query) with a query. */
    public static void assertAllTarget(List<String> links, String collection) {
        assertTrue(links.stream().allMatch(l -> l.startsWith("<" + collection + "?")), links::toString);
    }

    /** The {@code Link} headers of {@code page} name the next page, each targeting {@code path} at {@link #FORWARDED_ORIGIN}. */
    public static void assertForwardedPages(Response page, String path) {
        List<String> links = links(page);
        assertHasNext(links);
        assertAllTarget(links, FORWARDED_ORIGIN + path);
    }

    /** There are {@code links}, and every one targets {@code path} at {@link #ownOrigin()}, with a query. */
    public static void assertOwnOriginLinks(List<String> links, String path) {
        assertFalse(links.isEmpty());
        assertAllTarget(links, ownOrigin() + path);
    }
}
