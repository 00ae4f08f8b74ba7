package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ETags;
import fr.bts.commons.http.PublicOrigin;
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

    @Inject
    PublicOrigin origin;

    @Context
    UriInfo uri;

    @GET
    @Path("CFDocuments")
    @Operation(summary = "Every CFDocument (one per certification, its current published version)")
    public Response documents(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(reads.caseDocuments(base()), ifNoneMatch);
    }

    @GET
    @Path("CFDocuments/{id}")
    @Operation(summary = "One CFDocument; its identifier is the certification's UUID")
    public Response document(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.document(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFPackages/{id}")
    @Operation(summary = "The whole framework of a CFDocument: items, isChildOf associations with sequenceNumber, item types")
    public Response cfPackage(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.cfPackage(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFItems/{id}")
    @Operation(summary = "One CFItem (bloc, competency, domain, activity, task, unit or épreuve) by its UUID")
    public Response item(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.item(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFItemAssociations/{id}")
    @Operation(summary = "A CFItem with every association it takes part in")
    public Response itemAssociations(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.itemAssociations(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFAssociations/{id}")
    @Operation(summary = "One CFAssociation by its UUID")
    public Response association(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(cases.association(uuid(id), base()), ifNoneMatch);
    }

    @GET
    @Path("CFItemTypes/{id}")
    @Operation(summary = "One CFItemType: our element kinds")
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
        return origin.origin(uri);
    }

    private static UUID uuid(String id) {
        if (id == null || !id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new CaseException(400, "invalid_uuid", "The identifier must be a UUID: " + id);
        }
        return UUID.fromString(id);
    }
}
