package fr.bts.evaluation.grading;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomIdsTest {

    @Test
    void idsAreRandomVersion4UuidsLikeUuidRandomUuidAndAllDifferent() {
        RandomIds ids = RandomIds.of(1000);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID id = ids.next();
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            assertEquals(UUID.randomUUID().toString().length(), id.toString().length());
            assertEquals(id, UUID.fromString(id.toString()));
            assertTrue(seen.add(id), "id drawn twice: " + id);
        }
    }

    @Test
    void noMoreIdsThanDrawn() {
        RandomIds ids = RandomIds.of(2);
        ids.next();
        ids.next();
        assertThrows(IllegalStateException.class, ids::next);
    }
}
