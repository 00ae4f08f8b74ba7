package fr.bts.commons.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The conditional GET of every cacheable read (RFC 9110 §13, RFC 9111), in one place for the JAX-RS resources and the
 * Vert.x routes: {@code If-None-Match} against the tag of the representation the request would get (its content
 * coding included, {@link ContentCodings}), or without it {@code If-Modified-Since} against {@code Last-Modified}
 * when a date is known; 304 or 200 with the same {@code ETag}, {@code Last-Modified}, {@code Cache-Control} and
 * {@code Vary}.
 */
@ApplicationScoped
public class ConditionalGet {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    /** The last date {@link #httpDate} formatted. */
    private static volatile FormattedDate lastDate;

    @Inject
    ContentCodings codings;

    @Inject
    ObjectMapper mapper;

    /** What caches may do with an answer: its {@code Cache-Control} and the request fields it varies on. */
    public record CachePolicy(String cacheControl, List<String> vary) {

        /** Bytes that never change: any cache keeps them for a year without asking again. */
        public static CachePolicy immutable() {
            return new CachePolicy("public, max-age=31536000, immutable", List.of());
        }

        /** Public data that may change: any cache keeps it for {@code maxAge}, then revalidates. */
        public static CachePolicy publicFor(Duration maxAge) {
            return new CachePolicy("public, max-age=" + maxAge.toSeconds(), List.of());
        }

        /** An answer for its reader only: never kept by a shared cache, revalidated by the reader's own at each use. */
        public static CachePolicy privateRevalidated() {
            return new CachePolicy("private, no-cache", List.of());
        }

        /** The same policy for an answer that also depends on these request fields (e.g. Authorization, Accept). */
        public CachePolicy varyingOn(String... fields) {
            return new CachePolicy(cacheControl, Stream.concat(vary.stream(), Stream.of(fields)).distinct().toList());
        }
    }

    /** The validators of a representation: its strong ETag (as stored, before any content coding) and its date. */
    public record Validators(EntityTag tag, Instant lastModified) {
        public static Validators of(EntityTag tag) {
            return new Validators(tag, null);
        }
    }

