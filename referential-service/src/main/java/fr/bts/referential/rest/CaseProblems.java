package fr.bts.referential.rest;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemType;
import fr.bts.referential.casepackage.CaseException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The errors of the CASE read API ({@link CaseException}, thrown by CASE code only). */
public class CaseProblems {

    /**
     * An RFC 9457 problem (as every error of the suite) that also carries CASE's {@code imsx_StatusInfo} members
     * as extension members, so that a CASE client finds {@code imsx_codeMajor}/{@code imsx_codeMinor} where the
     * CASE 1.1 REST binding puts them, and any other client the problem's {@code type} and {@code status}.
     */
    @ServerExceptionMapper
    public Response caseError(CaseException e) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("imsx_codeMinorFieldName", e.fieldName());
        field.put("imsx_codeMinorFieldValue", e.codeMinor());
        Problem problem = Problem.of(ProblemType.forStatus(e.status()), e.getMessage())
                .with("imsx_codeMajor", "failure")
                .with("imsx_severity", "error")
                .with("imsx_description", e.getMessage())
                .with("imsx_codeMinor", Map.of("imsx_codeMinorField", List.of(field)));
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
