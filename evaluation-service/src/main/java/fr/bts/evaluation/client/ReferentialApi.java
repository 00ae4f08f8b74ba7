package fr.bts.evaluation.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The referential version document (docs/contracts.md), read with the caller's token. */
@RegisterRestClient(configKey = "referential")
@AccessToken
@Path("/api/referential/v1/certifications")
interface ReferentialApi {

    @GET
    @Path("/{code}/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode version(@PathParam("code") String code, @PathParam("version") String version);
}
