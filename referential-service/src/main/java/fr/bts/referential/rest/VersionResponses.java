package fr.bts.referential.rest;

import fr.bts.commons.http.ETags;
import fr.bts.referential.model.VersionStatus;
import fr.bts.referential.service.Representation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;

/**
 * HTTP answers for a version document: its canonical bytes as they are, the strong ETag, 304 when
 * {@code If-None-Match} matches, and the caching policy of ARCHITECTURE.md (published and deprecated
 * versions are immutable for a year; {@code current} briefly; drafts never cached by shared caches).
 */
final class VersionResponses {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String PRIVATE = "private, no-cache";

    private VersionResponses() {
    }

    static Response of(Representation representation, String ifNoneMatch, boolean current, Duration currentMaxAge) {
        String cacheControl = !representation.status().isPublic() ? PRIVATE
                : current ? "public, max-age=" + currentMaxAge.toSeconds()
                : IMMUTABLE;
        String etag = "\"" + representation.etag().getValue() + "\"";
        if (ETags.noneMatchHits(ifNoneMatch, representation.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        Response.ResponseBuilder ok = Response.ok(representation.buffer(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (current) {
            ok.header("Content-Location", "versions/" + representation.number());
        }
        if (representation.status() == VersionStatus.DEPRECATED) {
            ok.header("Deprecation", "true");
        }
        return ok.build();
    }
}
