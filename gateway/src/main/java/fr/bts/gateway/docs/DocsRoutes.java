package fr.bts.gateway.docs;

import fr.bts.commons.problem.VertxProblemWriter;
import fr.bts.commons.problem.ProblemType;
import fr.bts.gateway.http.GatewayKeys;
import fr.bts.gateway.proxy.PublicUrl;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * API documentation in one place: {@code /api/docs/openapi.json} merges the services' documents,
 * {@code /api/docs/<service>/openapi.json} serves one of them as seen through the gateway; Swagger UI
 * ({@code /q/swagger-ui}) lists all of them. Public, like the documents of the services themselves.
 */
@ApplicationScoped
public class DocsRoutes {

    public static final String MERGED = "/api/docs/openapi.json";

    private final OpenApiDocuments documents;
    private final VertxProblemWriter problems;
    private final PublicUrl publicUrl;

    DocsRoutes(OpenApiDocuments documents, VertxProblemWriter problems, PublicUrl publicUrl) {
        this.documents = documents;
        this.problems = problems;
        this.publicUrl = publicUrl;
    }

    void install(@Observes Router router) {
        router.get(MERGED).handler(ctx -> answer(ctx, documents.merged(server(ctx))));
        router.get("/api/docs/:service/openapi.json").handler(this::one);
    }

    private void one(RoutingContext ctx) {
        String service = ctx.pathParam("service");
        if (!documents.documented().contains(service)) {
            ctx.put(GatewayKeys.ROUTE, "docs");
            problems.write(ctx, ProblemType.NOT_FOUND, "No service named '" + service + "' publishes a document; known: "
                    + documents.documented());
            return;
        }
        answer(ctx, documents.document(service).map(document -> OpenApiMerge.throughGateway(document, server(ctx))));
    }

    /** The gateway's public URL as this caller reached it: the server of the documents it is served. */
    private String server(RoutingContext ctx) {
        return publicUrl.of(ctx.request()).origin();
    }

    private void answer(RoutingContext ctx, Future<JsonObject> document) {
        ctx.put(GatewayKeys.ROUTE, "docs");
        document.onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=30")
                        .end(ar.result().toBuffer());
            } else {
                problems.write(ctx, ProblemType.BAD_GATEWAY, "The API document could not be fetched: "
                        + ar.cause().getMessage());
            }
        });
    }
}
