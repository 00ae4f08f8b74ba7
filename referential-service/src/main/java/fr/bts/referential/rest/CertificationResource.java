package fr.bts.referential.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.referential.config.ReferentialConfig;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.rncp.RncpImportService;
import fr.bts.referential.service.PublicReads;
import fr.bts.referential.service.ReferentialQueryService;
import fr.bts.referential.service.VersionAdminService;
import fr.bts.referential.service.Views;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Certifications and their versions: public reads (published versions need no token) and the version life
 * cycle for {@code referential-admin}. Thin: parse, authorize, call one service method, map the answer.
 */
@Path("/api/referential/v1/certifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Certifications", description = "Certifications, versions, whole-tree documents, exports and administration")
public class CertificationResource {

    @Inject
    ReferentialQueryService queries;

    @Inject
    PublicReads reads;

    @Inject
    VersionAdminService admin;

    @Inject
    RncpImportService rncpImport;

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

    @GET
    @Operation(summary = "List or search certifications", description = "Paginated; q searches code, RNCP number and title "
            + "(accent- and case-insensitive); level filters on the niveau (e.g. 5); status on the fiche's état (e.g. Active).")
    @APIResponse(responseCode = "200", description = "One page of certifications", content = @Content(
            examples = @ExampleObject(name = "page", value = OpenApiExamples.CERTIFICATION_PAGE)))
    public Response list(@QueryParam("q") String q, @QueryParam("level") String level, @QueryParam("status") String status,
                         @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size, config.http().maxPageSize());
        boolean admin = isAdmin();
        return responses.page(headers, uri, reads.certifications(q, level, status, request, admin), admin);
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One certification and its versions", description = "{code} is the code (BTS-GPME) or the RNCP number (RNCP38363). Drafts are listed to referential-admin only.")
    @APIResponse(responseCode = "200", description = "The certification and its versions",
            content = @Content(schema = @Schema(implementation = Views.CertificationDetail.class)))
    public Response certification(@PathParam("code") String code) {
        boolean admin = isAdmin();
        return responses.json(headers, reads.certification(code, admin), admin);
    }

