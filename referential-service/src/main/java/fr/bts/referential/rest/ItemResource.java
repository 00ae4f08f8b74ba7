package fr.bts.referential.rest;

import fr.bts.commons.http.PageRequest;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.problem.ProblemException;
import fr.bts.referential.api.Views;
import fr.bts.referential.service.SearchService;
import fr.bts.referential.service.Visibility;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Elements by UUID and full-text search across competencies, activities and tasks of the published referential. */
@Path("/api/referential/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Items", description = "Any element by its UUID; search")
public class ItemResource extends PublicReadResource {

    @Inject
    SearchService search;

    @GET
    @Path("items/{id}")
    @Operation(operationId = "getItem", summary = "Any element by its UUID", description = "From the latest public version holding it. UUIDs are UUIDv5 of certification/kind/code and never change.")
    @APIResponse(responseCode = "200", description = "The element", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Item.class),
            examples = @ExampleObject(name = "item", value = OpenApiExamples.ITEM)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response item(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", "must be a UUID").withStatus400();
        }
        Visibility visibility = visibility();
        return responses.json(headers, reads.item(uuid, visibility), visibility);
    }

    @GET
    @Path("search")
    @Operation(operationId = "searchItems", summary = "Search competencies, activities and tasks", description = "French text, accent- and case-insensitive "
            + "(q=reclamations finds « réclamations »); every word must appear; ranked (exact code, label prefix, whole word, position); "
            + "paginated. Filters: certification (code or RNCP), kind (competence, activite, tache).")
    @APIResponse(responseCode = "200", description = "One page of hits", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.SearchPage.class),
            examples = @ExampleObject(name = "hits", value = OpenApiExamples.SEARCH)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response search(@QueryParam("q") String q, @QueryParam("certification") String certification,
                           @QueryParam("kind") String kind, @QueryParam("page") String page, @QueryParam("size") String size) {
        if (q == null || q.isBlank()) {
            throw ProblemException.invalid("q", "is required").withStatus400();
        }
        if (q.length() > 200) {
            throw ProblemException.invalid("q", "must be at most 200 characters").withStatus400();
        }
        PageRequest request = pageRequest(page, size);
        return responses.page(headers, uri, reads.answer(search.search(q, certification, kind, request)), Visibility.PUBLIC);
    }
}
