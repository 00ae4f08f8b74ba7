package fr.bts.referential.rest;

import fr.bts.commons.http.PageRequest;
import fr.bts.commons.security.Caller;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.service.PublicReads;
import fr.bts.referential.service.Visibility;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

/**
 * What the public read resources ({@link CertificationResource}, {@link ItemResource}) share: the remembered answers,
 * their HTTP form, the caller's {@link Visibility} and the page a request asks for.
 */
abstract class PublicReadResource {

    @Inject
    PublicReads reads;

    @Inject
    Caller caller;

    @Inject
    ReferentialConfig config;

    @Inject
    VersionResponses responses;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /** Which versions the caller of this request sees. */
    Visibility visibility() {
        return Visibility.of(caller);
    }

    /** The page {@code page} and {@code size} ask for, capped at {@code referential.http.max-page-size}. */
    PageRequest pageRequest(String page, String size) {
        return PageRequest.of(page, size, config.http().maxPageSize());
    }
}
