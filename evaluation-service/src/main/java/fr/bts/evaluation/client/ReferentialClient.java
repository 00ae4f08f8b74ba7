package fr.bts.evaluation.client;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.client.Downstream;
import fr.bts.commons.client.NotRetryable;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads referential versions with timeout, retry and circuit breaker; a 404 is an empty answer, not a failure.
 * Whatever failure is left is translated here ({@link Downstream#problem}); a document that is not a version
 * (no {@code version} object) is a 502. A timed-out attempt is not retried.
 */
@ApplicationScoped
public class ReferentialClient {

    @RestClient
    ReferentialApi api;

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = {NotRetryable.class, TimeoutException.class, ProblemException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = {NotRetryable.class, ProblemException.class})
    @Fallback(Translate.class)
    public Optional<JsonNode> version(String certification, String version) {
        return Downstream.read(() -> api.version(certification, version), read -> read.path("version").isObject(),
                () -> "referential-service answered a document that is not a version of " + certification);
    }

    static class Translate implements FallbackHandler<Optional<JsonNode>> {
        @Override
        public Optional<JsonNode> handle(ExecutionContext context) {
            throw Downstream.problem("referential-service", context.getFailure());
        }
    }
}
