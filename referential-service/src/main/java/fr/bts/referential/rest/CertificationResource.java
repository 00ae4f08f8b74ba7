package fr.bts.referential.rest;

import fr.bts.commons.http.PageRequest;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.referential.api.Views;
import fr.bts.referential.service.ReferentialQueryService;
import fr.bts.referential.service.Visibility;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Public reads of certifications and their versions (published versions need no token; a {@code referential-admin}
 * also sees drafts). Thin: parse, call one service method, map the answer. The version life cycle is
 * {@link CertificationAdminResource}.
 */
@Path(CertificationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Certifications", description = "Certifications, versions, whole-tree documents, exports and administration")
public class CertificationResource extends PublicReadResource {

    static final String PATH = "/api/referential/v1/certifications";

    @Inject
    ReferentialQueryService queries;

    @GET
    @Operation(operationId = "listCertifications", summary = "List or search certifications", description = "Paginated; q searches code, RNCP number and title "
            + "(accent- and case-insensitive); level filters on the niveau (e.g. 5); status on the fiche's état (e.g. Active).")
    @APIResponse(responseCode = "200", description = "One page of certifications", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.CertificationPage.class),
            examples = @ExampleObject(name = "page", value = OpenApiExamples.CERTIFICATION_PAGE)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response list(@QueryParam("q") String q, @QueryParam("level") String level, @QueryParam("status") String status,
                         @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = pageRequest(page, size);
        Visibility visibility = visibility();
        return responses.page(headers, uri, reads.certifications(q, level, status, request, visibility), visibility);
    }

    @GET
    @Path("{code}")
    @Operation(operationId = "getCertification", summary = "One certification and its versions", description = "{code} is the code (BTS-GPME) or the RNCP number (RNCP38363). Drafts are listed to referential-admin only.")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "The certification and its versions", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.CertificationDetail.class)))
    public Response certification(@PathParam("code") String code) {
        Visibility visibility = visibility();
        return responses.json(headers, reads.certification(code, visibility), visibility);
    }

    @GET
    @Path("{code}/current")
    @Operation(operationId = "getCurrentVersion", summary = "Latest published version, whole tree", description = "Same document as versions/{n}; short max-age since it moves on publication.")
    @APIResponse(responseCode = "200", description = "The version document", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.document.VersionDocument.class),
            examples = @ExampleObject(name = "document", value = OpenApiExamples.VERSION_DOCUMENT)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<Response> current(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return version(code, ReferentialQueryService.CURRENT, ifNoneMatch);
    }

    @GET
    @Path("{code}/versions/{version}")
    @Operation(operationId = "getVersion", summary = "A version, whole tree in one JSON document", description = "{version} is a number or 'current'. "
            + "Published versions: Cache-Control public, max-age=600 (deprecated ones: max-age=31536000, immutable); "
            + "strong ETag = hash of the canonical JSON (per content coding), Last-Modified = publication or deprecation. "
            + "Drafts only for referential-admin.")
    @APIResponse(responseCode = "200", description = "The version document (docs/contracts.md)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.document.VersionDocument.class),
            examples = @ExampleObject(name = "document", value = OpenApiExamples.VERSION_DOCUMENT)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched")
    @APIResponse(responseCode = "404", description = "No such certification or version (or a draft, to anyone but an admin)")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Uni<Response> version(@PathParam("code") String code, @PathParam("version") String version,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return responses.version(headers, code, version);
    }

    @GET
    @Path("{code}/versions/{version}/items/{element}")
    @Operation(operationId = "getVersionElement", summary = "An element of a version by its human code", description = "e.g. T.1.1.1, RNCP38363BC01, U4, E4; ?kind= when a code is shared.")
    @APIResponse(responseCode = "200", description = "The element", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Item.class),
            examples = @ExampleObject(name = "item", value = OpenApiExamples.ITEM)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Views.Item itemByCode(@PathParam("code") String code, @PathParam("version") String version,
                                 @PathParam("element") String element, @QueryParam("kind") String kind) {
        return queries.itemByCode(code, version, element, kind, visibility());
    }

    @GET
    @Path("{code}/versions/{version}/items/{element}/children")
    @Operation(operationId = "listElementChildren", summary = "Elements below a bloc or a domain", description = "Children (competencies of a bloc, activities of a domain); "
            + "with ?kind= every descendant of that kind (e.g. kind=tache on a domain).")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "The child elements", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Item.class, type = SchemaType.ARRAY)))
    public List<Views.Item> children(@PathParam("code") String code, @PathParam("version") String version,
                                     @PathParam("element") String element, @QueryParam("kind") String kind) {
        return queries.children(code, version, element, kind, visibility());
    }

    @GET
    @Path("{code}/versions/{version}/completeness")
    @Operation(operationId = "getCompleteness", summary = "Facts the version leaves null, its conflicts and the provenance of its rule values", description = "What the sources do not give (e.g. GPME coefficients other than E4; an admin may supply them in a new version), the conflicts between sources it records (their fields stay null), and where every rule value comes from (seed quote, cited legal text, or default).")
    @APIResponse(responseCode = "200", description = "The missing facts", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Completeness.class),
            examples = @ExampleObject(name = "completeness", value = OpenApiExamples.COMPLETENESS)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Views.Completeness completeness(@PathParam("code") String code, @PathParam("version") String version) {
        return queries.completeness(code, version, visibility());
    }

    @GET
    @Path("{code}/versions/{version}/diff/{other}")
    @Operation(operationId = "diffVersions", summary = "Differences between two versions", description = "Added, removed and changed elements by UUID, field by field.")
    @APIResponse(responseCode = "200", description = "The differences", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Diff.class),
            examples = @ExampleObject(name = "diff", value = OpenApiExamples.DIFF)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Views.Diff diff(@PathParam("code") String code, @PathParam("version") String version,
                           @PathParam("other") String other) {
        return queries.diff(code, version, other, visibility());
    }

    @GET
    @Path("{code}/versions/{version}/exports/moodle.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportMoodleCsv", summary = "Moodle competency framework CSV", description = "The 14 columns of tool_lpimportcsv, in its order: the framework row, the blocs, their competencies.")
    @APIResponse(responseCode = "200", description = "The Moodle CSV (tool_lpimportcsv columns)", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response moodle(@PathParam("code") String code, @PathParam("version") String version) {
        return responses.moodle(headers, queries.moodle(code, version, visibility()));
    }

    @GET
    @Path("{code}/versions/{version}/exports/native.json")
    @Operation(operationId = "exportNativeJson", summary = "Native JSON export", description = "The version document, as a download.")
    @APIResponse(responseCode = "200", description = "The version document as a download", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.document.VersionDocument.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<Response> nativeExport(@PathParam("code") String code, @PathParam("version") String version,
                                      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return version(code, version, ifNoneMatch).map(r -> r.getStatus() != 200 ? r : Response.fromResponse(r)
                .header("Content-Disposition", "attachment; filename=\"" + code + "-" + version + ".json\"").build());
    }
}
