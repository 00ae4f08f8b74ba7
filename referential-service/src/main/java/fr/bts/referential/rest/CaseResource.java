package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.PublicOrigin;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import fr.bts.referential.casepackage.CaseException;
import fr.bts.referential.casepackage.CaseQuery;
import fr.bts.referential.config.CaseConfig;
import fr.bts.referential.service.CaseService;
import fr.bts.referential.service.PublicReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * 1EdTech CASE 1.1 read API over the public versions of each certification: the current version under the
 * certification's UUID, every public version under an identifier of its own. Public, cacheable (strong ETag,
 * {@code Last-Modified} from the true lastChangeDateTime, conditional GET), errors as problem+json carrying CASE's
 * {@code imsx_StatusInfo} members. Operation ids are the binding's (getAllCFDocuments, getCFPackage…).
 */
@Path("/ims/case/v1p1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CASE 1.1", description = "1EdTech Competencies and Academic Standards Exchange, read API")
@SecurityRequirements
public class CaseResource {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    CaseService cases;

    @Inject
    PublicReads reads;

    @Inject
    PublicOrigin origin;

    @Inject
    CaseConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Inject
    ConditionalGet conditional;

    @GET
    @Path("CFDocuments")
    @Operation(operationId = "getAllCFDocuments", summary = "List the CASE documents: each certification's current version and every public version",
            description = "CASE 1.1 getAllCFDocuments. limit/offset page the list (X-Total-Count, Link first/prev/next/last); "
                    + "sort names a data field, orderBy is asc or desc; filter is <field><predicate>'<value>' with = != > >= < <= ~ "
                    + "(contains), joined by AND or by OR; fields keeps only the named fields.")
    @APIResponse(responseCode = "200", description = "One page of CFDocuments",
            headers = {@Header(name = "X-Total-Count", description = "How many documents the filter keeps", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Link", description = "first, prev, next, last pages (RFC 8288)", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFDocumentSet.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the ETag (or If-Modified-Since is not older than Last-Modified)")
    @APIResponse(responseCode = "400", description = "A limit, offset, sort, orderBy, filter or fields that cannot be applied "
            + "(imsx_codeMinor invalid_selection_field or invalid_sort_field)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response documents(
            @Parameter(description = "Largest number of documents (positive integer, default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "Index of the first document (zero-based, default 0)") @QueryParam("offset") String offset,
            @Parameter(description = "Data field to sort on, e.g. title or lastChangeDateTime") @QueryParam("sort") String sort,
            @Parameter(description = "asc (default) or desc") @QueryParam("orderBy") String orderBy,
            @Parameter(description = "e.g. title~'gestion' AND adoptionStatus='Implemented'") @QueryParam("filter") String filter,
            @Parameter(description = "Comma-separated fields to keep, e.g. identifier,title") @QueryParam("fields") String fields,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        CaseQuery query = CaseQuery.parse(limit, offset, sort, orderBy, filter, fields, config.defaultLimit(), config.maxLimit());
        List<ObjectNode> all = new ArrayList<>();
        reads.caseDocuments(base()).get("CFDocuments").forEach(d -> all.add((ObjectNode) d));
        List<ObjectNode> selected = query.select(all);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode page = body.putArray("CFDocuments");
        query.page(selected).forEach(page::add);
        Instant lastModified = latest(selected, null);
        String links = links(query, selected.size());
        return cacheable(body, lastModified, ok -> {
            ok.header("X-Total-Count", selected.size());
            return links.isEmpty() ? ok : ok.header("Link", links);
        });
    }

    @GET
    @Path("CFDocuments/{id}")
    @Operation(operationId = "getCFDocument", summary = "Get one CASE document: a certification's current version or one fixed version",
            description = "CASE 1.1 getCFDocument. The certification's id names its current published version; a version's own id (listed by getAllCFDocuments) names that version for good. Unknown id: 404 in the CASE error shape.")
    @APIResponse(responseCode = "200", description = "The CFDocument",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFDocument.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No public document has this identifier (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response document(@Parameter(description = "The certification's UUID (current version) or a version's own identifier")
                             @PathParam("id") String id,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.document(uuid(id), base());
        return cacheable(body, changed(body), UnaryOperator.identity());
    }

    @GET
    @Path("CFPackages/{id}")
    @Operation(operationId = "getCFPackage", summary = "Get a whole CASE framework: document, items, associations, item types and rubrics",
            description = "Hierarchy: isChildOf associations (child → parent) with sequenceNumber; the critères de performance of "
                    + "each competency are a CFRubric whose criteria point at the competency's CFItem.")
    @APIResponse(responseCode = "200", description = "The CFPackage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFPackage.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No public document has this identifier (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response cfPackage(@Parameter(description = "The certification's UUID (current version) or a version's own identifier")
                              @PathParam("id") String id,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                              @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.cfPackage(uuid(id), base());
        return cacheable(body, changed(body.get("CFDocument")), UnaryOperator.identity());
    }

    @GET
    @Path("CFItems/{id}")
    @Operation(operationId = "getCFItem", summary = "Get one CASE item (bloc, competency, domain, activity, task, unit or épreuve)",
            description = "CASE 1.1 getCFItem. Items keep one identifier across versions; the answer is the latest public version that holds the item, with its CFDocumentURI.")
    @APIResponse(responseCode = "200", description = "The CFItem with its CFDocumentURI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFItem.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No public version holds this item (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response item(@Parameter(description = "The element's UUID") @PathParam("id") String id,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.item(uuid(id), base());
        return cacheable(body, changed(body), UnaryOperator.identity());
    }

    @GET
    @Path("CFItemAssociations/{id}")
    @Operation(operationId = "getCFItemAssociations", summary = "Get a CASE item with every association it takes part in",
            description = "CASE 1.1 getCFItemAssociations: the item and every association in which it takes part.")
    @APIResponse(responseCode = "200", description = "The CFItem and its associations (CFAssociationSet)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFAssociationSet.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No public version holds this item (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response itemAssociations(@Parameter(description = "The element's UUID") @PathParam("id") String id,
                                     @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                     @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.itemAssociations(uuid(id), base());
        List<ObjectNode> associations = new ArrayList<>();
        body.get("CFAssociations").forEach(a -> associations.add((ObjectNode) a));
        return cacheable(body, latest(associations, changed(body.get("CFItem"))), UnaryOperator.identity());
    }

    @GET
    @Path("CFAssociations/{id}")
    @Operation(operationId = "getCFAssociation", summary = "Get one CASE association with the document it belongs to",
            description = "CASE 1.1 getCFAssociation, with the CFDocumentURI of the document the association belongs to.")
    @APIResponse(responseCode = "200", description = "The CFAssociation with its CFDocumentURI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFAssociation.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No public document has this association (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response association(@Parameter(description = "The association's UUID") @PathParam("id") String id,
                                @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.association(uuid(id), base());
        return cacheable(body, changed(body), UnaryOperator.identity());
    }

    @GET
    @Path("CFRubrics/{id}")
    @Operation(operationId = "getCFRubric", summary = "Get the critères de performance of one competency as a CASE rubric",
            description = "CASE 1.1 getCFRubric: the performance criteria of one competency, verbatim from the version document, each criterion pointing at the competency's CFItem. No weights or levels (the sources state none).")
    @APIResponse(responseCode = "200", description = "The CFRubric",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFRubric.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No public document has this rubric (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response rubric(@Parameter(description = "The rubric's UUID") @PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                           @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.rubric(uuid(id), base());
        return cacheable(body, changed(body), UnaryOperator.identity());
    }

    @GET
    @Path("CFItemTypes/{id}")
    @Operation(operationId = "getCFItemType", summary = "Get one CASE item type: one of the referential's element kinds",
            description = "CASE 1.1 getCFItemType, in the binding's CFItemTypes wrapper.")
    @APIResponse(responseCode = "200", description = "The CFItemTypeSet holding the type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFItemTypeSet.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    @APIResponse(responseCode = "404", description = "No item type has this identifier (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response itemType(@Parameter(description = "The item type's UUID") @PathParam("id") String id,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.itemType(uuid(id), base());
        return cacheable(body, changed(body.get("CFItemTypes").get(0)), UnaryOperator.identity());
    }

    /**
     * An RFC 9457 problem (as every error of the suite) that also carries CASE's {@code imsx_StatusInfo} members
     * as extension members, so that a CASE client finds {@code imsx_codeMajor}/{@code imsx_codeMinor} where the
     * CASE 1.1 REST binding puts them, and any other client the problem's {@code type} and {@code status}.
     */
    @ServerExceptionMapper
    public Response caseError(CaseException e) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("imsx_codeMinorFieldName", e.fieldName());
        field.put("imsx_codeMinorFieldValue", e.codeMinor());
        Problem problem = Problem.of(ProblemType.forStatus(e.status()), e.getMessage())
                .with("imsx_codeMajor", "failure")
                .with("imsx_severity", "error")
                .with("imsx_description", e.getMessage())
                .with("imsx_codeMinor", Map.of("imsx_codeMinorField", List.of(field)));
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * Every CASE answer through the suite's conditional GET: strong ETag of the bytes (per content coding),
     * {@code Cache-Control}, {@code Last-Modified} from the true lastChangeDateTime; 304 when {@code If-None-Match}
     * matches or, without it, when {@code If-Modified-Since} is not older (RFC 9110 §13.1.3, §13.2.2).
     */
    private Response cacheable(ObjectNode body, Instant lastModified, UnaryOperator<Response.ResponseBuilder> more) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return conditional.answer(headers, new ConditionalGet.Validators(ETags.ofBytes(bytes), lastModified),
                ConditionalGet.CachePolicy.publicFor(config.maxAge()), MediaType.APPLICATION_JSON,
                () -> more.apply(Response.ok(bytes)));
    }

    /** {@code first}, {@code prev}, {@code next}, {@code last} of a CFDocuments page, with the query's other parameters. */
    private String links(CaseQuery query, int total) {
        List<String> links = new ArrayList<>();
        int limit = query.limit();
        int offset = query.offset();
        if (offset > 0) {
            links.add(link(0, limit, "first"));
            links.add(link(Math.max(0, offset - limit), limit, "prev"));
        }
        if ((long) offset + limit < total) {
            links.add(link(offset + limit, limit, "next"));
        }
        int last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if (total > limit && last != offset) {
            links.add(link(last, limit, "last"));
        }
        return String.join(", ", links);
    }

    private String link(int offset, int limit, String rel) {
        StringBuilder query = new StringBuilder();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("offset")) {
                values.forEach(v -> query.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        query.append("limit=").append(limit).append("&offset=").append(offset);
        return "<" + base() + "/ims/case/v1p1/CFDocuments?" + query + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The latest lastChangeDateTime of {@code nodes}, or {@code start} when later (or none). */
    private static Instant latest(List<ObjectNode> nodes, Instant start) {
        Instant latest = start;
        for (JsonNode node : nodes) {
            Instant at = changed(node);
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return latest;
    }

    private static Instant changed(JsonNode node) {
        JsonNode at = node == null ? null : node.get("lastChangeDateTime");
        return at == null ? null : Instant.parse(at.asText());
    }

    /** The base of every absolute CASE URI (scheme, host, port): the one place it is computed. */
    private String base() {
        return origin.origin(uri);
    }

    private static UUID uuid(String id) {
        if (id == null || !id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new CaseException(400, "invalid_uuid", "The identifier must be a UUID: " + id);
        }
        return UUID.fromString(id);
    }
}
