package fr.bts.evaluation.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Reads referential versions with timeout, retry and circuit breaker; a 404 is an empty answer, not a failure. */
@ApplicationScoped
public class ReferentialClient {

    @RestClient
    ReferentialApi api;

    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = NotRetryable.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = NotRetryable.class)
    public Optional<JsonNode> version(String certification, String version) {
        try {
            return Optional.of(api.version(certification, version));
        } catch (WebApplicationException e) {
            return Upstream.emptyOn404(e);
        }
    }
}
