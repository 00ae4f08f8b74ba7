package fr.bts.devstack;

import io.quarkus.runtime.configuration.DurationConverter;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.function.Function;

import static io.restassured.RestAssured.given;

/**
 * Requests bounded by the configured bound of the thing under test instead of by elapsed milliseconds (issue 15): the
 * request is sent with an HTTP client timeout of {@value #FACTOR} times that bound, so a service that waited on
 * something else (a store's or a downstream's own, longer timeouts) fails the test by the client's timeout, while a
 * loaded machine that answers a little late does not; the test then checks the answer itself (status, problem type,
 * a detail naming the bound). {@link StoreOutageScenario} bounds its readiness requests this way.
 */
public final class BoundedRequests {

    /** How many times the configured bound a bounded request may take before the test fails. */
    public static final int FACTOR = 3;

    private BoundedRequests() {
    }

    /** A duration property of the application under test ({@code 800ms}, {@code 5s}, ISO-8601), e.g. {@code bts.readiness.timeout}. */
    public static Duration configured(String property) {
        return DurationConverter.parseDuration(ConfigProvider.getConfig().getValue(property, String.class));
    }

    /**
     * Sends {@code request} with a client timeout of {@code clientTimeout} (connect and read); a request the service
     * does not answer in that time fails with an assertion naming {@code why} the answer should have come sooner.
     */
    public static Response within(Duration clientTimeout, String why, Function<RequestSpecification, Response> request) {
        int millis = Math.toIntExact(clientTimeout.toMillis());
        RestAssuredConfig bounded = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", millis).setParam("http.socket.timeout", millis));
        try {
            return request.apply(given().config(bounded));
        } catch (Exception e) { // RestAssured rethrows the client's SocketTimeoutException undeclared
            throw new AssertionError("no answer within " + millis + " ms: " + why, e);
        }
    }

    /** {@link #within} with a client timeout of {@value #FACTOR} times {@code bound}. */
    public static Response withinFactorOf(Duration bound, String why, Function<RequestSpecification, Response> request) {
        return within(bound.multipliedBy(FACTOR), why, request);
    }
}
