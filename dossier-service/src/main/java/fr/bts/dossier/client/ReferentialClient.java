package fr.bts.dossier.client;

import fr.bts.commons.client.Downstream;
import fr.bts.commons.client.NotRetryable;
import fr.bts.commons.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The typed referential client wrapped with timeout, retry, circuit breaker and fallback, the wrapper pattern of
 * {@link Downstream}. An unknown certification or version is {@link Optional#empty()}; a malformed answer or a
 * refusal (4xx other than 404, not retried) is a 502 problem; an unreachable,
 * failing or too slow referential (or its circuit open) is a 503 problem, answered with {@code Retry-After}. A
 * timed-out attempt is not retried, so a hung referential costs one timeout
 * ({@code quarkus.fault-tolerance."fr.bts.dossier.client.ReferentialClient/version".timeout.value}).
 * {@link ReferentialVersions} caches what this returns.
 */
@ApplicationScoped
public class ReferentialClient {

    private static final Logger LOG = Logger.getLogger(ReferentialClient.class);

    @Inject
    @RestClient
    ReferentialApi api;

    /** One version of a certification; {@code version} is a number or {@code current}. */
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, abortOn = {NotRetryable.class, ProblemException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10000, skipOn = {NotRetryable.class, ProblemException.class})
    @Fallback(Translate.class)
    public Optional<ReferentialVersion> version(String certification, String version) {
        return Downstream.read(() -> api.version(certification, version),
                read -> read.version() != null && read.certification() != null,
                () -> "The referential answered an unexpected document for " + certification + " " + version);
    }

    /** The failure left after retries and the circuit breaker, as a problem of this service ({@link Downstream}). */
    static class Translate implements FallbackHandler<Optional<ReferentialVersion>> {
        @Override
        public Optional<ReferentialVersion> handle(ExecutionContext context) {
            ProblemException problem = Downstream.problem("referential-service", context.getFailure());
            if (problem.problem().status() >= 500 && problem.problem().status() != 502) {
                LOG.warnf("Referential read of %s %s failed: %s", context.getParameters()[0], context.getParameters()[1],
                        context.getFailure());
            }
            throw problem;
        }
    }
}
