package fr.bts.dossier.rest;

import com.mongodb.client.MongoCursor;
import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.idempotency.IdempotencyKeys;
import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.conformity.ConformityReport;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.repository.DossierRepository;
import fr.bts.dossier.service.DecisionInput;
import fr.bts.dossier.service.DossierEdit;
import fr.bts.dossier.service.DossierReads;
import fr.bts.dossier.service.DossierCommands;
import fr.bts.dossier.service.DossierService;
import fr.bts.dossier.service.ReasonInput;
import fr.bts.dossier.service.RegistrationCsv;
import fr.bts.dossier.service.RegistrationInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Candidates' files: registration, professional dossiers, workflow and conformity. Rectorat users see every file
 * of their académie; candidates only the file naming their account; anything else is 404.
 */
@Path("/api/dossiers/v1/dossiers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers")
public class DossierResource {

    private static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;
    static final String REGISTRATION_EXAMPLE = """
            {"session": "2026", "certification": "BTS-SAM", "referentialVersion": 1, "candidateNumber": "VER-2026-00001",
             "ine": "0123456789A", "lastName": "Martin", "firstName": "Léa", "birthDate": "2005-03-01",
             "email": "lea.martin@example.org", "account": "candidat-versailles", "categorie": "CAT_A",
             "voie": "ELEVE_ETUDIANT", "forme": "GLOBALE", "unitesFacultatives": ["UF1"],
             "langues": {"U21": "ANGLAIS", "U22": "ESPAGNOL", "UF1": "ITALIEN"},
             "dispenses": [{"unite": "U1", "diplome": "BTS Comptabilité et gestion"}],
             "benefices": [{"unite": "U3", "note": "12.5", "session": "2025", "dateObtention": "2025-07-04"}]}""";

    @Inject
    DossierService service;

    @Inject
    DossierRepository repository;

    @Inject
    DossierConfig config;

    @Inject
    Caller caller;

    @Inject
    DossierCommands commands;

    @Inject
    DossierReads reads;

    @Inject
    ConditionalGet conditional;

    @GET
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "List the files visible to the caller, filtered and paginated")
    public Response list(@QueryParam("session") String session, @QueryParam("certification") String certification,
                         @QueryParam("status") String status, @QueryParam("candidateNumber") String candidateNumber,
                         @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        PageRequest request = PageRequest.of(page, size, config.page().maxSize());
        DossierReads.Reading reading = reads.now();
        return service.search(session, certification, status, candidateNumber, request)
                .map(d -> DossierSummary.of(reading.show(d).file())).toResponse(uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Register a candidate (validated against the referential version)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "SAM, forme globale",
            value = REGISTRATION_EXAMPLE)))
    public Response create(@NotNull @Valid RegistrationInput input, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return commands.create(input, key).toResponse();
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Export the registrations of the académie as CSV (the import format)")
    public Response export(@QueryParam("session") String session, @QueryParam("certification") String certification,
                           @QueryParam("status") String status) {
        DossierRepository.Criteria criteria = new DossierRepository.Criteria(caller.requireAcademie(), null, session,
                certification, status, null);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(RegistrationCsv.header());
            try (MongoCursor<DossierCandidat> cursor = repository.stream(criteria)) {
                while (cursor.hasNext()) {
                    writer.write(RegistrationCsv.line(cursor.next()));
                }
            }
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"registrations.csv\"").build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "One file: registration, professional dossiers, attachments, history")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context HttpHeaders request) {
        DossierReads.Shown shown = reads.now().show(service.get(id));
        return conditional.answer(request, ConditionalGet.Validators.of(shown.tag()),
                ConditionalGet.CachePolicy.privateRevalidated(), MediaType.APPLICATION_JSON, () -> Response.ok(shown.file()));
    }

    @PUT
    @Path("/{id}/registration")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Change a registration that is not validated yet (If-Match required)")
    public Response updateRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid RegistrationInput input) {
        return withTag(service.updateRegistration(id, ifMatch, input));
    }

    @POST
    @Path("/{id}/registration/submit")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "DRAFT → SUBMITTED")
    public Response submitRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return commands.submitRegistration(id, ifMatch, key).toResponse();
    }

    @POST
    @Path("/{id}/registration/validate")
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "SUBMITTED → VALIDATED")
    public Response validateRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withTag(service.validateRegistration(id, ifMatch));
    }

    @POST
    @Path("/{id}/registration/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "SUBMITTED → REJECTED, with the reason")
    public Response rejectRegistration(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                       @NotNull @Valid ReasonInput input) {
        return withTag(service.rejectRegistration(id, ifMatch, input.reason()));
    }

    @GET
    @Path("/{id}/epreuves/{epreuve}")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "The professional dossier of one épreuve")
    public DossierProfessionnel dossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve) {
        return service.dossier(id, epreuve);
    }

    @PUT
    @Path("/{id}/epreuves/{epreuve}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(summary = "The candidate replaces the content of a DRAFT dossier before the deadline (If-Match required)")
    public Response editDossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DossierEdit edit) {
        return withTag(service.editDossier(id, epreuve, ifMatch, edit));
    }

    @POST
    @Path("/{id}/epreuves/{epreuve}/submit")
    @RolesAllowed(Roles.CANDIDATE)
    @Operation(summary = "The candidate submits a dossier before the deadline: DRAFT → SUBMITTED")
    public Response submitDossier(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(IDEMPOTENCY_KEY) String key) {
        return commands.submitDossier(id, epreuve, ifMatch, key).toResponse();
    }

    @GET
    @Path("/{id}/conformity")
    @RolesAllowed({Roles.RECTORAT, Roles.CANDIDATE})
    @Operation(summary = "Run the conformity check of every professional dossier now, rule by rule")
    public Map<String, ConformityReport> conformity(@PathParam("id") String id) {
        return service.conformity(id);
    }

    @POST
    @Path("/{id}/epreuves/{epreuve}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.RECTORAT)
    @Operation(summary = "Record the conformity decision with the report it is based on (If-Match required)")
    public Response decide(@PathParam("id") String id, @PathParam("epreuve") String epreuve,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DecisionInput input) {
        return withTag(service.decide(id, epreuve, ifMatch, input));
    }

    /** The answer to a write: the file as shown after it, with its ETag. */
    private Response withTag(DossierCandidat file) {
        DossierReads.Shown shown = reads.now().show(file);
        return Response.ok(shown.file()).tag(shown.tag()).build();
    }
}
