package fr.bts.dossier.client;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * The typed referential client wrapped with timeout, retry, circuit breaker and fallback. An unknown
 * certification or version is {@link Optional#empty()}; an unreachable referential is a 503 problem.
 * {@link ReferentialVersions} caches what this returns.
 */
@ApplicationScoped
public class ReferentialClient {

    @Inject
    @RestClient
    ReferentialApi api;

    /** One version of a certification; {@code version} is a number or {@code current}. */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, abortOn = ProblemException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "unavailable", skipOn = ProblemException.class)
    public Optional<ReferentialVersion> version(String certification, String version) {
        try {
            ReferentialVersion read = api.version(certification, version);
            if (read == null || read.version() == null || read.certification() == null) {
                throw new ProblemException(ProblemType.BAD_GATEWAY,
                        "The referential answered an unexpected document for " + certification + " " + version);
            }
            return Optional.of(read);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<ReferentialVersion> unavailable(String certification, String version) {
        throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "The referential service is unavailable; " + certification + " version " + version
                        + " cannot be read now, try again later");
    }
}