    @GET
    @Path("{code}/current")
    @Operation(summary = "Latest published version, whole tree", description = "Same document as versions/{n}; short max-age since it moves on publication.")
    @APIResponse(responseCode = "200", description = "The version document", content = @Content(
            examples = @ExampleObject(name = "document", value = OpenApiExamples.VERSION_DOCUMENT)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    public Uni<Response> current(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return version(code, ReferentialQueryService.CURRENT, ifNoneMatch);
    }

    @GET
    @Path("{code}/versions/{version}")
    @Operation(summary = "A version, whole tree in one JSON document", description = "{version} is a number or 'current'. "
            + "Published versions: Cache-Control public, max-age=600 (deprecated ones: max-age=31536000, immutable); "
            + "strong ETag = hash of the canonical JSON (per content coding), Last-Modified = publication or deprecation. "
            + "Drafts only for referential-admin.")
    @APIResponse(responseCode = "200", description = "The version document (docs/contracts.md)", content = @Content(
            examples = @ExampleObject(name = "document", value = OpenApiExamples.VERSION_DOCUMENT)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched")
    @APIResponse(responseCode = "404", description = "No such certification or version (or a draft, to anyone but an admin)")
    public Uni<Response> version(@PathParam("code") String code, @PathParam("version") String version,
                                 @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return responses.version(headers, code, version);
    }

    @GET
    @Path("{code}/versions/{version}/items/{element}")
    @Operation(summary = "An element of a version by its human code", description = "e.g. T.1.1.1, RNCP38363BC01, U4, E4; ?kind= when a code is shared.")
    @APIResponse(responseCode = "200", description = "The element", content = @Content(
            examples = @ExampleObject(name = "item", value = OpenApiExamples.ITEM)))
    public Views.Item itemByCode(@PathParam("code") String code, @PathParam("version") String version,
                                 @PathParam("element") String element, @QueryParam("kind") String kind) {
        return queries.itemByCode(code, version, element, kind, isAdmin());
    }

    @GET
    @Path("{code}/versions/{version}/items/{element}/children")
    @Operation(summary = "Elements below a bloc or a domain", description = "Children (competencies of a bloc, activities of a domain); "
            + "with ?kind= every descendant of that kind (e.g. kind=tache on a domain).")
    public List<Views.Item> children(@PathParam("code") String code, @PathParam("version") String version,
                                     @PathParam("element") String element, @QueryParam("kind") String kind) {
        return queries.children(code, version, element, kind, isAdmin());
    }

    @GET
    @Path("{code}/versions/{version}/completeness")
    @Operation(summary = "Facts the version leaves null, its conflicts and the provenance of its rule values", description = "What the sources do not give (e.g. GPME coefficients other than E4; an admin may supply them in a new version), the conflicts between sources it records (their fields stay null), and where every rule value comes from (seed quote, cited legal text, or default).")
    @APIResponse(responseCode = "200", description = "The missing facts", content = @Content(
            examples = @ExampleObject(name = "completeness", value = OpenApiExamples.COMPLETENESS)))
    public Views.Completeness completeness(@PathParam("code") String code, @PathParam("version") String version) {
        return queries.completeness(code, version, isAdmin());
    }

    @GET
    @Path("{code}/versions/{version}/diff/{other}")
    @Operation(summary = "Differences between two versions", description = "Added, removed and changed elements by UUID, field by field.")
    @APIResponse(responseCode = "200", description = "The differences", content = @Content(
            examples = @ExampleObject(name = "diff", value = OpenApiExamples.DIFF)))
    public Views.Diff diff(@PathParam("code") String code, @PathParam("version") String version,
                           @PathParam("other") String other) {
        return queries.diff(code, version, other, isAdmin());
    }

    @GET
    @Path("{code}/versions/{version}/exports/moodle.csv")
    @Produces("text/csv")
    @Operation(summary = "Moodle competency framework CSV", description = "The 14 columns of tool_lpimportcsv, in its order: the framework row, the blocs, their competencies.")
    public Response moodle(@PathParam("code") String code, @PathParam("version") String version) {
        return responses.moodle(headers, queries.moodle(code, version, isAdmin()));
    }

    @GET
    @Path("{code}/versions/{version}/exports/native.json")
    @Operation(summary = "Native JSON export", description = "The version document, as a download.")
    public Uni<Response> nativeExport(@PathParam("code") String code, @PathParam("version") String version,
                                      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return version(code, version, ifNoneMatch).map(r -> r.getStatus() != 200 ? r : Response.fromResponse(r)
                .header("Content-Disposition", "attachment; filename=\"" + code + "-" + version + ".json\"").build());
    }

    // ---------------------------------------------------------------- administration (referential-admin)

    @POST
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a certification", description = "Body: the certification identity of the version document. Opens version 1 as an empty draft.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "certification", value = OpenApiExamples.NEW_CERTIFICATION)))
    @APIResponse(responseCode = "201", description = "Created; Location is the certification")
    @APIResponse(responseCode = "422", description = "Invalid identity", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "problem", value = OpenApiExamples.VALIDATION_PROBLEM)))
    public Response create(byte[] body) throws JsonProcessingException {
        ReferentialVersion created = admin.createCertification(nonEmpty(body));
        return Response.created(URI.create("/api/referential/v1/certifications/" + created.certification.code))
                .header(HttpHeaders.ETAG, "\"" + created.etag + "\"")
                .entity(queries.certification(created.certification.code, true)).build();
    }

    @POST
    @Path("{code}/versions")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(summary = "Open a draft", description = "The next version, a copy of the latest published one. Optional ?libelle=.")
    @APIResponse(responseCode = "201", description = "The draft; ETag to send as If-Match when editing")
    @APIResponse(responseCode = "409", description = "A draft is already open")
    public Response openDraft(@PathParam("code") String code, @QueryParam("libelle") String libelle) {
        return versionCreated(admin.openDraft(code, libelle));
    }

    @PUT
    @Path("{code}/versions/{version}")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the document of a draft", description = "If-Match with the draft's ETag (428 without, 412 stale). Published versions: 409.")
    public Response replace(@PathParam("code") String code, @PathParam("version") String version,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) throws JsonProcessingException {
        return versionAnswer(admin.replaceDocument(code, version, ifMatch, nonEmpty(body)));
    }

    @PATCH
    @Path("{code}/versions/{version}/items/{element}")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Edit an element of a draft", description = "Element by UUID or code (?kind= to disambiguate). Body: the fields to set. "
            + "If-Match with the draft's ETag. Unknown fields and changes of id/code are 422.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "coefficient", value = OpenApiExamples.ELEMENT_EDIT)))
    @APIResponse(responseCode = "200", description = "The draft after the edit, with its new ETag")
    @APIResponse(responseCode = "409", description = "The version is published (immutable)")
    @APIResponse(responseCode = "412", description = "If-Match is stale")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Response editElement(@PathParam("code") String code, @PathParam("version") String version,
                                @PathParam("element") String element, @QueryParam("kind") String kind,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) throws JsonProcessingException {
        return versionAnswer(admin.editElement(code, version, element, kind, ifMatch, nonEmpty(body)));
    }

    @POST
    @Path("{code}/versions/{version}/validation")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(summary = "Validate a draft", description = "Every rule is checked; all violations are listed in one problem.")
    @APIResponse(responseCode = "200", description = "VALIDATED")
    @APIResponse(responseCode = "422", description = "Violations", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "problem", value = OpenApiExamples.VALIDATION_PROBLEM)))
    public Response validate(@PathParam("code") String code, @PathParam("version") String version) {
        return versionAnswer(admin.validate(code, version));
    }

    @POST
    @Path("{code}/versions/{version}/publication")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(summary = "Publish a validated version", description = "It becomes public, immutable and current.")
    public Response publish(@PathParam("code") String code, @PathParam("version") String version) {
        return versionAnswer(admin.publish(code, version));
    }

    @POST
    @Path("{code}/versions/{version}/deprecation")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(summary = "Deprecate a published version", description = "It stays readable, with a Deprecation header.")
    public Response deprecate(@PathParam("code") String code, @PathParam("version") String version) {
        return versionAnswer(admin.deprecate(code, version));
    }

    @POST
    @Path("{code}/versions/{version}/rncp-import")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(summary = "Import an RNCP fiche into a draft", description = "France Compétences XML export (V4.1): identity, codes, dates and blocs. "
            + "Raw HTML of free-text fields is kept with its SHA-256. Malformed XML, DTDs, oversized bodies, another fiche or unknown bloc codes: 4xx, nothing changed.")
    public Response importRncp(@PathParam("code") String code, @PathParam("version") String version,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, java.io.InputStream body) {
        return versionAnswer(rncpImport.importFiche(code, version, ifMatch, body));
    }

    private Response versionCreated(ReferentialVersion v) {
        return Response.created(URI.create("/api/referential/v1/certifications/" + v.certification.code + "/versions/" + v.number))
                .header(HttpHeaders.ETAG, "\"" + v.etag + "\"")
                .entity(summary(v)).build();
    }

    private Response versionAnswer(ReferentialVersion v) {
        return Response.ok(summary(v)).header(HttpHeaders.ETAG, "\"" + v.etag + "\"").build();
    }

    private static Views.VersionSummary summary(ReferentialVersion v) {
        return new Views.VersionSummary(v.number, v.status.name(), v.libelle, v.createdAt, v.validatedAt, v.publishedAt,
                v.deprecatedAt, v.etag, v.sha256);
    }

    private static byte[] nonEmpty(byte[] body) {
        if (body == null || body.length == 0) {
            throw fr.bts.commons.problem.ProblemException.badRequest("A JSON body is required");
        }
        return body;
    }

    private boolean isAdmin() {
        return !caller.isAnonymous() && caller.hasRole(Roles.REFERENTIAL_ADMIN);
    }
}
