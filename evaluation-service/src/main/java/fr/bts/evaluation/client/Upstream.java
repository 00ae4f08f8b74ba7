package fr.bts.evaluation.client;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.util.Optional;

/** How downstream failures become answers of this service. */
public final class Upstream {

    private Upstream() {
    }

    static <T> Optional<T> emptyOn404(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return Optional.empty();
        }
        if (status >= 400 && status < 500) {
            throw new NotRetryable(status, "downstream answered " + status);
        }
        throw e;
    }

    /** A problem for the caller: 504 on timeout, 503 while the circuit is open, 502 otherwise. */
    public static ProblemException problem(String service, RuntimeException e) {
        if (e instanceof TimeoutException) {
            return new ProblemException(ProblemType.GATEWAY_TIMEOUT, service + " did not answer in time");
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, service + " is failing; retry later");
        }
        if (e instanceof NotRetryable n) {
            return new ProblemException(ProblemType.BAD_GATEWAY, service + " refused the request (HTTP " + n.status() + ")");
        }
        return new ProblemException(ProblemType.BAD_GATEWAY, service + " is unavailable");
    }
}
