package fr.bts.evaluation.rest;

import fr.bts.commons.security.Roles;
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
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditService audit;

    @GET
    @Path("/verify")
    @RolesAllowed({Roles.RECTORAT, Roles.REFERENTIAL_ADMIN})
    @Operation(summary = "Walk the audit hash chain and report the first broken link")
    public AuditService.Verification verify() {
        return audit.verify();
    }
}
