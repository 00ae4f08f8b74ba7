package fr.bts.gateway.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeFilterTest {

    @Test
    void accessLogFieldsStayValidJsonWhateverTheCallerPutInThePath() {
        String path = "/api/\"x\"\\y\n\u0001é";
        StringBuilder line = new StringBuilder("{");
        EdgeFilter.field(line, "path", path).append(',');
        EdgeFilter.field(line, "client", null).append('}');
        JsonObject parsed = new JsonObject(line.toString());
        assertEquals(path, parsed.getString("path"));
        assertTrue(parsed.containsKey("client"));
        assertTrue(line.indexOf("\n") < 0, "one line per request");
    }

    @Test
    void generatedRequestIdsAreVersion4Uuids() {
        String id = EdgeFilter.randomId();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
    }
}
