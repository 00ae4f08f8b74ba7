package fr.bts.commons.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import fr.bts.commons.problem.InputProblemMappers;
import fr.bts.commons.problem.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict reading rules and the 400 problems they give, on a mapper configured as the services' is. */
class StrictJsonTest {

    record Mark(String candidate, BigDecimal note, Integer version, Double ratio, List<String> units,
                Map<String, String> langues) {
    }

    record Wrapper(String label, Mark mark) {
    }

    private final ObjectMapper mapper = StrictJson.applyDefaults(new ObjectMapper());

    private Problem problemOf(String json, Class<?> type) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, type));
        Problem problem = InputProblemMappers.problemOf(e);
        assertNotNull(problem, () -> "no strict problem for " + e);
        assertEquals(400, problem.status());
        return problem;
    }

    record Deadline(Instant at) {
    }

    @Test
    void anInstantIsTextNeverANumberOfSeconds() throws Exception {
        for (String number : List.of("1e309", "-0", "0", "1735689600")) {
            var e = assertThrows(MismatchedInputException.class,
                    () -> mapper.readValue("{\"at\":" + number + "}", Deadline.class), number);
            assertEquals("at", e.getPath().get(0).getFieldName());
        }
        assertEquals(Instant.parse("2026-12-31T23:59:00Z"),
                mapper.readValue("{\"at\":\"2026-12-31T23:59:00Z\"}", Deadline.class).at());
        assertEquals(null, mapper.readValue("{\"at\":null}", Deadline.class).at());
        assertEquals("urn:bts:problem:invalid-character",
                problemOf("{\"at\":\"2026-12-31\\u0000\"}", Deadline.class).type().toString());
    }

    @Test
    void aNulInATextNamesTheField() {
        Problem p = problemOf("{\"label\":\"x\",\"mark\":{\"candidate\":\"Mar\\u0000tin\"}}", Wrapper.class);
        assertEquals("urn:bts:problem:invalid-character", p.type().toString());
        assertEquals("mark.candidate", p.violations().get(0).field());
    }

    @Test
    void controlCharactersInListItemsAndMapKeysAreRefused() {
        assertEquals("units[1]", problemOf("{\"units\":[\"U4\",\"U5\\u0007\"]}", Mark.class).violations().get(0).field());
        assertEquals("urn:bts:problem:invalid-character",
                problemOf("{\"langues\":{\"U2\\u0000\":\"ANGLAIS\"}}", Mark.class).type().toString());
    }

    @Test
    void aTreeIsCheckedWithThePathOfTheRefusedText() throws Exception {
        var tree = mapper.readTree("{\"blocs\":[{\"code\":\"B1\"},{\"intitule\":\"x\\u0000\"}]}");
        var e = assertThrows(fr.bts.commons.text.TextRefusedException.class, () -> StrictJson.checkTree(tree));
        assertEquals("blocs[1].intitule", InputProblemMappers.problemOf(e).violations().get(0).field());
    }

    @Test
    void tabAndNewlineAreKept() throws Exception {
        assertEquals("a\tb\nc", mapper.readValue("{\"candidate\":\"a\\tb\\nc\"}", Mark.class).candidate());
    }

    @Test
    void numbersOutOfRangeNameTheField() {
        for (String n : List.of("1e40", "1e309", "-1e309", "0.00000001", "1e1000000")) {
            Problem p = problemOf("{\"note\":" + n + "}", Mark.class);
            assertEquals("urn:bts:problem:number-out-of-range", p.type().toString(), n);
            assertEquals("note", p.violations().get(0).field(), n);
        }
        assertEquals("ratio", problemOf("{\"ratio\":1e309}", Mark.class).violations().get(0).field());
        assertEquals("ratio", problemOf("{\"ratio\":\"NaN\"}", Mark.class).violations().get(0).field());
        assertEquals("version", problemOf("{\"version\":99999999999}", Mark.class).violations().get(0).field());
        assertEquals("candidate", problemOf("{\"candidate\":1e40}", Mark.class).violations().get(0).field());
    }

    @Test
    void nanLiteralIsNotJson() {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"ratio\":NaN}", Mark.class));
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        Problem p = problemOf("{\"label\":\"a\",\"mark\":{\"candidate\":\"x\",\"candidate\":\"y\"}}", Wrapper.class);
        assertEquals("urn:bts:problem:malformed-body", p.type().toString());
        assertEquals("mark.candidate", p.violations().get(0).field());
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        assertEquals("urn:bts:problem:malformed-body", problemOf("{\"candidate\":\"x\"} {}", Mark.class).type().toString());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        Problem p = problemOf("{\"label\":" + deep + "}", Object.class);
        assertEquals("urn:bts:problem:malformed-body", p.type().toString());
    }

    @Test
    void ordinaryDocumentsStillRead() throws Exception {
        Mark m = mapper.readValue("{\"candidate\":\"Léa\",\"note\":15.5,\"version\":2,\"ratio\":0.25,"
                + "\"units\":[\"U4\"],\"langues\":{\"U21\":\"ANGLAIS\"}}", Mark.class);
        assertEquals(new BigDecimal("15.5"), m.note());
        assertEquals(2, m.version());
    }
}
