package fr.bts.gateway.docs;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiMergeTest {

    private static JsonObject doc(String path, String pageProperty) {
        return new JsonObject("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1.0"},"servers":[{"url":"http://internal"}],
                 "paths":{"%s":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}}},
                 "components":{"schemas":{"Problem":{"type":"object"},"Page":{"properties":{"%s":{"type":"array"}}}},
                               "securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}
                """.formatted(path, pageProperty));
    }

    @Test
    void keepsEveryPathAndSharesIdenticalComponents() {
        Map<String, JsonObject> docs = new LinkedHashMap<>();
        docs.put("referential", doc("/api/referential/v1/certifications", "items"));
        docs.put("evaluation", doc("/api/evaluations/v1/sessions", "items"));
        JsonObject merged = OpenApiMerge.merge("BTS", docs, List.of(), "https://api.example.fr");
        assertEquals(2, merged.getJsonObject("paths").size());
        assertEquals(2, merged.getJsonObject("components").getJsonObject("schemas").size());
        assertEquals("https://api.example.fr", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
        assertFalse(merged.containsKey("x-bts-unavailable-services"));
    }

    @Test
    void renamesAComponentThatAnotherServiceDefinesDifferentlyAndRewritesItsRefs() {
        Map<String, JsonObject> docs = new LinkedHashMap<>();
        docs.put("referential", doc("/api/referential/v1/certifications", "items"));
        docs.put("dossier", doc("/api/dossiers/v1/dossiers", "content"));
        JsonObject merged = OpenApiMerge.merge("BTS", docs, List.of("evaluation"), "https://api.example.fr");
        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertTrue(schemas.containsKey("Page"));
        assertTrue(schemas.containsKey("Dossier_Page"));
        assertTrue(schemas.getJsonObject("Dossier_Page").getJsonObject("properties").containsKey("content"));
        String ref = merged.getJsonObject("paths").getJsonObject("/api/dossiers/v1/dossiers").getJsonObject("get")
                .getJsonObject("responses").getJsonObject("200").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref");
        assertEquals("#/components/schemas/Dossier_Page", ref);
        assertEquals("evaluation", merged.getJsonArray("x-bts-unavailable-services").getString(0));
    }

    @Test
    void prefixesAnOperationIdThatAnotherServiceAlreadyUses() {
        Map<String, JsonObject> docs = new LinkedHashMap<>();
        docs.put("referential", new JsonObject("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1.0"},
                 "paths":{"/a":{"get":{"operationId":"getItem","responses":{"200":{"description":"ok"}}}}}}
                """));
        docs.put("dossier", new JsonObject("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1.0"},
                 "paths":{"/b":{"get":{"operationId":"getItem","responses":{"200":{"description":"ok"}}}},
                          "/c":{"post":{"operationId":"createThing","responses":{"200":{"description":"ok"}}}}}}
                """));
        JsonObject paths = OpenApiMerge.merge("BTS", docs, List.of(), "https://api.example.fr").getJsonObject("paths");
        assertEquals("getItem", paths.getJsonObject("/a").getJsonObject("get").getString("operationId"));
        assertEquals("dossierGetItem", paths.getJsonObject("/b").getJsonObject("get").getString("operationId"));
        assertEquals("createThing", paths.getJsonObject("/c").getJsonObject("post").getString("operationId"));
    }
}
