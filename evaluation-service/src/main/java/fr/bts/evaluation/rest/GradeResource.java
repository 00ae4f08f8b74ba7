package fr.bts.evaluation.rest;

import fr.bts.commons.http.ConditionalGet;
import fr.bts.commons.http.ETags;
import fr.bts.commons.openapi.ProblemResponses;
import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.GradeDtos.Batch;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.GradeView;
import fr.bts.commons.http.PageRequest;
import fr.bts.evaluation.config.EvaluationConfig;
import fr.bts.evaluation.service.GradeBatchService;
import fr.bts.evaluation.service.GradeService;
import jakarta.ws.rs.QueryParam;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/evaluations/v1/sessions/{id}/grades")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.JURY_MEMBER, Roles.JURY_PRESIDENT})
@Tag(name = "Grades", description = "Grades from jury apps: one at a time with If-Match, or in idempotent batches")
public class GradeResource {

    @Inject
    GradeService grades;
    @Inject
    GradeBatchService batches;
    @Inject
    EvaluationConfig config;
    @Inject
    ConditionalGet conditional;
    @Context
    UriInfo uri;

    @PUT
    @Path("/{candidate}/{epreuve}")
    @Operation(operationId = "putGrade", summary = "Create a grade, or update it with If-Match (candidates of the caller's commissions only)")
    @APIResponse(responseCode = "201", description = "The grade created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GradeView.class)))
    @APIResponse(responseCode = "200", description = "The grade updated, with its new ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GradeView.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "412", ref = ProblemResponses.PRECONDITION_FAILED)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "428", ref = ProblemResponses.PRECONDITION_REQUIRED)
    public Response put(@PathParam("id") UUID id, @PathParam("candidate") String candidate, @PathParam("epreuve") String epreuve,
                        @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid GradeInput input) {
        GradeService.Written written = grades.put(id, candidate, epreuve, input, ifMatch);
        Response.ResponseBuilder answer = written.created() ? Response.created(uri.getAbsolutePath()) : Response.ok();
        return answer.tag(ETags.ofVersion(written.grade().version())).entity(written.grade()).build();
    }

    @GET
    @Path("/{candidate}/{epreuve}")
    @Operation(operationId = "getGrade", summary = "One grade: a candidate's mark for an épreuve")
    @APIResponse(responseCode = "200", description = "The grade, with its ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GradeView.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the current ETag")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response get(@PathParam("id") UUID id, @PathParam("candidate") String candidate, @PathParam("epreuve") String epreuve,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpHeaders request) {
        GradeView grade = grades.get(id, candidate, epreuve);
        return conditional.answer(request, new ConditionalGet.Validators(ETags.ofVersion(grade.version()), grade.gradedAt()),
                ConditionalGet.CachePolicy.privateRevalidated(), MediaType.APPLICATION_JSON, () -> Response.ok(grade));
    }

    @GET
    @RolesAllowed({Roles.RECTORAT, Roles.JURY_PRESIDENT, Roles.JURY_MEMBER})
    @Operation(operationId = "listGrades", summary = "Grades of the session (a jury member sees those of their commissions), by candidate or épreuve, paginated")
    @APIResponse(responseCode = "200", description = "One page of grades", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenApiSchemas.GradePage.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Response list(@PathParam("id") UUID id, @QueryParam("candidate") String candidate, @QueryParam("epreuve") String epreuve,
                         @QueryParam("page") String page, @QueryParam("size") String size) {
        return grades.list(id, candidate, epreuve, PageRequest.of(page, size, config.page().maxSize())).toResponse(uri);
    }

    @POST
    @Operation(operationId = "submitGradeBatch", summary = "Submit up to 500 grades at once with an Idempotency-Key; all or nothing, each item's outcome reported")
    @APIResponse(responseCode = "200", description = "Every item's outcome (a replay of the same Idempotency-Key and body gives the same answer)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = fr.bts.evaluation.api.GradeDtos.BatchOutcome.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    public Response batch(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String key, @NotNull Batch batch) {
        GradeBatchService.BatchAnswer answer = batches.batch(id, batch, key);
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body())
                .header("Idempotency-Replayed", answer.replayed()).build();
    }
}