    /**
     * The request fields a conditional GET reads, taken from the request while it is at hand (an answer computed
     * later, on another thread, still answers that request).
     */
    public record Preconditions(String ifNoneMatch, String ifModifiedSince, String acceptEncoding) {
        public static Preconditions of(jakarta.ws.rs.core.HttpHeaders request) {
            return new Preconditions(request.getHeaderString(HttpHeaders.IF_NONE_MATCH.toString()),
                    request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE.toString()),
                    request.getHeaderString(HttpHeaders.ACCEPT_ENCODING.toString()));
        }
    }

    /**
     * A JAX-RS answer: 304 when the request's preconditions say the caller holds the representation, otherwise
     * {@code ok} (the 200 with its body), both with the validators and {@code policy}.
     */
    public Response answer(jakarta.ws.rs.core.HttpHeaders request, Validators validators, CachePolicy policy,
                           String mediaType, Supplier<Response.ResponseBuilder> ok) {
        return answer(Preconditions.of(request), validators, policy, mediaType, ok);
    }

    /** {@link #answer(jakarta.ws.rs.core.HttpHeaders, Validators, CachePolicy, String, Supplier)} on preconditions taken earlier. */
    public Response answer(Preconditions request, Validators validators, CachePolicy policy, String mediaType,
                           Supplier<Response.ResponseBuilder> ok) {
        if (notModified(request.ifNoneMatch(), request.ifModifiedSince(), request.acceptEncoding(), validators, mediaType)) {
            return decorate(Response.notModified(), validators, policy)
                    .header(ContentCodings.REPRESENTATION_TYPE, mediaType).build();
        }
        return decorate(ok.get(), validators, policy).type(mediaType).build();
    }

    /** A file answered as its bytes, tagged by them (e.g. a PDF or a CSV export). */
    public Response bytes(jakarta.ws.rs.core.HttpHeaders request, byte[] body, String mediaType, CachePolicy policy,
                          UnaryOperator<Response.ResponseBuilder> more) {
        return answer(request, Validators.of(ETags.ofBytes(body)), policy, mediaType, () -> more.apply(Response.ok(body)));
    }

    /** A read model answered as JSON, tagged by its bytes (the service's own mapper, so the bytes a client gets). */
    public Response json(jakarta.ws.rs.core.HttpHeaders request, Object value, CachePolicy policy) {
        try {
            return bytes(request, mapper.writeValueAsBytes(value), MediaType.APPLICATION_JSON, policy, UnaryOperator.identity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A read model does not serialize", e);
        }
    }

    /**
     * The header fields of one representation's answers, encoded once (names and values as
     * {@link HttpHeaders#createOptimized} sequences, which the HTTP encoder copies as bytes): an answer served again
     * and again from memory builds nothing per request. Made by {@link #prepare}, answered by
     * {@link #answeredNotModified(RoutingContext, Prepared)}.
     */
    public static final class Prepared {
        private final Validators validators;
        private final String mediaType;
        private final List<String> vary;
        private final CharSequence etag;
        private final CharSequence cacheControl;
        private final CharSequence lastModified;
        private final CharSequence contentType;

        private Prepared(Validators validators, CachePolicy policy, String mediaType) {
            this.validators = validators;
            this.mediaType = mediaType;
            this.vary = policy.vary();
            this.etag = HttpHeaders.createOptimized(header(validators.tag()));
            this.cacheControl = HttpHeaders.createOptimized(policy.cacheControl());
            this.lastModified = validators.lastModified() == null ? null
                    : HttpHeaders.createOptimized(httpDate(validators.lastModified()));
            this.contentType = HttpHeaders.createOptimized(mediaType);
        }

        public Validators validators() {
            return validators;
        }
    }

    /** The header fields of the answers of a representation, encoded once to be answered many times. */
    public static Prepared prepare(Validators validators, CachePolicy policy, String mediaType) {
        return new Prepared(validators, policy, mediaType);
    }

    /**
     * For a Vert.x route: puts the validators and {@code policy} on the answer and, when the caller holds the
     * representation, ends it with 304 and returns true; otherwise the route writes its 200 body.
     */
    public boolean answeredNotModified(RoutingContext ctx, Validators validators, CachePolicy policy, String mediaType) {
        return answeredNotModified(ctx, prepare(validators, policy, mediaType));
    }

    /** {@link #answeredNotModified(RoutingContext, Validators, CachePolicy, String)} with fields encoded beforehand. */
    public boolean answeredNotModified(RoutingContext ctx, Prepared answer) {
        MultiMap headers = ctx.response().headers();
        headers.set(HttpHeaders.ETAG, answer.etag);
        headers.set(HttpHeaders.CACHE_CONTROL, answer.cacheControl);
        for (String field : answer.vary) {
            ContentCodings.addVary(headers, field);
        }
        if (answer.lastModified != null) {
            headers.set(HttpHeaders.LAST_MODIFIED, answer.lastModified);
        }
        MultiMap request = ctx.request().headers();
        if (notModified(request.get(HttpHeaders.IF_NONE_MATCH), request.get(HttpHeaders.IF_MODIFIED_SINCE),
                request.get(HttpHeaders.ACCEPT_ENCODING), answer.validators, answer.mediaType)) {
            headers.set(ContentCodings.REPRESENTATION_TYPE_NAME, answer.contentType);
            ctx.response().setStatusCode(304).end();
            return true;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType);
        return false;
    }

    /**
     * RFC 9110 §13.2.2: with {@code If-None-Match}, 304 when one of its tags is the tag the answer would carry (weak
     * comparison); without it, {@code If-Modified-Since} when the date is known and not later than it.
     */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince, String acceptEncoding, Validators validators,
                               String mediaType) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            return ETags.noneMatchHits(ifNoneMatch, validators.tag().getValue(), codings.coding(acceptEncoding, mediaType));
        }
        if (ifModifiedSince == null || validators.lastModified() == null) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !validators.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Response.ResponseBuilder decorate(Response.ResponseBuilder builder, Validators validators,
                                                     CachePolicy policy) {
        builder.header(HttpHeaders.ETAG.toString(), header(validators.tag()))
                .header(HttpHeaders.CACHE_CONTROL.toString(), policy.cacheControl());
        if (!policy.vary().isEmpty()) {
            builder.header(HttpHeaders.VARY.toString(), String.join(", ", policy.vary()));
        }
        if (validators.lastModified() != null) {
            builder.header(HttpHeaders.LAST_MODIFIED.toString(), httpDate(validators.lastModified()));
        }
        return builder;
    }

    /** An entity tag as a header value. */
    public static String header(EntityTag tag) {
        return (tag.isWeak() ? "W/\"" : "\"") + tag.getValue() + "\"";
    }

    /**
     * An instant as an HTTP date (IMF-fixdate, second precision). The last date formatted is kept: the hot reads
     * answer the same {@code Last-Modified} request after request, and formatting it was a tenth of a 304's own work.
     */
    public static String httpDate(Instant instant) {
        long second = instant.getEpochSecond();
        FormattedDate last = lastDate;
        if (last != null && last.epochSecond() == second) {
            return last.text();
        }
        String text = IMF_FIXDATE.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
        lastDate = new FormattedDate(second, text);
        return text;
    }

    private record FormattedDate(long epochSecond, String text) {
    }
}
