package fr.bts.dossier.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.service.ImportService;
import fr.bts.dossier.api.RegistrationInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bulk registration import (rectorat): a JSON array of registrations or a CSV with a header row. The answer is
 * a per-row report; a malformed document, a wrong JSON type or too many rows is a problem and stores nothing.
 */
@Path("/api/dossiers/v1/imports")
@Tag(name = "Imports", description = "Bulk registration import (JSON or CSV) with a per-row report")
public class ImportResource {

    private static final TypeReference<List<RegistrationInput>> ROWS = new TypeReference<>() {
    };

    @Inject
    ImportService imports;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "text/csv"})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "importRegistrations", summary = "Import up to 10,000 registrations (idempotent by candidate number and Idempotency-Key)")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RegistrationInput.class),
                examples = @ExampleObject(name = "JSON array",
                value = "[" + DossierResource.REGISTRATION_EXAMPLE + "]")),
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "CSV with header", value = """
                session,certification,referentialVersion,candidateNumber,lastName,firstName,birthDate,email,account,categorie,voie,forme,unites,unitesFacultatives,langues,dispenses,benefices
                2026,BTS-SAM,1,VER-2026-00001,Martin,Léa,2005-03-01,lea.martin@example.org,candidat-versailles,CAT_A,ELEVE_ETUDIANT,GLOBALE,,UF1,U21:ANGLAIS|U22:ESPAGNOL|UF1:ITALIEN,U1:BTS Comptabilité et gestion,U3:12.5:2025:2025-07-04
                2026,BTS-GPME,,VER-2026-00002,Durand,Hugo,2004-11-20,hugo.durand@example.org,candidat-hugo,CAT_C,CANDIDATURE_INDIVIDUELLE,PROGRESSIVE,U4|U6,,,,
                """))})
    @APIResponse(responseCode = "200", description = "The per-row report (a replay of the same Idempotency-Key and body gives the same report)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.dossier.api.ImportReport.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ProblemResponses.CONTENT_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    public Response importRegistrations(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                        @HeaderParam(IdempotencyKeys.HEADER) String key) throws IOException {
        boolean csv = contentType != null && contentType.toLowerCase().startsWith("text/csv");
        if (csv) {
            return imports.importCsv(key, body, decode(body, contentType)).toResponse();
        }
        List<RegistrationInput> rows = json.readValue(body, ROWS);
        if (rows == null) {
            throw ProblemException.badRequest("The body must be a JSON array of registrations");
        }
        return imports.importJson(key, body, rows).toResponse();
    }

    /** The CSV text in the charset of its Content-Type (UTF-8 when none is given), refusing invalid bytes. */
    private static String decode(byte[] body, String contentType) {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String declared = MediaType.valueOf(contentType).getParameters().get("charset");
            if (declared != null) {
                charset = Charset.forName(declared.strip());
            }
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown charset in Content-Type '" + contentType + "'");
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("The CSV is not valid " + charset.name() + " text");
        }
    }
}
