package fr.bts.evaluation.client;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The registration snapshot of dossier-service (docs/contracts.md), read with the caller's token. */
@RegisterRestClient(configKey = "dossier")
@AccessToken
@Path("/api/dossiers/v1/snapshots")
interface DossierApi {

    @GET
    @Path("/{session}/{certification}")
    @Produces(MediaType.APPLICATION_JSON)
    RegistrationSnapshot snapshot(@PathParam("session") String session, @PathParam("certification") String certification);
}
