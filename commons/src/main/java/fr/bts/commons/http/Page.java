package fr.bts.commons.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a collection with its total count, answered with RFC 8288 {@code Link} headers
 * (first, prev, next, last) and {@code X-Total-Count}.
 */
@JsonPropertyOrder({"page", "size", "totalItems", "totalPages", "items"})
public record Page<T>(int page, int size, long totalItems, int totalPages, List<T> items) {

    public static <T> Page<T> of(PageRequest request, long totalItems, List<T> items) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(request.page(), request.size(), totalItems, totalPages, List.copyOf(items));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(page, size, totalItems, totalPages, items.stream().map(mapper).toList());
    }

    /** A 200 answer with this page as body, the navigation links and the total count. */
    public Response toResponse(UriInfo uri) {
        Response.ResponseBuilder builder = Response.ok(this).header("X-Total-Count", totalItems);
        List<Link> links = new ArrayList<>();
        links.add(link(uri, 0, "first"));
        if (page > 0) {
            links.add(link(uri, Math.min(page - 1, Math.max(totalPages - 1, 0)), "prev"));
        }
        if (page + 1 < totalPages) {
            links.add(link(uri, page + 1, "next"));
        }
        links.add(link(uri, Math.max(totalPages - 1, 0), "last"));
        return builder.links(links.toArray(Link[]::new)).build();
    }

    private Link link(UriInfo uri, int target, String rel) {
        return Link.fromUri(uri.getRequestUriBuilder()
                .replaceQueryParam("page", target)
                .replaceQueryParam("size", size)
                .build()).rel(rel).build();
    }
}
