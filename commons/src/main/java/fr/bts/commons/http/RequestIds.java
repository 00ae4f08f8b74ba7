package fr.bts.commons.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id of ARCHITECTURE.md: the gateway sets {@code X-Request-Id} (or a direct caller may);
 * every service keeps a sane one, generates one otherwise, puts it in the logging context as
 * {@code requestId} (the log format prints {@code %X{requestId}}) and echoes it on the answer, errors
 * included, so that one id follows a request through the gateway, the services and their logs.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String id = sanitize(ctx.request().getHeader(HEADER));
            ctx.put(MDC_KEY, id);
            MDC.put(MDC_KEY, id);
            ctx.response().putHeader(HEADER, id);
            ctx.addEndHandler(done -> MDC.remove(MDC_KEY));
            ctx.next();
        });
    }

    /** The caller's id when it is short and made of safe characters, a new UUID otherwise. */
    public static String sanitize(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }
}
