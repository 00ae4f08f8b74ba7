package fr.bts.evaluation.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Reads the registration snapshot with timeout, retry and circuit breaker; a 404 is an empty answer. */
@ApplicationScoped
public class DossierClient {

    @RestClient
    DossierApi api;

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, abortOn = NotRetryable.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = NotRetryable.class)
    public Optional<RegistrationSnapshot> snapshot(String session, String certification) {
        try {
            return Optional.of(api.snapshot(session, certification));
        } catch (WebApplicationException e) {
            return Upstream.emptyOn404(e);
        }
    }
}
