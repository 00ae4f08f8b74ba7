package fr.bts.commons.http;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsTest {

    @Test
    void keepsASaneIdFromTheGateway() {
        assertEquals("e2e-smoke-1", RequestIds.sanitize("e2e-smoke-1"));
    }

    @Test
    void replacesMissingOverlongOrHostileIdsWithAUuid() {
        for (String hostile : new String[] {null, "", "a".repeat(129), "id\r\nX-Injected: 1", "<script>"}) {
            String id = RequestIds.sanitize(hostile);
            assertNotEquals(hostile, id);
            assertEquals(id, UUID.fromString(id).toString());
        }
    }

    @Test
    void generatedRequestIdsAreVersion4Uuids() {
        String id = RequestIds.randomId();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
    }
}
