package fr.bts.evaluation.grading;

import fr.bts.commons.problem.Problem.Violation;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemMappers;
import fr.bts.commons.problem.ProblemType;
import fr.bts.evaluation.api.GradeDtos.Batch;
import fr.bts.evaluation.api.GradeDtos.BatchItem;
import fr.bts.evaluation.deliberation.StatutNote;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BatchShape} answers what bean validation answered for a batch body (the endpoint's {@code @Valid Batch}
 * until issue 16): for each body below, the violations of the one-pass check equal those of Hibernate Validator reading
 * the records' annotations, mapped to fields by commons {@link ProblemMappers} — same fields, messages and rejected
 * values.
 */
class BatchShapeTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    /** The endpoint's parameter as it was declared before the one-pass check. */
    static final class Endpoint {
        @SuppressWarnings("unused")
        void batch(@NotNull @Valid Batch batch) {
        }
    }

    record Body(String name, Batch batch) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Body> bodies() {
        Map<String, String> wideGrid = new LinkedHashMap<>();
        IntStream.range(0, 51).forEach(i -> wideGrid.put("C" + i, "acquis"));
        Map<String, String> badCriteria = new LinkedHashMap<>();
        badCriteria.put(" ", "acquis");
        badCriteria.put("C2", "x".repeat(201));
        badCriteria.put("C3", "");
        badCriteria.put("C4", null);
        return Stream.of(
                new Body("a good batch", batch(good(), good())),
                new Body("no grades", new Batch(null)),
                new Body("an empty list", batch()),
                new Body("a null item among good ones", batch(good(), null, good())),
                new Body("blank, empty and missing candidates", batch(candidate(" "), candidate(""), candidate(null))),
                new Body("a candidate and an épreuve too long", batch(candidate("9".repeat(65)), epreuve("E".repeat(17)))),
                new Body("texts at their limits", batch(candidate("9".repeat(64)), epreuve("E".repeat(16)),
                        comment("c".repeat(2000)))),
                new Body("missing épreuve and status", batch(new BatchItem("0001", null, null, null, null, null, null, null, null))),
                new Body("a grid of 51 criteria", batch(grid(wideGrid))),
                new Body("blank and long criteria", batch(grid(badCriteria))),
                new Body("a comment too long", batch(comment("c".repeat(2001)))),
                new Body("several problems over several items", batch(good(), candidate(""), null, epreuve(""),
                        grid(Map.of("", "")), comment("c".repeat(3000)))));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void oneCheckFindsWhatBeanValidationFinds(Body body) throws Exception {
        Method batch = Endpoint.class.getDeclaredMethod("batch", Batch.class);
        List<String> expected = VALIDATOR.forExecutables().validateParameters(new Endpoint(), batch, new Object[] {body.batch()})
                .stream().map(v -> line(ProblemMappers.fieldOf(v), v.getMessage(), ProblemMappers.safeValue(v.getInvalidValue())))
                .sorted().toList();
        List<Violation> found = BatchShape.check(body.batch());
        assertEquals(expected, found.stream().map(v -> line(v.field(), v.message(), v.rejectedValue())).sorted().toList());
        assertEquals(found.stream().sorted(Comparator.comparing(Violation::field)).toList(), found, "sorted by field");
    }

    @Test
    void aBadBatchIsThe422BeanValidationGave() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> BatchShape.require(batch(candidate(""), epreuve("E".repeat(17)))));
        assertEquals(ProblemType.VALIDATION.uri(), refused.problem().type());
        assertEquals("2 fields are invalid", refused.problem().detail());
        assertEquals(List.of("grades[0].candidate", "grades[1].epreuve"),
                refused.problem().violations().stream().map(Violation::field).toList());
        assertEquals("1 field is invalid", assertThrows(ProblemException.class, () -> BatchShape.require(batch()))
                .problem().detail());
        BatchShape.require(batch(good()));
        assertTrue(BatchShape.check(batch(good())).isEmpty());
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static String line(String field, String message, Object value) {
        return field + " | " + message + " | " + value;
    }

    private static Batch batch(BatchItem... items) {
        return new Batch(new ArrayList<>(Arrays.asList(items)));
    }

    private static BatchItem good() {
        return new BatchItem("0001", "E1", StatutNote.NOTE, new BigDecimal("12"), null, null, Map.of("C1", "acquis"), "bien", null);
    }

    private static BatchItem candidate(String number) {
        return new BatchItem(number, "E1", StatutNote.NOTE, new BigDecimal("12"), null, null, null, null, null);
    }

    private static BatchItem epreuve(String code) {
        return new BatchItem("0001", code, StatutNote.NOTE, new BigDecimal("12"), null, null, null, null, 0L);
    }

    private static BatchItem grid(Map<String, String> grid) {
        return new BatchItem("0001", "E1", StatutNote.NOTE, new BigDecimal("12"), null, null, grid, null, null);
    }

    private static BatchItem comment(String text) {
        return new BatchItem("0001", "E1", StatutNote.ABSENT, null, null, null, null, text, null);
    }
}
