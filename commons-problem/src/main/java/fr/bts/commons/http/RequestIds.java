package fr.bts.commons.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id of ARCHITECTURE.md: the gateway sets {@code X-Request-Id} (or a direct caller may);
 * every service keeps a sane one, generates one otherwise, puts it in the logging context as
 * {@code requestId} (the log format prints {@code %X{requestId}}) and echoes it on the answer, errors
 * included, so that one id follows a request through the gateway, the services and their logs.
 * Code that needs the id of the current request (the gateway forwards it) reads it with {@link #of}.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** {@link #HEADER} encoded once: it is read and written on every request. */
    private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
    private static final int MAX_LENGTH = 128;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String id = of(ctx);
            MDC.put(MDC_KEY, id);
            ctx.response().putHeader(HEADER_NAME, id);
            ctx.addEndHandler(done -> MDC.remove(MDC_KEY));
            ctx.next();
        });
    }

    /** The id of this request: chosen once, from the caller's header when sane, and kept on the context. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(MDC_KEY);
        if (id == null) {
            id = sanitize(ctx.request().getHeader(HEADER_NAME));
            ctx.put(MDC_KEY, id);
        }
        return id;
    }

    /** The caller's id when it is short and made of safe characters ({@code [A-Za-z0-9._:-]{1,128}}), a new one otherwise. */
    public static String sanitize(String candidate) {
        return candidate != null && sane(candidate) ? candidate : randomId();
    }

    /** {@code [A-Za-z0-9._:-]{1,128}}, checked character by character (every request through the gateway has one). */
    private static boolean sane(String candidate) {
        int length = candidate.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = candidate.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /**
     * A version-4 UUID from a thread-local generator: request ids must be unique, not unpredictable, and
     * {@link UUID#randomUUID()} would serialise every event loop on one shared SecureRandom.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
