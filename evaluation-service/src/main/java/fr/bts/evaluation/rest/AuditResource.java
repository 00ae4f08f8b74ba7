package fr.bts.evaluation.rest;

import fr.bts.commons.security.Roles;
import fr.bts.evaluation.api.AuditDtos;
import fr.bts.evaluation.service.Access;
import fr.bts.evaluation.service.AuditService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/evaluations/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The tamper-evident audit chain of grades and seals")
public class AuditResource {

    @Inject
    AuditService audit;

    @Inject
    Access access;

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.RECTORAT, Roles.REFERENTIAL_ADMIN})
    @Operation(operationId = "verifyAuditChain", summary = "Walk the audit hash chain of your académie (every chain for the national role), compare it with its "
            + "recorded head and seals, and report the first broken link or the missing tail")
    public AuditDtos.Verification verify() {
        return access.auditedAcademie().map(audit::verify).orElseGet(audit::verifyAll);
    }
}
