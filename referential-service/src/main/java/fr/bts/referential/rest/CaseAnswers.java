package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.PublicOrigin;
import fr.bts.referential.casepackage.CaseException;
import fr.bts.referential.casepackage.CaseQuery;
import fr.bts.referential.config.CaseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * How {@link CaseResource} answers: conditional GET with the true lastChangeDateTime, the paging links of
 * {@code CFDocuments}, the absolute base of CASE URIs, identifiers checked as UUIDs (400 invalid_uuid).
 */
@ApplicationScoped
public class CaseAnswers {

    @Inject
    ConditionalGet conditional;

    @Inject
    CaseConfig config;

    @Inject
    PublicOrigin origin;

    /**
     * Every CASE answer through the suite's conditional GET: strong ETag of the bytes (per content coding),
     * {@code Cache-Control}, {@code Last-Modified} from the true lastChangeDateTime; 304 when {@code If-None-Match}
     * matches or, without it, when {@code If-Modified-Since} is not older (RFC 9110 §13.1.3, §13.2.2).
     */
    /** {@link #cacheable(HttpHeaders, ObjectNode, Instant, UnaryOperator)} with no header of its own. */
    Response cacheable(HttpHeaders headers, ObjectNode body, Instant lastModified) {
        return cacheable(headers, body, lastModified, UnaryOperator.identity());
    }

    Response cacheable(HttpHeaders headers, ObjectNode body, Instant lastModified, UnaryOperator<Response.ResponseBuilder> more) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return conditional.answer(headers, new ConditionalGet.Validators(ETags.ofBytes(bytes), lastModified),
                ConditionalGet.CachePolicy.publicFor(config.maxAge()), MediaType.APPLICATION_JSON,
                () -> more.apply(Response.ok(bytes)));
    }

    /** {@code first}, {@code prev}, {@code next}, {@code last} of a CFDocuments page, with the query's other parameters. */
    String links(UriInfo uri, CaseQuery query, int total) {
        List<String> links = new ArrayList<>();
        int limit = query.limit();
        int offset = query.offset();
        if (offset > 0) {
            links.add(link(uri, 0, limit, "first"));
            links.add(link(uri, Math.max(0, offset - limit), limit, "prev"));
        }
        if ((long) offset + limit < total) {
            links.add(link(uri, offset + limit, limit, "next"));
        }
        int last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if (total > limit && last != offset) {
            links.add(link(uri, last, limit, "last"));
        }
        return String.join(", ", links);
    }

    private String link(UriInfo uri, int offset, int limit, String rel) {
        StringBuilder query = new StringBuilder();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("offset")) {
                values.forEach(v -> query.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        query.append("limit=").append(limit).append("&offset=").append(offset);
        return "<" + base(uri) + "/ims/case/v1p1/CFDocuments?" + query + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The latest lastChangeDateTime of {@code nodes}, or {@code start} when later (or none). */
    static Instant latest(List<ObjectNode> nodes, Instant start) {
        Instant latest = start;
        for (JsonNode node : nodes) {
            Instant at = changed(node);
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return latest;
    }

    static Instant changed(JsonNode node) {
        JsonNode at = node == null ? null : node.get("lastChangeDateTime");
        return at == null ? null : Instant.parse(at.asText());
    }

    /** The base of every absolute CASE URI (scheme, host, port): the one place it is computed. */
    String base(UriInfo uri) {
        return origin.origin(uri);
    }

    static UUID uuid(String id) {
        if (id == null || !id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new CaseException(400, "invalid_uuid", "The identifier must be a UUID: " + id);
        }
        return UUID.fromString(id);
    }
}
