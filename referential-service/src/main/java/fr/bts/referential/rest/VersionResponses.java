package fr.bts.referential.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.ConditionalGet.CachePolicy;
import fr.bts.commons.http.ConditionalGet.Validators;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.Page;
import fr.bts.referential.api.Views;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.model.VersionStatus;
import fr.bts.referential.service.PublicReads;
import fr.bts.referential.service.ReferentialQueryService;
import fr.bts.referential.service.Representation;
import fr.bts.referential.service.Visibility;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * HTTP answers of the referential's reads, with their caching (RFC 9111) through the commons conditional GET:
 * <ul>
 *   <li>a version document: its canonical bytes, strong ETag, {@code Last-Modified} (publication or deprecation);
 *       deprecated versions {@code immutable} for a year (they never change again), published ones
 *       {@code referential.http.version-max-age} (their document says DEPRECATED once they are), {@code current}
 *       {@code referential.http.current-max-age}; drafts {@code private, no-cache};</li>
 *   <li>lists, summaries, items and search: {@code referential.http.current-max-age}, {@code Vary: Authorization}
 *       where a referential-admin sees more (drafts), and {@code private, no-cache} for that admin's answers;</li>
 *   <li>the Moodle CSV: as its version, with the ETag of the CSV's own bytes.</li>
 * </ul>
 * {@link PublicVersionRoute} answers the same for version documents already in memory.
 */
@ApplicationScoped
public class VersionResponses {

    static final String JSON = MediaType.APPLICATION_JSON;
    static final String CSV = "text/csv; charset=UTF-8";

    @Inject
    ConditionalGet conditional;

    @Inject
    ReferentialConfig config;

    @Inject
    ReferentialQueryService queries;

    @Inject
    CurrentIdentityAssociation identity;

    /** What caches may do with a version document. */
    CachePolicy policy(Representation representation, boolean current) {
        return policy(representation.status(), current);
    }

    /** Deprecated versions never change again; published ones do once; drafts are their admin's only. */
    CachePolicy policy(VersionStatus status, boolean current) {
        if (!status.isPublic()) {
            return CachePolicy.privateRevalidated();
        }
        if (current) {
            return CachePolicy.publicFor(config.http().currentMaxAge());
        }
        return status == VersionStatus.DEPRECATED ? CachePolicy.immutable()
                : CachePolicy.publicFor(config.http().versionMaxAge());
    }

    /**
     * A version document as {@link PublicVersionRoute} answers it again and again from memory: every header field
     * encoded once ({@link ConditionalGet.Prepared}, {@code Content-Location} of {@code current}, {@code Deprecation})
     * and its bytes, so that an answer builds no header value per request.
     */
    record FastAnswer(ConditionalGet.Prepared head, CharSequence contentLocation, boolean deprecated, Buffer body) {
    }

    /** The {@link FastAnswer} of a version document, as {@code current} or by number. */
    FastAnswer fastAnswer(Representation representation, boolean current) {
        return new FastAnswer(ConditionalGet.prepare(validators(representation), policy(representation, current), JSON),
                current ? io.vertx.core.http.HttpHeaders.createOptimized("versions/" + representation.number()) : null,
                representation.status() == VersionStatus.DEPRECATED, representation.buffer());
    }

    static Validators validators(Representation representation) {
        return new Validators(representation.etag(), lastModified(representation.status(), representation.lastModified()));
    }

    /** Public versions change at publication and deprecation only; a draft's date says too little to validate with. */
    private static java.time.Instant lastModified(VersionStatus status, java.time.Instant lastChange) {
        return status.isPublic() ? lastChange : null;
    }

    /** A version document ({@code current} or a number) read from the database, which also remembers it. */
    Uni<Response> version(HttpHeaders request, String code, String version) {
        boolean current = ReferentialQueryService.CURRENT.equalsIgnoreCase(version);
        ConditionalGet.Preconditions preconditions = ConditionalGet.Preconditions.of(request);
        return identity.getDeferredIdentity()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(who -> document(preconditions, queries.representation(code, version, Visibility.of(who)),
                        current));
    }

    Response document(ConditionalGet.Preconditions request, Representation representation, boolean current) {
        return conditional.answer(request, validators(representation), policy(representation, current), JSON, () -> {
            Response.ResponseBuilder ok = Response.ok(representation.buffer());
            if (current) {
                ok.header(HttpHeaders.CONTENT_LOCATION, "versions/" + representation.number());
            }
            if (representation.status() == VersionStatus.DEPRECATED) {
                ok.header("Deprecation", "true");
            }
            return ok;
        });
    }

    /** The Moodle CSV of a version: cached as its version is, tagged by its own bytes. */
    Response moodle(HttpHeaders request, Views.Export csv) {
        EntityTag tag = ETags.ofBytes(csv.body());
        return conditional.answer(request, new Validators(tag, lastModified(csv.status(), csv.lastChange())),
                policy(csv.status(), false), CSV, () -> Response.ok(csv.body()).header("Content-Disposition",
                        "attachment; filename=\"" + csv.certification() + "-v" + csv.version() + "-moodle.csv\""));
    }

    /** A remembered (or admin) read model: public for everyone but a referential-admin, whose answer is private. */
    Response json(HttpHeaders request, PublicReads.Answer answer, Visibility visibility) {
        return conditional.answer(request, Validators.of(answer.tag()), listPolicy(visibility), JSON, () -> Response.ok(answer.body()));
    }

    /** A page of a remembered (or admin) list, with its navigation links. */
    Response page(HttpHeaders request, UriInfo uri, PublicReads.Answer answer, Visibility visibility) {
        Response links = ((Page<?>) answer.value()).toResponse(uri);
        return conditional.answer(request, Validators.of(answer.tag()), listPolicy(visibility), JSON,
                () -> Response.fromResponse(links).entity(answer.body()));
    }

    /** Lists, summaries, items and search: what caches may do with them, for this caller. */
    CachePolicy listPolicy(Visibility visibility) {
        return (visibility.seesDrafts() ? CachePolicy.privateRevalidated() : CachePolicy.publicFor(config.http().currentMaxAge()))
                .varyingOn(HttpHeaders.AUTHORIZATION);
    }
}
