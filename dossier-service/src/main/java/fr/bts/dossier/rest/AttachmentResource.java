package fr.bts.dossier.rest;

import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.model.PieceJointe;
import fr.bts.dossier.service.AttachmentService;
import fr.bts.dossier.service.DossierAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Attachments of a file. The candidate uploads the raw bytes with their {@code Content-Type} and the file name as
 * a query parameter; downloads are streamed from GridFS with {@code nosniff} and as an attachment.
 */
@Path("/api/dossiers/v1/dossiers/{id}/attachments")
@Tag(name = "Attachments", description = "Files attached to a dossier: upload by the candidate, streamed download")
public class AttachmentResource {

    @Inject
    AttachmentService attachments;

    @Inject
    DossierAccess access;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(operationId = "uploadAttachment", summary = "Upload a production or a required piece (size limit and content-type allowlist in configuration)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "The attachment stored; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PieceJointe.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ProblemResponses.CONTENT_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response upload(@PathParam("id") String id, @QueryParam("epreuve") String epreuve, @QueryParam("piece") String piece,
                           @QueryParam("fileName") String fileName, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body, @Context UriInfo uri)
            throws IOException {
        PieceJointe stored = attachments.upload(id, epreuve, blankToNull(piece), fileName, contentType, length, body);
        return Response.created(uri.getAbsolutePathBuilder().path(stored.id).build()).entity(stored).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "listAttachments", summary = "The attachments of a file")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "The attachments", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PieceJointe.class, type = SchemaType.ARRAY)))
    public List<PieceJointe> list(@PathParam("id") String id) {
        return access.visible(id).attachments;
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "downloadAttachment", summary = "Download an attachment (streamed)")
    @APIResponse(responseCode = "200", description = "The bytes, with the Content-Type they were uploaded with", content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response download(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        PieceJointe attachment = attachments.describe(id, attachmentId);
        StreamingOutput body = out -> attachments.download(id, attachmentId, out);
        String encoded = URLEncoder.encode(attachment.fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, attachment.contentType)
                .header(HttpHeaders.CONTENT_LENGTH, attachment.size)
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Digest", "sha-256=" + attachment.sha256)
                .tag(new EntityTag(attachment.sha256))
                .build();
    }

    @DELETE
    @Path("/{attachmentId}")
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(operationId = "deleteAttachment", summary = "Remove an attachment of a DRAFT dossier before the deadline")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Response delete(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        attachments.delete(id, attachmentId);
        return Response.noContent().build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
