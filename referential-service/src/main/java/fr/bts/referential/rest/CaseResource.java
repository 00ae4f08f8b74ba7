package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ETags;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import fr.bts.referential.casepackage.CaseException;
import fr.bts.referential.service.CaseService;
import fr.bts.referential.service.PublicReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * 1EdTech CASE 1.1 read API over the current published version of each certification. Public, cacheable
 * (strong ETag, short max-age), errors as problem+json carrying CASE's {@code imsx_StatusInfo} members.
 */
@Path("/ims/case/v1p1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CASE 1.1", description = "1EdTech Competencies and Academic Standards Exchange, read API")
public class CaseResource {

    @Inject
    CaseService cases;

    @Inject
    PublicReads reads;

    @Context
    UriInfo uri;

    @GET
    @Path("CFDocuments")
    @Operation(operationId = "getAllCFDocuments", summary = "Every CFDocument (one per certification, its current published version)")
    @APIResponse(responseCode = "200", description = "The CFDocuments", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFDocuments (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    public Response documents(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(reads.caseDocuments(base()), ifNoneMatch);
    }

    @GET
    @Path("CFDocuments/{id}")
    @Operation(operationId = "getCFDocument", summary = "One CFDocument; its identifier is the certification's UUID")
    @APIResponse(responseCode = "200", description = "The CFDocument", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFDocument (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response document(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.document(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFPackages/{id}")
    @Operation(operationId = "getCFPackage", summary = "The whole framework of a CFDocument: items, isChildOf associations with sequenceNumber, item types")
    @APIResponse(responseCode = "200", description = "The CFPackage", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFPackage (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response cfPackage(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.cfPackage(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFItems/{id}")
    @Operation(operationId = "getCFItem", summary = "One CFItem (bloc, competency, domain, activity, task, unit or épreuve) by its UUID")
    @APIResponse(responseCode = "200", description = "The CFItem", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFItem (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response item(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.item(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFItemAssociations/{id}")
    @Operation(operationId = "getCFItemAssociations", summary = "A CFItem with every association it takes part in")
    @APIResponse(responseCode = "200", description = "The CFItem and its CFAssociations", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFItem and its CFAssociations (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response itemAssociations(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.itemAssociations(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFAssociations/{id}")
    @Operation(operationId = "getCFAssociation", summary = "One CFAssociation by its UUID")
    @APIResponse(responseCode = "200", description = "The CFAssociation", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFAssociation (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response association(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.association(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFItemTypes/{id}")
    @Operation(operationId = "getCFItemType", summary = "One CFItemType: our element kinds")
    @APIResponse(responseCode = "200", description = "The CFItemType", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The CFItemType (1EdTech CASE 1.1 JSON binding)")))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response itemType(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.itemType(uuid(id), base()), ifNoneMatch);
    }

    /**
     * An RFC 9457 problem (as every error of the suite) that also carries CASE's {@code imsx_StatusInfo} members
     * as extension members, so that a CASE client finds {@code imsx_codeMajor}/{@code imsx_codeMinor} where the
     * CASE 1.1 REST binding puts them, and any other client the problem's {@code type} and {@code status}.
     */
    @ServerExceptionMapper
    public Response caseError(CaseException e) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("imsx_codeMinorFieldName", "sourcedId");
        field.put("imsx_codeMinorFieldValue", e.codeMinor());
        Problem problem = Problem.of(ProblemType.forStatus(e.status()), e.getMessage())
                .with("imsx_codeMajor", "failure")
                .with("imsx_severity", "error")
                .with("imsx_description", e.getMessage())
                .with("imsx_codeMinor", Map.of("imsx_codeMinorField", List.of(field)));
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private Response answer(ObjectNode body, String ifNoneMatch) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        EntityTag etag = ETags.ofBytes(bytes);
        String cache = "public, max-age=300";
        if (ETags.noneMatchHits(ifNoneMatch, etag)) {
            return Response.notModified(etag).header(HttpHeaders.CACHE_CONTROL, cache).build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).tag(etag).header(HttpHeaders.CACHE_CONTROL, cache).build();
    }

    private String base() {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static UUID uuid(String id) {
        if (id == null || !id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new CaseException(400, "invalid_uuid", "The identifier must be a UUID: " + id);
        }
        return UUID.fromString(id);
    }
}
