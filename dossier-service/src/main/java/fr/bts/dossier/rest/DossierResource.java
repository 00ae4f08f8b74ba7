package fr.bts.dossier.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.api.DossierSummary;
import fr.bts.dossier.api.OpenApiSchemas;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.conformity.ConformityReport;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.service.DossierAccess;
import fr.bts.dossier.service.DossierCommands;
import fr.bts.dossier.service.DossierReads;
import fr.bts.dossier.service.ProfessionalDossierService;
import fr.bts.dossier.service.RegistrationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * Candidates' files: the list, a registration, the CSV export, one whole file, one professional dossier and the
 * conformity check now. Who sees which file is {@link DossierAccess}'s (another académie's or candidate's file is
 * 404). The workflow steps (conditional writes) are {@link DossierWorkflowResource}'s.
 */
@Path("/api/dossiers/v1/dossiers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers", description = "Candidates' files: registration, professional dossiers, workflow and conformity")
public class DossierResource {

    static final String REGISTRATION_EXAMPLE = """
            {"session": "2026", "certification": "BTS-SAM", "referentialVersion": 1, "candidateNumber": "VER-2026-00001",
             "ine": "0123456789A", "lastName": "Martin", "firstName": "Léa", "birthDate": "2005-03-01",
             "email": "lea.martin@example.org", "account": "candidat-versailles", "categorie": "CAT_A",
             "voie": "ELEVE_ETUDIANT", "forme": "GLOBALE", "unitesFacultatives": ["UF1"],
             "langues": {"U21": "ANGLAIS", "U22": "ESPAGNOL", "UF1": "ITALIEN"},
             "dispenses": [{"unite": "U1", "diplome": "BTS Comptabilité et gestion"}],
             "benefices": [{"unite": "U3", "note": "12.5", "session": "2025", "dateObtention": "2025-07-04"}]}""";

    @Inject
    RegistrationService registrations;

    @Inject
    ProfessionalDossierService professionalDossiers;

    @Inject
    DossierAccess access;

    @Inject
    DossierConfig config;

    @Inject
    DossierCommands commands;

    @Inject
    DossierReads reads;

    @Inject
    ConditionalGet conditional;

    @GET
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "listDossiers", summary = "List the files visible to the caller, filtered and paginated")
    @APIResponse(responseCode = "200", description = "One page of files", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.DossierPage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response list(@QueryParam("session") String session, @QueryParam("certification") String certification,
                         @QueryParam("status") String status, @QueryParam("candidateNumber") String candidateNumber,
                         @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        PageRequest request = PageRequest.of(page, size, config.page().maxSize());
        DossierReads.Reading reading = reads.now();
        return registrations.search(session, certification, status, candidateNumber, request)
                .map(candidat -> DossierSummary.of(reading.show(candidat).candidat())).toResponse(uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "registerCandidate", summary = "Register a candidate (validated against the referential version)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegistrationInput.class), examples = @ExampleObject(name = "SAM, forme globale",
            value = REGISTRATION_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The file created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierCandidat.class)))
    @APIResponse(responseCode = "200", description = "A replay of the same Idempotency-Key and body", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierCandidat.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    public Response create(@NotNull @Valid RegistrationInput input, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return commands.create(input, key).toResponse();
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(operationId = "exportRegistrationsCsv", summary = "Export the registrations of the académie as CSV (the import format)")
    @APIResponse(responseCode = "200", description = "The registrations, import format", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    public Response export(@QueryParam("session") String session, @QueryParam("certification") String certification,
                           @QueryParam("status") String status) {
        return Response.ok(registrations.export(session, certification, status), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"registrations.csv\"").build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "getDossier", summary = "One file: registration, professional dossiers, attachments, history")
    @APIResponse(responseCode = "200", description = "The file, with its ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierCandidat.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context HttpHeaders request) {
        DossierReads.Shown shown = reads.now().show(access.visible(id));
        return conditional.answer(request, ConditionalGet.Validators.of(shown.tag()),
                ConditionalGet.CachePolicy.privateRevalidated(), MediaType.APPLICATION_JSON, () -> Response.ok(shown.candidat()));
    }

    @GET
    @Path("/{id}/epreuves/{epreuve}")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "getProfessionalDossier", summary = "The professional dossier of one épreuve")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "200", description = "The professional dossier", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DossierProfessionnel.class)))
    public DossierProfessionnel dossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve) {
        return professionalDossiers.dossier(id, epreuve);
    }

    @GET
    @Path("/{id}/conformity")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(operationId = "checkConformity", summary = "Run the conformity check of every professional dossier now, rule by rule")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "502", ref = ProblemResponses.BAD_GATEWAY)
    @APIResponse(responseCode = "200", description = "Épreuve code → its conformity report", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, additionalProperties = ConformityReport.class)))
    public Map<String, ConformityReport> conformity(@PathParam("id") String id) {
        return professionalDossiers.conformity(id);
    }
}
