package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 1EdTech CASE 1.1 read API over the public versions of each certification: the current version under the
 * certification's UUID, every public version under an identifier of its own. Public, cacheable (strong ETag,
 * {@code Last-Modified} from the true lastChangeDateTime, conditional GET), errors as problem+json carrying CASE's
 * {@code imsx_StatusInfo} members. Operation ids are the binding's (getAllCFDocuments, getCFPackage…). The answers
 * the reads by identifier share (304, 400 invalid_uuid) are declared once, on the class; getAllCFDocuments declares
 * its own (a method's answer replaces the class's of the same status).
 */
@Path("/ims/case/v1p1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CASE 1.1", description = "1EdTech Competencies and Academic Standards Exchange, read API")
@SecurityRequirements
@APIResponse(responseCode = "304", description = "Not modified")
@APIResponse(responseCode = "400", description = "The identifier is not a UUID (invalid_uuid)",
        content = @Content(mediaType = CaseResource.PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
public class CaseResource {

    static final String PROBLEM = "application/problem+json";

    @Inject
    CaseService cases;

    @Inject
    PublicReads reads;

    @Inject
    CaseAnswers answers;

    @Inject
    CaseConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

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
        reads.caseDocuments(answers.base(uri)).get("CFDocuments").forEach(d -> all.add((ObjectNode) d));
        List<ObjectNode> selected = query.select(all);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode page = body.putArray("CFDocuments");
        query.page(selected).forEach(page::add);
        Instant lastModified = CaseAnswers.latest(selected, null);
        String links = answers.links(uri, query, selected.size());
        return answers.cacheable(headers, body, lastModified, ok -> {
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
    @APIResponse(responseCode = "404", description = "No public document has this identifier (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response document(@Parameter(description = "The certification's UUID (current version) or a version's own identifier")
                             @PathParam("id") String id,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.document(CaseAnswers.uuid(id), answers.base(uri));
        return answers.cacheable(headers, body, CaseAnswers.changed(body));
    }

    @GET
    @Path("CFPackages/{id}")
    @Operation(operationId = "getCFPackage", summary = "Get a whole CASE framework: document, items, associations, item types and rubrics",
            description = "Hierarchy: isChildOf associations (child → parent) with sequenceNumber; the critères de performance of "
                    + "each competency are a CFRubric whose criteria point at the competency's CFItem.")
    @APIResponse(responseCode = "200", description = "The CFPackage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFPackage.class)))
    @APIResponse(responseCode = "404", description = "No public document has this identifier (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response cfPackage(@Parameter(description = "The certification's UUID (current version) or a version's own identifier")
                              @PathParam("id") String id,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                              @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.cfPackage(CaseAnswers.uuid(id), answers.base(uri));
        return answers.cacheable(headers, body, CaseAnswers.changed(body.get("CFDocument")));
    }

    @GET
    @Path("CFItems/{id}")
    @Operation(operationId = "getCFItem", summary = "Get one CASE item (bloc, competency, domain, activity, task, unit or épreuve)",
            description = "CASE 1.1 getCFItem. Items keep one identifier across versions; the answer is the latest public version that holds the item, with its CFDocumentURI.")
    @APIResponse(responseCode = "200", description = "The CFItem with its CFDocumentURI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFItem.class)))
    @APIResponse(responseCode = "404", description = "No public version holds this item (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response item(@Parameter(description = "The element's UUID") @PathParam("id") String id,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.item(CaseAnswers.uuid(id), answers.base(uri));
        return answers.cacheable(headers, body, CaseAnswers.changed(body));
    }

    @GET
    @Path("CFItemAssociations/{id}")
    @Operation(operationId = "getCFItemAssociations", summary = "Get a CASE item with every association it takes part in",
            description = "CASE 1.1 getCFItemAssociations: the item and every association in which it takes part.")
    @APIResponse(responseCode = "200", description = "The CFItem and its associations (CFAssociationSet)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFAssociationSet.class)))
    @APIResponse(responseCode = "404", description = "No public version holds this item (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response itemAssociations(@Parameter(description = "The element's UUID") @PathParam("id") String id,
                                     @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                     @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.itemAssociations(CaseAnswers.uuid(id), answers.base(uri));
        List<ObjectNode> associations = new ArrayList<>();
        body.get("CFAssociations").forEach(a -> associations.add((ObjectNode) a));
        return answers.cacheable(headers, body, CaseAnswers.latest(associations, CaseAnswers.changed(body.get("CFItem"))));
    }

    @GET
    @Path("CFAssociations/{id}")
    @Operation(operationId = "getCFAssociation", summary = "Get one CASE association with the document it belongs to",
            description = "CASE 1.1 getCFAssociation, with the CFDocumentURI of the document the association belongs to.")
    @APIResponse(responseCode = "200", description = "The CFAssociation with its CFDocumentURI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFAssociation.class)))
    @APIResponse(responseCode = "404", description = "No public document has this association (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response association(@Parameter(description = "The association's UUID") @PathParam("id") String id,
                                @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.association(CaseAnswers.uuid(id), answers.base(uri));
        return answers.cacheable(headers, body, CaseAnswers.changed(body));
    }

    @GET
    @Path("CFRubrics/{id}")
    @Operation(operationId = "getCFRubric", summary = "Get the critères de performance of one competency as a CASE rubric",
            description = "CASE 1.1 getCFRubric: the performance criteria of one competency, verbatim from the version document, each criterion pointing at the competency's CFItem. No weights or levels (the sources state none).")
    @APIResponse(responseCode = "200", description = "The CFRubric",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFRubric.class)))
    @APIResponse(responseCode = "404", description = "No public document has this rubric (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response rubric(@Parameter(description = "The rubric's UUID") @PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                           @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.rubric(CaseAnswers.uuid(id), answers.base(uri));
        return answers.cacheable(headers, body, CaseAnswers.changed(body));
    }

    @GET
    @Path("CFItemTypes/{id}")
    @Operation(operationId = "getCFItemType", summary = "Get one CASE item type: one of the referential's element kinds",
            description = "CASE 1.1 getCFItemType, in the binding's CFItemTypes wrapper.")
    @APIResponse(responseCode = "200", description = "The CFItemTypeSet holding the type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseSchemas.CFItemTypeSet.class)))
    @APIResponse(responseCode = "404", description = "No item type has this identifier (unknownobject)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = CaseSchemas.CaseProblem.class)))
    public Response itemType(@Parameter(description = "The item type's UUID") @PathParam("id") String id,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                             @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        ObjectNode body = cases.itemType(CaseAnswers.uuid(id), answers.base(uri));
        return answers.cacheable(headers, body, CaseAnswers.changed(body.get("CFItemTypes").get(0)));
    }
}
