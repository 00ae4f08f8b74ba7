package fr.bts.evaluation.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.deliberation.ReglesExamen;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-instance cache of parsed exam rules: shared by the sessions of one version, bounded, never stale. */
class ExamRulesCacheTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String stored(String fixture) throws IOException {
        return MAPPER.writeValueAsString(ExamRules.from(ExamRulesTest.fixture(fixture)).regles());
    }

    @Test
    void sessionsOnTheSameVersionShareOneParsedRuleSet() throws IOException {
        ExamRulesCache cache = new ExamRulesCache(8, MAPPER);
        // two sessions: two rows, two equal copies read separately
        ReglesExamen first = cache.get("BTS-SAM", 1, stored("sam-v1.json"));
        ReglesExamen second = cache.get("BTS-SAM", 1, stored("sam-v1.json"));
        assertSame(first, second);
        assertEquals(1, cache.size());
        assertEquals(MAPPER.readValue(stored("sam-v1.json"), ReglesExamen.class), first);
    }

    @Test
    void anEntryIsTheStoredCopyItselfNeverAnotherCopyOfTheSameVersion() throws IOException {
        ExamRulesCache cache = new ExamRulesCache(8, MAPPER);
        ReglesExamen original = cache.get("BTS-SAM", 1, stored("sam-v1.json"));
        ReglesExamen rewritten = MAPPER.readValue(stored("sam-v1.json"), ReglesExamen.class);
        String otherCopy = MAPPER.writeValueAsString(new ReglesExamen(rewritten.epreuves(), rewritten.unitesParBloc(),
                new BigDecimal("12"), rewritten.seuilInclusif(), rewritten.coefficientFacultatifParDefaut(), rewritten.noteAcquisition()));
        ReglesExamen other = cache.get("BTS-SAM", 1, otherCopy);
        assertNotSame(original, other);
        assertEquals(0, new BigDecimal("12").compareTo(other.seuil()), "served from its own row, not from the version's first copy");
        assertEquals(0, new BigDecimal("10").compareTo(cache.get("BTS-SAM", 1, stored("sam-v1.json")).seuil()));
    }

    @Test
    void staysWithinItsBoundAndParsesAnEvictedSetAgain() throws IOException {
        ExamRulesCache cache = new ExamRulesCache(2, MAPPER);
        String sam = stored("sam-v1.json");
        String gpme = stored("gpme-v1.json");
        for (int version = 1; version <= 50; version++) {
            cache.get("BTS-SAM", version, sam);
            cache.get("BTS-GPME", version, gpme);
            assertTrue(cache.size() <= 2, "bounded: " + cache.size());
        }
        assertEquals(MAPPER.readValue(sam, ReglesExamen.class), cache.get("BTS-SAM", 1, sam));
    }

    @Test
    void anUnreadableCopyFailsAndIsNotKept() {
        ExamRulesCache cache = new ExamRulesCache(2, MAPPER);
        assertThrows(IllegalStateException.class, () -> cache.get("BTS-SAM", 1, "{not json"));
        assertEquals(0, cache.size());
    }
}
