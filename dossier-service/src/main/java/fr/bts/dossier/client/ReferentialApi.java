package fr.bts.dossier.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The referential's public read API, as far as the dossier service uses it. Callers go through {@link ReferentialClient}. */
@RegisterRestClient(configKey = "referential")
@Path("/api/referential/v1/certifications")
@Produces(MediaType.APPLICATION_JSON)
interface ReferentialApi {

    /** One version ({@code version} is a number or {@code current}), the whole tree. */
    @GET
    @Path("/{code}/versions/{version}")
    ReferentialVersion version(@PathParam("code") String code, @PathParam("version") String version);
}
