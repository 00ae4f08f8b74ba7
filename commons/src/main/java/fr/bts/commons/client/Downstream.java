package fr.bts.commons.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one translation of downstream failures for every REST-client wrapper of the suite (dossier's and evaluation's
 * {@code client} packages). The wrapper pattern: a {@code @ApplicationScoped} bean around the typed REST client with
 * {@code @Timeout} (its value in application.properties, README configuration table), {@code @Retry} of the idempotent
 * read that aborts on {@link NotRetryable}, a timeout and a {@code ProblemException}, a {@code @CircuitBreaker} that
 * skips those, and a {@code @Fallback} that throws {@link #problem}; {@link #emptyOn404} turns a 404 into an empty
 * answer and any other 4xx into {@link NotRetryable}, so that a refusal is neither retried nor counted as a failure.
 *
 * <p>How downstream failures become answers of this service (ARCHITECTURE.md, "Failure answers are exact"): a
 * downstream that cannot be reached, does not answer within its bound, answers 503 or whose circuit is open is a
 * 503 (the mappers add {@code Retry-After}), and so is a downstream that still answers 5xx once the retries are spent:
 * it is failing, and the caller should come back later; a malformed answer or a refusal (4xx other than 404) is a
 * 502, which a retry would not cure. The wrappers translate in their fallback, after retries and the circuit breaker.
 */
public final class Downstream {

    private Downstream() {
    }

    /**
     * One read through the typed client, for the wrapper's method: the answer when {@code wellFormed} accepts it,
     * {@link #emptyOn404 empty on a 404} ({@link NotRetryable} on another 4xx), and a 502 problem with the detail
     * {@code malformed} when the answer is missing or not the document asked for.
     */
    public static <T> Optional<T> read(Supplier<T> call, Predicate<? super T> wellFormed, Supplier<String> malformed) {
        T read;
        try {
            read = call.get();
        } catch (WebApplicationException e) {
            return emptyOn404(e);
        }
        if (read == null || !wellFormed.test(read)) {
            throw new ProblemException(ProblemType.BAD_GATEWAY, malformed.get());
        }
        return Optional.of(read);
    }

    public static <T> Optional<T> emptyOn404(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return Optional.empty();
        }
        if (status >= 400 && status < 500) {
            throw new NotRetryable(status, "downstream answered " + status);
        }
        throw e;
    }

    /** A problem for the caller, for the failure that is left once retries and the circuit breaker are done. */
    public static ProblemException problem(String service, Throwable e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        if (e instanceof CircuitBreakerOpenException) {
            return unavailable(service + " is failing; its circuit is open, retry later");
        }
        if (e instanceof TimeoutException) {
            return unavailable(service + " did not answer in time");
        }
        if (e instanceof NotRetryable n) {
            return new ProblemException(ProblemType.BAD_GATEWAY, service + " refused the request (HTTP " + n.status() + ")");
        }
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            if (status < 300 || malformed(e)) {
                // the REST client reports a body it cannot read as a WebApplicationException with the answer's status
                return new ProblemException(ProblemType.BAD_GATEWAY, service + " answered a malformed document");
            }
            return status >= 500
                    ? unavailable(service + " is failing (HTTP " + status + "), retry later")
                    : new ProblemException(ProblemType.BAD_GATEWAY, service + " answered HTTP " + status);
        }
        if (malformed(e)) {
            return new ProblemException(ProblemType.BAD_GATEWAY, service + " answered a malformed document");
        }
        return unavailable(service + " cannot be reached");
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail);
    }

    private static boolean malformed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }
}
