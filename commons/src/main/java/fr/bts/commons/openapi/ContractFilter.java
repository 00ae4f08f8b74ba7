package fr.bts.commons.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What every service's OpenAPI document says the same way, written once (the operations themselves carry their
 * operationId, summary, success schema and the statuses only they answer, as annotations on the resources):
 * <ul>
 *   <li>the RFC 9457 {@code Problem} schema and one shared {@code application/problem+json} answer per error status
 *       ({@link ProblemResponses}), which every error answer of every operation points at;</li>
 *   <li>the error answers every operation can give whatever it does: 429 and 503 (the gateway's rate limits, a store
 *       or downstream service unreachable), 406 when it produces a body, 400/413/415 when it reads one, 401/403 when
 *       it needs a token;</li>
 *   <li>security: a {@code keycloak} OpenID Connect scheme pointing at the realm's discovery document (Swagger UI logs in
 *       with it: authorization code + PKCE) and a {@code bearer} JWT scheme for clients that already hold a token.
 *       Roles are not OAuth scopes: the roles that {@code @RolesAllowed} names are moved out of the security
 *       requirement (where Quarkus puts them) into {@code x-bts-roles} and the description; an operation that
 *       needs no token says {@code security: []}.</li>
 * </ul>
 * Runs at start-up so that the discovery URL is the deployment's ({@code bts.openapi.oidc-discovery-url}, by default
 * the discovery document of {@code quarkus.oidc.auth-server-url}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ContractFilter implements OASFilter {

    public static final String OIDC_SCHEME = "keycloak";
    public static final String BEARER_SCHEME = "bearer";
    public static final String ROLES_EXTENSION = "x-bts-roles";
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String VIOLATION_SCHEMA = "ProblemViolation";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "urn:bts:problem:";

    /** status → shared answer: name, type slug, title, description. */
    private record Shared(String name, String slug, String title, String description) {
    }

    private static final Map<String, Shared> SHARED = new LinkedHashMap<>();

    static {
        share("400", ProblemResponses.BAD_REQUEST, "bad-request", "Bad request",
                "The request is malformed: an unreadable body, a parameter of the wrong form, a refused character or a number out of range.");
        share("401", ProblemResponses.UNAUTHORIZED, "unauthorized", "Authentication required",
                "No valid bearer token (missing, expired, wrong issuer or audience, bad signature).");
        share("403", ProblemResponses.FORBIDDEN, "forbidden", "Forbidden",
                "The token is valid but none of its roles allows this operation.");
        share("404", ProblemResponses.NOT_FOUND, "not-found", "Not found",
                "No such resource, or one the caller may not see (another académie's objects are 404, never 403).");
        share("406", ProblemResponses.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                "None of the media types in Accept can be produced here.");
        share("409", ProblemResponses.CONFLICT, "conflict", "Conflict",
                "The resource's state does not allow this change (or a concurrent change won).");
        share("412", ProblemResponses.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                "If-Match does not match the current ETag: read the resource again.");
        share("413", ProblemResponses.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                "The body exceeds the configured limit.");
        share("415", ProblemResponses.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "The body's Content-Type is not one this operation reads.");
        share("422", ProblemResponses.UNPROCESSABLE, "validation", "Validation failed",
                "The content breaks a rule; violations lists every field in error. Nothing was changed.");
        share("428", ProblemResponses.PRECONDITION_REQUIRED, "precondition-required", "Precondition required",
                "This update needs If-Match with the resource's current ETag.");
        share("429", ProblemResponses.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                "The caller's rate limit is spent; Retry-After says when to try again.");
        share("502", ProblemResponses.BAD_GATEWAY, "bad-gateway", "Upstream service unavailable",
                "A service this operation depends on gave a malformed answer.");
        share("503", ProblemResponses.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                "A store or a service this operation depends on cannot be reached; Retry-After says when to try again.");
    }

    private static void share(String status, String name, String slug, String title, String description) {
        SHARED.put(status, new Shared(name, slug, title, description));
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(VIOLATION_SCHEMA, violationSchema());
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        SHARED.forEach((status, shared) -> openAPI.getComponents().addResponse(shared.name(), sharedResponse(status, shared)));
        components.setSecuritySchemes(new LinkedHashMap<>(Map.of(
                OIDC_SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                        .openIdConnectUrl(discoveryUrl())
                        .description("Keycloak realm bts-suite: authorization code + PKCE for people (Swagger UI's "
                                + "Authorize button), client credentials for service accounts. Roles are realm roles "
                                + "of the token, not OAuth scopes: each operation names them in x-bts-roles."),
                BEARER_SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT")
                        .description("An access token of the bts-suite realm (audience bts-suite) obtained elsewhere."))));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                contract(entry.getValue());
                entry.getValue().getResponses().getAPIResponses().values().stream().map(APIResponse::getRef)
                        .filter(java.util.Objects::nonNull).forEach(ref -> used.add(ref.substring(ref.lastIndexOf('/') + 1)));
            }
        }
        // a shared answer no operation of this service gives is left out (an unused component misleads)
        SHARED.values().stream().map(Shared::name).filter(name -> !used.contains(name)).forEach(components::removeResponse);
    }

    private static void contract(Operation operation) {
        boolean secured = secure(operation);
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (String status : expectedErrors(operation, responses, secured)) {
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null || isBare(existing)) {
                responses.addAPIResponse(status, reference(status));
            }
        }
        describeErrors(responses);
    }

    /**
     * Offers the two schemes to a secured operation, names its roles (x-bts-roles and its description), and gives a
     * public one {@code security: []}; answers whether it is secured.
     */
    private static boolean secure(Operation operation) {
        List<SecurityRequirement> requirements = operation.getSecurity();
        boolean secured = requirements != null && !requirements.isEmpty()
                && requirements.stream().anyMatch(r -> r.getSchemes() != null && !r.getSchemes().isEmpty());
        if (!secured) {
            operation.setSecurity(new ArrayList<>());
            return false;
        }
        TreeSet<String> roles = new TreeSet<>();
        requirements.forEach(r -> r.getSchemes().values().forEach(scopes -> {
            if (scopes != null) {
                roles.addAll(scopes);
            }
        }));
        List<SecurityRequirement> either = new ArrayList<>();
        either.add(OASFactory.createSecurityRequirement().addScheme(OIDC_SCHEME));
        either.add(OASFactory.createSecurityRequirement().addScheme(BEARER_SCHEME));
        operation.setSecurity(either);
        if (!roles.isEmpty()) {
            operation.addExtension(ROLES_EXTENSION, new ArrayList<>(roles));
            String said = "Roles: " + String.join(", ", roles) + ".";
            String description = operation.getDescription();
            if (description == null || !description.contains(said)) {
                operation.setDescription(description == null || description.isBlank() ? said : description + "\n\n" + said);
            }
        }
        return true;
    }

    /** The error statuses every operation of this shape can answer, whatever its own annotations say. */
    private static List<String> expectedErrors(Operation operation, APIResponses responses, boolean secured) {
        boolean producesBody = responses.getAPIResponses() != null && responses.getAPIResponses().entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("2") && e.getValue().getContent() != null
                        && e.getValue().getContent().getMediaTypes() != null && !e.getValue().getContent().getMediaTypes().isEmpty());
        List<String> statuses = new ArrayList<>();
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of("400", "413", "415"));
        }
        if (secured) {
            statuses.addAll(List.of("401", "403"));
        }
        if (producesBody) {
            statuses.add("406");
        }
        statuses.addAll(List.of("429", "503"));
        return statuses;
    }

    /** Every 4xx/5xx answer of the operation is a problem+json document with the shared schema. */
    private static void describeErrors(APIResponses responses) {
        for (Map.Entry<String, APIResponse> entry : new LinkedHashMap<>(responses.getAPIResponses()).entrySet()) {
            String status = entry.getKey();
            APIResponse response = entry.getValue();
            if (!(status.startsWith("4") || status.startsWith("5")) || response.getRef() != null) {
                continue;
            }
            if (isBare(response) && SHARED.containsKey(status)) {
                responses.addAPIResponse(status, reference(status));
            } else if (response.getContent() != null && response.getContent().getMediaType(PROBLEM_MEDIA_TYPE) != null
                    && response.getContent().getMediaType(PROBLEM_MEDIA_TYPE).getSchema() == null) {
                response.getContent().getMediaType(PROBLEM_MEDIA_TYPE).setSchema(problemRef());
            } else if (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty()) {
                response.setContent(problemContent(null));
            }
        }
    }

    /** An answer without content (as Quarkus generates 400/401/403): the shared one replaces it. */
    private static boolean isBare(APIResponse response) {
        return response.getRef() == null && (response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty());
    }

    private static APIResponse reference(String status) {
        return OASFactory.createAPIResponse().ref(SHARED.get(status).name());
    }

    private static Schema problemRef() {
        return OASFactory.createSchema().ref(PROBLEM_SCHEMA);
    }

    private static Content problemContent(Map<String, Object> example) {
        MediaType media = OASFactory.createMediaType().schema(problemRef());
        if (example != null) {
            media.setExample(example);
        }
        return OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE, media);
    }

    private static APIResponse sharedResponse(String status, Shared shared) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", BASE + shared.slug());
        example.put("title", shared.title());
        example.put("status", Integer.parseInt(status));
        example.put("detail", shared.description());
        if ("422".equals(status)) {
            example.put("violations", List.of(Map.of("field", "coefficient", "message", "must be greater than 0", "rejectedValue", 0)));
        }
        APIResponse response = OASFactory.createAPIResponse().description(shared.description()).content(problemContent(example));
        if ("429".equals(status) || "503".equals(status)) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));
        }
        return response;
    }

    private static Schema violationSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One field in error: where it is (a path in the body or a parameter name) and what is wrong")
                .addRequired("field").addRequired("message")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("epreuves[0].coefficient")))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("must be greater than 0")))
                .addProperty("rejectedValue", OASFactory.createSchema().description("The value refused, when it can be shown"));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, the body of every error answer. type is stable (urn:bts:problem:<slug>); "
                        + "extension members may follow (e.g. CASE's imsx_codeMajor on the CASE API).")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .examples(List.of("urn:bts:problem:not-found")))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).examples(List.of("Not found")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(VIOLATION_SCHEMA)))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    private static String discoveryUrl() {
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("bts.openapi.oidc-discovery-url", String.class).orElseGet(() -> {
            String server = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                    .orElse("http://localhost:8180/realms/bts-suite");
            return (server.endsWith("/") ? server.substring(0, server.length() - 1) : server) + "/.well-known/openid-configuration";
        });
    }
}
