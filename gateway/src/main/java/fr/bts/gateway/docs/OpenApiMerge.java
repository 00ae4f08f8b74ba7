package fr.bts.gateway.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the services' OpenAPI documents into one, as seen from the gateway (its public URL as the server). Paths do
 * not overlap (each service owns its prefixes); a component that two services define differently under
 * the same name is renamed {@code <Service>_<Name>} in the second one, and that service's {@code $ref}s
 * are rewritten, so nothing is silently replaced; an operationId that two services use is prefixed with the second
 * service's name, so that operationIds stay unique. Plain Java on Vert.x JSON values.
 */
public final class OpenApiMerge {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerge() {
    }

    /** @param documents service name → its OpenAPI document (absent services are listed as unavailable) */
    public static JsonObject merge(String title, Map<String, JsonObject> documents, List<String> unavailable,
                                   String server) {
        JsonObject paths = new JsonObject(new TreeMap<>());
        JsonObject components = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        List<String> versions = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, JsonObject> entry : documents.entrySet()) {
            String service = entry.getKey();
            JsonObject document = entry.getValue().copy();
            Map<String, String> renames = new LinkedHashMap<>();
            JsonObject theirs = document.getJsonObject("components", new JsonObject());
            for (String section : theirs.fieldNames()) {
                JsonObject ours = components.getJsonObject(section);
                if (ours == null) {
                    ours = new JsonObject();
                    components.put(section, ours);
                }
                JsonObject items = theirs.getJsonObject(section);
                for (String name : items.fieldNames()) {
                    if (ours.containsKey(name) && !ours.getValue(name).equals(items.getValue(name))) {
                        renames.put("#/components/" + section + "/" + name,
                                "#/components/" + section + "/" + capitalised(service) + "_" + name);
                    }
                }
            }
            if (!renames.isEmpty()) {
                document = (JsonObject) rewriteRefs(document, renames);
            }
            JsonObject renamed = document.getJsonObject("components", new JsonObject());
            for (String section : renamed.fieldNames()) {
                JsonObject ours = components.getJsonObject(section);
                renamed.getJsonObject(section).forEach(item -> {
                    String original = "#/components/" + section + "/" + item.getKey();
                    String target = renames.getOrDefault(original, original);
                    ours.put(target.substring(target.lastIndexOf('/') + 1), item.getValue());
                });
            }
            document.getJsonObject("paths", new JsonObject()).forEach(path -> {
                if (path.getValue() instanceof JsonObject item) {
                    uniqueOperationIds(service, item, operationIds);
                }
                paths.put(path.getKey(), path.getValue());
            });
            document.getJsonArray("tags", new JsonArray()).forEach(tag -> {
                if (tag instanceof JsonObject t && t.getString("name") != null) {
                    tags.putIfAbsent(t.getString("name"), t);
                }
            });
            String version = document.getJsonObject("info", new JsonObject()).getString("version");
            versions.add(service + " " + (version == null ? "?" : version));
        }
        String openapi = documents.values().stream().map(d -> d.getString("openapi")).filter(v -> v != null)
                .findFirst().orElse("3.1.0");
        JsonObject info = new JsonObject().put("title", title).put("version", String.join(", ", versions))
                .put("description", "Every API of the suite, through the gateway. Services: " + documents.keySet()
                        + (unavailable.isEmpty() ? "" : "; not available right now: " + unavailable));
        JsonObject merged = new JsonObject()
                .put("openapi", openapi)
                .put("info", info)
                .put("servers", servers(server))
                .put("paths", paths);
        if (!tags.isEmpty()) {
            merged.put("tags", new JsonArray(new ArrayList<>(tags.values())));
        }
        if (!components.isEmpty()) {
            merged.put("components", components);
        }
        if (!unavailable.isEmpty()) {
            merged.put("x-bts-unavailable-services", new JsonArray(new ArrayList<>(unavailable)));
        }
        return merged;
    }

    /** One service's document as served by the gateway: same content, the gateway's public URL as server. */
    public static JsonObject throughGateway(JsonObject document, String server) {
        return document.copy().put("servers", servers(server));
    }

    private static JsonArray servers(String server) {
        return new JsonArray().add(new JsonObject().put("url", server));
    }

    /**
     * operationIds stay unique in the merged document (a generated client names its methods after them): one that an
     * earlier service already uses becomes {@code <service><OperationId>}.
     */
    private static void uniqueOperationIds(String service, JsonObject item, Set<String> taken) {
        for (String method : METHODS) {
            JsonObject operation = item.getJsonObject(method);
            String id = operation == null ? null : operation.getString("operationId");
            if (id == null || id.isEmpty()) {
                continue;
            }
            String unique = id;
            if (taken.contains(unique)) {
                unique = service + Character.toUpperCase(id.charAt(0)) + id.substring(1);
                for (int n = 2; taken.contains(unique); n++) {
                    unique = service + Character.toUpperCase(id.charAt(0)) + id.substring(1) + n;
                }
                operation.put("operationId", unique);
            }
            taken.add(unique);
        }
    }

    private static Object rewriteRefs(Object node, Map<String, String> renames) {
        if (node instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            object.forEach(field -> {
                Object value = field.getValue();
                if ("$ref".equals(field.getKey()) && value instanceof String ref && renames.containsKey(ref)) {
                    copy.put(field.getKey(), renames.get(ref));
                } else {
                    copy.put(field.getKey(), rewriteRefs(value, renames));
                }
            });
            return copy;
        }
        if (node instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(value -> copy.add(rewriteRefs(value, renames)));
            return copy;
        }
        return node;
    }

    private static String capitalised(String service) {
        return service.isEmpty() ? service : Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
