package fr.bts.evaluation.client;

import fr.bts.commons.client.Downstream;
import fr.bts.commons.client.NotRetryable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
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
 * Reads the registration snapshot with timeout, retry and circuit breaker; a 404 is an empty answer. Whatever
 * failure is left is translated here ({@link Downstream#problem}): unreachable, too slow, 503 or circuit open → 503,
 * malformed → 502. A timed-out attempt is not retried, so a hung dossier-service costs one timeout, not three
 * (timeouts: {@code quarkus.fault-tolerance."fr.bts.evaluation.client.DossierClient/snapshot".timeout.value}).
 */
@ApplicationScoped
public class DossierClient {

    @RestClient
    DossierApi api;

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = {NotRetryable.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = NotRetryable.class)
    @Fallback(Translate.class)
    public Optional<RegistrationSnapshot> snapshot(String session, String certification) {
        try {
            return Optional.of(api.snapshot(session, certification));
        } catch (WebApplicationException e) {
            return Downstream.emptyOn404(e);
        }
    }

    static class Translate implements FallbackHandler<Optional<RegistrationSnapshot>> {
        @Override
        public Optional<RegistrationSnapshot> handle(ExecutionContext context) {
            throw Downstream.problem("dossier-service", context.getFailure());
        }
    }
}
