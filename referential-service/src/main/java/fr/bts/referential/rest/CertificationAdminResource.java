package fr.bts.referential.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.security.Roles;
import fr.bts.referential.api.Views;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.rncp.RncpImportService;
import fr.bts.referential.service.ReferentialQueryService;
import fr.bts.referential.service.ElementEditService;
import fr.bts.referential.service.VersionAdminService;
import fr.bts.referential.service.Visibility;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * The version life cycle of certifications, for {@code referential-admin}: create, open a draft, edit, validate,
 * publish, deprecate, import an RNCP fiche. Same paths and tag as the public reads ({@link CertificationResource}).
 * Every step can meet a conflicting state (409: a draft already open, a published version is immutable, the wrong
 * state for the step): that answer is declared once, on the class.
 */
@Path(CertificationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Certifications", description = "Certifications, versions, whole-tree documents, exports and administration")
@APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
public class CertificationAdminResource {

    @Inject
    ReferentialQueryService queries;

    @Inject
    VersionAdminService admin;

    @Inject
    ElementEditService edits;

    @Inject
    RncpImportService rncpImport;

    @POST
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCertification", summary = "Create a certification", description = "Body: the certification identity of the version document. Opens version 1 as an empty draft.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.document.VersionDocument.CertificationInfo.class),
            examples = @ExampleObject(name = "certification", value = OpenApiExamples.NEW_CERTIFICATION)))
    @APIResponse(responseCode = "201", description = "Created; Location is the certification", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.CertificationDetail.class)))
    @APIResponse(responseCode = "422", description = "Invalid identity", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "problem", value = OpenApiExamples.VALIDATION_PROBLEM)))
    public Response create(byte[] body) throws JsonProcessingException {
        ReferentialVersion created = admin.createCertification(nonEmpty(body));
        return Response.created(URI.create(CertificationResource.PATH + "/" + created.certification.code))
                .header(HttpHeaders.ETAG, "\"" + created.etag + "\"")
                .entity(queries.certification(created.certification.code, Visibility.ADMIN)).build();
    }

    @POST
    @Path("{code}/versions")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(operationId = "openDraft", summary = "Open a draft", description = "The next version, a copy of the latest published one. Optional ?libelle=.")
    @APIResponse(responseCode = "201", description = "The draft; ETag to send as If-Match when editing", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.VersionSummary.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response openDraft(@PathParam("code") String code, @QueryParam("libelle") String libelle) {
        return versionCreated(admin.openDraft(code, libelle));
    }

    @PUT
    @Path("{code}/versions/{version}")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceDraft", summary = "Replace the document of a draft", description = "If-Match with the draft's ETag (428 without, 412 stale). Published versions: 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.document.VersionDocument.class)))
    @APIResponse(responseCode = "200", description = "The draft's new state; ETag to send as If-Match next", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.api.Views.VersionSummary.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
    public Response replace(@PathParam("code") String code, @PathParam("version") String version,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) throws JsonProcessingException {
        return versionAnswer(admin.replaceDocument(code, version, ifMatch, nonEmpty(body)));
    }

    @PATCH
    @Path("{code}/versions/{version}/items/{element}")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "editDraftElement", summary = "Edit an element of a draft", description = "Element by UUID or code (?kind= to disambiguate). Body: the fields to set. "
            + "If-Match with the draft's ETag. Unknown fields and changes of id/code are 422.")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "coefficient", value = OpenApiExamples.ELEMENT_EDIT)))
    @APIResponse(responseCode = "200", description = "The draft after the edit, with its new ETag", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.VersionSummary.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
    public Response editElement(@PathParam("code") String code, @PathParam("version") String version,
                                @PathParam("element") String element, @QueryParam("kind") String kind,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body) throws JsonProcessingException {
        return versionAnswer(edits.editElement(code, version, element, kind, ifMatch, nonEmpty(body)));
    }

    @POST
    @Path("{code}/versions/{version}/validation")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(operationId = "validateDraft", summary = "Validate a draft", description = "Every rule is checked; all violations are listed in one problem.")
    @APIResponse(responseCode = "200", description = "VALIDATED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.VersionSummary.class)))
    @APIResponse(responseCode = "422", description = "Violations", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "problem", value = OpenApiExamples.VALIDATION_PROBLEM)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response validate(@PathParam("code") String code, @PathParam("version") String version) {
        return versionAnswer(admin.validate(code, version));
    }

    @POST
    @Path("{code}/versions/{version}/publication")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(operationId = "publishVersion", summary = "Publish a validated version", description = "It becomes public, immutable and current.")
    @APIResponse(responseCode = "200", description = "PUBLISHED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.api.Views.VersionSummary.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response publish(@PathParam("code") String code, @PathParam("version") String version) {
        return versionAnswer(admin.publish(code, version));
    }

    @POST
    @Path("{code}/versions/{version}/deprecation")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Operation(operationId = "deprecateVersion", summary = "Deprecate a published version", description = "It stays readable, with a Deprecation header.")
    @APIResponse(responseCode = "200", description = "DEPRECATED", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.api.Views.VersionSummary.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response deprecate(@PathParam("code") String code, @PathParam("version") String version) {
        return versionAnswer(admin.deprecate(code, version));
    }

    @POST
    @Path("{code}/versions/{version}/rncp-import")
    @RolesAllowed(Roles.REFERENTIAL_ADMIN)
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Operation(operationId = "importRncpFiche", summary = "Import an RNCP fiche into a draft", description = "France Compétences XML export (V4.1): identity, codes, dates and blocs. "
            + "Raw HTML of free-text fields is kept with its SHA-256. Malformed XML, DTDs, oversized bodies, another fiche or unknown bloc codes: 4xx, nothing changed.")
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_XML, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.TEXT_XML, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The draft with the fiche's data", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.referential.api.Views.VersionSummary.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
    public Response importRncp(@PathParam("code") String code, @PathParam("version") String version,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, java.io.InputStream body) {
        return versionAnswer(rncpImport.importFiche(code, version, ifMatch, body));
    }

    private Response versionCreated(ReferentialVersion v) {
        return Response.created(URI.create(CertificationResource.PATH + "/" + v.certification.code + "/versions/" + v.number))
                .header(HttpHeaders.ETAG, "\"" + v.etag + "\"")
                .entity(Views.VersionSummary.of(v)).build();
    }

    private Response versionAnswer(ReferentialVersion v) {
        return Response.ok(Views.VersionSummary.of(v)).header(HttpHeaders.ETAG, "\"" + v.etag + "\"").build();
    }

    private static byte[] nonEmpty(byte[] body) {
        if (body == null || body.length == 0) {
            throw fr.bts.commons.problem.ProblemException.badRequest("A JSON body is required");
        }
        return body;
    }
}
