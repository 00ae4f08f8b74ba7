package fr.bts.commons.http;

import io.netty.handler.codec.compression.CompressionOptions;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that makes compressed answers correct for HTTP caches (RFC 9110 §8.8.3, §12.5.3): the HTTP server
 * gzips an answer on the way out (quarkus.http.enable-compression, Netty's compressor) without touching its headers,
 * so a shared cache would serve gzip bytes to a client that did not ask for them and give both codings one strong
 * ETag. Just before the headers of every answer to a GET or HEAD leave (the answers caches keep), this handler
 * <ul>
 *   <li>decides the coding of the answer with the very negotiation the compressor will run (Netty's own, over the
 *       configured compressors) on the answer's media type ({@code quarkus.http.compress-media-types}), and makes the
 *       compressor follow it (identity when it says so);</li>
 *   <li>adds {@code Vary: Accept-Encoding} to every answer whose coding depends on it, identity answers included;</li>
 *   <li>gives a compressed answer the ETag of its coding ({@link ETags#coded}: {@code "x"} → {@code "x-gzip"}).</li>
 * </ul>
 * A 304 has no body to compress: the conditional GET ({@link ConditionalGet}) names the media type its 200 would have
 * in {@link #REPRESENTATION_TYPE}, which this handler reads and removes, so that the 304 carries the very ETag and
 * Vary of that 200, and no {@code Content-Encoding} (a cache copies a 304's fields onto the answer it keeps). An answer
 * already coded by its producer ({@code Content-Encoding} other than identity) is left as it is.
 */
@ApplicationScoped
public class ContentCodings {

    /** Internal header: the media type of the 200 a 304 stands for (never sent). */
    public static final String REPRESENTATION_TYPE = "X-Bts-Representation-Type";
    /** {@link #REPRESENTATION_TYPE} encoded once: every answer's headers are looked up for it. */
    public static final CharSequence REPRESENTATION_TYPE_NAME = HttpHeaders.createOptimized(REPRESENTATION_TYPE);
    private static final String IDENTITY = "identity";
    private static final CharSequence IDENTITY_VALUE = HttpHeaders.createOptimized(IDENTITY);
    private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");

    @ConfigProperty(name = "quarkus.http.enable-compression", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "quarkus.http.compressors", defaultValue = "gzip,deflate")
    List<String> compressors;

    @ConfigProperty(name = "quarkus.http.compress-media-types", defaultValue = "text/html,text/plain,text/xml,text/css,"
            + "text/javascript,application/javascript,application/json,application/graphql+json,application/xhtml+xml")
    List<String> mediaTypes;

    private volatile Negotiation negotiation;
    private volatile Set<String> compressible;

    void install(@Observes Router router) {
        if (!enabled) {
            return;
        }
        router.route().order(Integer.MIN_VALUE + 12).handler(ctx -> {
            ctx.addHeadersEndHandler(done -> apply(ctx));
            ctx.next();
        });
    }

    /**
     * The coding an answer of {@code mediaType} with a body gets for a request saying {@code acceptEncoding}
     * ({@code null}: identity).
     */
    public String coding(String acceptEncoding, String mediaType) {
        if (!enabled || acceptEncoding == null || mediaType == null || !compressible(mediaType)) {
            return null;
        }
        return negotiation().determineEncoding(acceptEncoding);
    }

    /** Whether the coding of an answer of {@code mediaType} depends on {@code Accept-Encoding}. */
    public boolean compressible(String mediaType) {
        if (!enabled || mediaType == null) {
            return false;
        }
        if (compressibleTypes().contains(mediaType)) {
            return true;   // the media type as configured, e.g. application/json: nothing to parse
        }
        int semicolon = mediaType.indexOf(';');
        String type = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return compressibleTypes().contains(type);
    }

    private void apply(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        MultiMap headers = response.headers();
        String representationType = headers.get(REPRESENTATION_TYPE_NAME);
        if (representationType != null) {
            headers.remove(REPRESENTATION_TYPE_NAME);
        }
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            // only reads are kept by caches; the tag of a write's answer is the state's, for the next If-Match
            return;
        }
        String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !IDENTITY.equalsIgnoreCase(encoding)) {
            return;
        }
        int status = response.getStatusCode();
        boolean notModified = status == 304;
        if (notModified && encoding != null) {
            // a 304 has no body: an identity coding on it would tell a cache to rewrite the stored answer's coding
            headers.remove(HttpHeaders.CONTENT_ENCODING);
        }
        String type = notModified ? representationType : headers.get(HttpHeaders.CONTENT_TYPE);
        boolean bodiless = !notModified
                && (status < 200 || status == 204 || "0".equals(headers.get(HttpHeaders.CONTENT_LENGTH)));
        if (bodiless || !compressible(type)) {
            return;
        }
        addVary(headers, ACCEPT_ENCODING);
        String coding = coding(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING), type);
        if (coding == null) {
            if (!notModified) {
                headers.set(HttpHeaders.CONTENT_ENCODING, IDENTITY_VALUE);
            }
            return;
        }
        if (!notModified) {
            headers.remove(HttpHeaders.CONTENT_ENCODING);
        }
        String etag = headers.get(HttpHeaders.ETAG);
        if (etag != null) {
            headers.set(HttpHeaders.ETAG, ETags.codedHeader(etag, coding));
        }
    }

    /** Adds {@code field} to the {@code Vary} of an answer unless it is already named there (one field line). */
    public static void addVary(MultiMap headers, CharSequence field) {
        if (!headers.contains(HttpHeaders.VARY)) {
            headers.set(HttpHeaders.VARY, field);   // the common case: the first field named
            return;
        }
        List<String> names = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaders.VARY)) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.equalsIgnoreCase(field.toString()) || trimmed.equals("*")) {
                    return;
                }
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
        }
        names.add(field.toString());
        headers.set(HttpHeaders.VARY, String.join(", ", names));
    }

    private Negotiation negotiation() {
        Negotiation n = negotiation;
        if (n == null) {
            CompressionOptions[] options = compressors.stream().map(String::trim).map(name -> switch (name) {
                case "gzip" -> StandardCompressionOptions.gzip();
                case "deflate" -> StandardCompressionOptions.deflate();
                default -> throw new IllegalStateException("quarkus.http.compressors: " + name
                        + " is not a coding the suite tags (" + ETags.CODINGS + ")");
            }).toArray(CompressionOptions[]::new);
            n = new Negotiation(options);
            negotiation = n;
        }
        return n;
    }

    private Set<String> compressibleTypes() {
        Set<String> types = compressible;
        if (types == null) {
            types = mediaTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            compressible = types;
        }
        return types;
    }

    /**
     * Netty's negotiation of the coding over the compressors the server has, unchanged, so that the decision here is
     * the one the server's compressor takes (it is never added to a channel).
     */
    static final class Negotiation extends HttpContentCompressor {
        Negotiation(CompressionOptions... options) {
            super(0, options);
        }

        @Override
        protected String determineEncoding(String acceptEncoding) {
            return super.determineEncoding(acceptEncoding);
        }
    }
}
