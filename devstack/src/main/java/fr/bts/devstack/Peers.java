package fr.bts.devstack;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static io.restassured.RestAssured.given;

/**
 * Requests from a chosen peer address, for the rules that depend on who is calling (trusted proxies): the services
 * trust {@code 127.0.0.1} in tests, and a connection from {@code 127.0.0.2} (another loopback address, routed
 * locally by every Linux kernel) is a caller the service must not believe.
 */
public final class Peers {

    /** A loopback address outside the tests' trusted proxies. */
    public static final String UNTRUSTED = "127.0.0.2";

    private Peers() {
    }

    /** A request to the application under test whose connection comes from {@link #UNTRUSTED}. */
    public static RequestSpecification fromUntrustedPeer() {
        try {
            InetAddress local = InetAddress.getByName(UNTRUSTED);
            return given().baseUri("http://127.0.0.1").port(RestAssured.port)
                    .config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                            .setParam("http.route.local-address", local)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address always resolves", e);
        }
    }
}
