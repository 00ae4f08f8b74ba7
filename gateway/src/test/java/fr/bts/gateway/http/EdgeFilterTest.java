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
}
