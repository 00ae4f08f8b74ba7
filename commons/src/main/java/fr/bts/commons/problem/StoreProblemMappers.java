package fr.bts.commons.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failures we can name that are not bugs: a store or a downstream service that cannot be reached is a 503
 * with {@code Retry-After} (ARCHITECTURE.md, "Failure answers are exact"); a concurrent change (optimistic lock,
 * lock conflict, serialization failure) or a unique-constraint violation is a 409 naming the conflict.
 * <p>
 * Commons depends on no store driver: every service brings only its own (Hibernate and the PostgreSQL driver,
 * or the MongoDB driver, SmallRye Fault Tolerance, the REST client), so the exceptions are recognised on the
 * cause chain by class name and, for JDBC, by SQLState (JDK types). {@link ProblemMappers} asks this class before
 * answering 500; every 503 it writes goes through {@link #withRetryAfter(Response)}.
 */
@Singleton
public class StoreProblemMappers {

    private static final Logger LOG = Logger.getLogger(StoreProblemMappers.class);

    private static final Set<String> UNREACHABLE_CLASSES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "java.sql.SQLTransientConnectionException",
            "java.sql.SQLNonTransientConnectionException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoSocketOpenException",
            "com.mongodb.MongoSocketReadException",
            "com.mongodb.MongoSocketReadTimeoutException",
            "com.mongodb.MongoSocketWriteException",
            "com.mongodb.MongoSocketClosedException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoExecutionTimeoutException",
            "com.mongodb.MongoOperationTimeoutException",
            "com.mongodb.MongoConnectionPoolClearedException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException",
            "java.net.ConnectException",
            "java.net.SocketTimeoutException",
            "java.net.NoRouteToHostException",
            "io.netty.channel.ConnectTimeoutException");

    private static final Set<String> CONCURRENT_CLASSES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.dialect.lock.OptimisticEntityLockException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.OptimisticLockException");

    private static final Set<String> MONGO_WRITE_CLASSES = Set.of(
            "com.mongodb.DuplicateKeyException",
            "com.mongodb.MongoWriteException",
            "com.mongodb.MongoBulkWriteException",
            "com.mongodb.MongoCommandException");

    private static final Pattern PG_CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");
    private static final Pattern MONGO_INDEX = Pattern.compile("index: ([\\w.$-]+)");

    @ConfigMapping(prefix = "bts.problem")
    public interface Config {

        /** What a 503 answers in {@code Retry-After}: when a client may try again after an outage. */
        @WithDefault("5S")
        Duration retryAfter();
    }

    @Inject
    Config config;

    /** What the failure is, when it is one of those named here. */
    public record Named(Problem problem, String cause) {
    }

    /** The answer for {@code failure} if it is a store or downstream outage or a conflict; empty for anything else. */
    public Optional<Response> answer(Throwable failure, UriInfo uri) {
        return classify(failure).map(named -> {
            if (named.problem().status() == 503) {
                LOG.warnf("Unavailable on %s: %s", uri == null ? "?" : uri.getPath(), named.cause());
            } else {
                LOG.infof("Conflict on %s: %s", uri == null ? "?" : uri.getPath(), named.cause());
            }
            return withRetryAfter(ProblemMappers.respond(named.problem(), uri));
        });
    }

    /** Adds {@code Retry-After} to a 503 that has none. */
    public Response withRetryAfter(Response response) {
        if (response.getStatus() != 503 || response.getHeaderString(HttpHeaders.RETRY_AFTER) != null) {
            return response;
        }
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds()).build();
    }

    public long retryAfterSeconds() {
        return Math.max(1, config.retryAfter().toSeconds());
    }

    /** Walks the cause chain for the first failure that has a name here. */
    public static Optional<Named> classify(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            Optional<Named> named = classifyOne(t);
            if (named.isPresent()) {
                return named;
            }
        }
        return Optional.empty();
    }

    private static Optional<Named> classifyOne(Throwable t) {
        String name = t.getClass().getName();
        if (isA(t, UNREACHABLE_CLASSES)) {
            return Optional.of(unavailable(storeOf(name), t));
        }
        if (isA(t, CONCURRENT_CLASSES)) {
            return Optional.of(new Named(Problem.of(ProblemType.CONCURRENT_UPDATE, "The data was changed by a concurrent request"
                    + entityOf(t) + "; read it again and retry"), name + ": " + t.getMessage()));
        }
        if (t instanceof SQLException sql) {
            return classifySql(sql);
        }
        if (isA(t, MONGO_WRITE_CLASSES) && t.getMessage() != null && t.getMessage().contains("E11000")) {
            Matcher index = MONGO_INDEX.matcher(t.getMessage());
            return Optional.of(new Named(Problem.of(ProblemType.DUPLICATE, "This conflicts with a stored document"
                    + (index.find() ? " (unique index " + index.group(1) + ")" : "")), name + ": " + t.getMessage()));
        }
        if (t instanceof WebApplicationException web && web.getResponse() != null && web.getResponse().getStatus() == 503) {
            return Optional.of(unavailable("a downstream service", t));
        }
        return Optional.empty();
    }

    private static Optional<Named> classifySql(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String message = sql.getMessage() == null ? "" : sql.getMessage();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
            return Optional.of(unavailable("the database", sql));
        }
        if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
            return Optional.of(new Named(Problem.of(ProblemType.CONCURRENT_UPDATE,
                    "The data was changed by a concurrent request; read it again and retry"), "SQLState " + state + ": " + message));
        }
        if (state.equals("23505") || state.equals("23P01")) {
            Matcher constraint = PG_CONSTRAINT.matcher(message);
            return Optional.of(new Named(Problem.of(ProblemType.DUPLICATE, "This conflicts with stored data"
                    + (constraint.find() ? " (constraint " + constraint.group(1) + ")" : "")), "SQLState " + state + ": " + message));
        }
        if (state.equals("23503")) {
            Matcher constraint = PG_CONSTRAINT.matcher(message);
            return Optional.of(new Named(Problem.of(ProblemType.CONFLICT, "This refers to data that was changed or removed concurrently"
                    + (constraint.find() ? " (constraint " + constraint.group(1) + ")" : "")), "SQLState " + state + ": " + message));
        }
        return Optional.empty();
    }

    private static Named unavailable(String what, Throwable t) {
        return new Named(Problem.of(ProblemType.SERVICE_UNAVAILABLE, capitalised(what) + " cannot be reached right now; try again shortly"),
                t.getClass().getName() + ": " + t.getMessage());
    }

    private static String storeOf(String className) {
        if (className.startsWith("com.mongodb.")) {
            return "the document store";
        }
        if (className.startsWith("org.hibernate.") || className.startsWith("java.sql.")) {
            return "the database";
        }
        if (className.startsWith("org.eclipse.microprofile.faulttolerance.")) {
            return "a downstream service";
        }
        return "a store or downstream service";
    }

    private static boolean isA(Throwable t, Set<String> names) {
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** " (ExamSession)" when Hibernate names the entity in its message, else "". */
    private static String entityOf(Throwable t) {
        String message = t.getMessage();
        if (message == null) {
            return "";
        }
        Matcher entity = Pattern.compile("\\[([\\w.]+)#").matcher(message);
        if (entity.find()) {
            String fqcn = entity.group(1);
            return " (" + fqcn.substring(fqcn.lastIndexOf('.') + 1) + ")";
        }
        return "";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
