package fr.bts.commons.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an integrator relies on to generate a client from a service's OpenAPI document, checked by each
 * service's build on its generated document (before the redocly/spectral lint of {@code ./suite test}): every
 * operation has a unique camelCase {@code operationId} and a summary; every 2xx with a body has a schema that says
 * something (not the empty schema); every 4xx/5xx answer is problem+json with the shared {@code Problem} schema component (or a
 * {@code …Problem} component that extends it, as CASE's); an
 * operation either names the roles it needs ({@code x-bts-roles}) or says {@code security: []}. Plain Java on a
 * Jackson tree.
 */
public final class ContractRules {

    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private ContractRules() {
    }

    /** Every broken rule, one line each ({@code METHOD path: what}); empty when the document keeps them all. */
    public static List<String> violations(JsonNode document) {
        List<String> found = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonNode components = document.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String where = method.toUpperCase() + " " + path.getKey() + ": ";
                String id = operation.path("operationId").asText("");
                if (id.isEmpty()) {
                    found.add(where + "no operationId");
                } else if (!CAMEL_CASE.matcher(id).matches()) {
                    found.add(where + "operationId '" + id + "' is not camelCase");
                } else if (!ids.add(id)) {
                    found.add(where + "operationId '" + id + "' is not unique");
                }
                if (operation.path("summary").asText("").isBlank()) {
                    found.add(where + "no summary");
                }
                JsonNode security = operation.get("security");
                if (security == null) {
                    found.add(where + "no security declaration (public operations say security: [])");
                } else if (!security.isEmpty() && !operation.path(ContractFilter.ROLES_EXTENSION).isArray()) {
                    found.add(where + "secured without " + ContractFilter.ROLES_EXTENSION);
                } else if (security.isEmpty() && operation.has(ContractFilter.ROLES_EXTENSION)) {
                    found.add(where + "public but names roles");
                }
                for (JsonNode requirement : security == null ? List.<JsonNode>of() : security) {
                    requirement.fields().forEachRemaining(scheme -> {
                        if (!scheme.getValue().isEmpty()) {
                            found.add(where + "roles given as scopes of " + scheme.getKey());
                        }
                    });
                }
                responses(operation.path("responses"), components, where, found);
            }
        }
        return found;
    }

    private static void responses(JsonNode responses, JsonNode components, String where, List<String> found) {
        if (!responses.fields().hasNext()) {
            found.add(where + "no responses");
        }
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String status = entry.getKey();
            JsonNode response = resolve(entry.getValue(), components, "responses");
            if (response == null) {
                found.add(where + status + " refers to a missing response " + entry.getValue().path("$ref").asText());
                continue;
            }
            JsonNode content = response.path("content");
            if (status.startsWith("2")) {
                success = true;
                if (!"204".equals(status) && !content.fields().hasNext()) {
                    found.add(where + status + " has no content (a 2xx without body is a 204)");
                }
                content.fields().forEachRemaining(media -> {
                    JsonNode schema = media.getValue().get("schema");
                    if (schema == null || schema.isEmpty()) {
                        found.add(where + status + " " + media.getKey() + " has no schema");
                    }
                });
            } else if (status.startsWith("4") || status.startsWith("5")) {
                String problem = content.path(ContractFilter.PROBLEM_MEDIA_TYPE).path("schema").path("$ref").asText("");
                if (!problem.startsWith("#/components/schemas/") || !problem.endsWith(ContractFilter.PROBLEM_SCHEMA)) {
                    found.add(where + status + " is not documented as problem+json with a Problem schema component");
                }
            }
        }
        if (!success) {
            found.add(where + "no 2xx answer");
        }
    }

    private static JsonNode resolve(JsonNode node, JsonNode components, String section) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        String prefix = "#/components/" + section + "/";
        return ref.startsWith(prefix) ? components.path(section).get(ref.substring(prefix.length())) : null;
    }
}
