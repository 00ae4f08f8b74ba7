package fr.bts.evaluation.grading;

import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One row per rule of a batch item's plan against the stored grade (docs/contracts.md grade batches: all or nothing,
 * optimistic versions, each item's outcome); a conflict is reported on its field.
 */
class GradeChangeTest {

    record Row(String rule, Grade stored, GradeInput input, Long version, Outcome outcome, String conflict) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("no stored grade and no version: created", null, note("12"), null, Outcome.CREATED, null),
                new Row("no stored grade but a version: conflict", null, note("12"), 0L, null,
                        "grades[2].version: no grade exists yet; omit version to create it"),
                // The same content is idempotent whatever the version sent (a jury app resending its grades).
                new Row("same content: unchanged, without a version", stored("12", Origine.COMMISSION, 3), note("12.00"), null,
                        Outcome.UNCHANGED, null),
                new Row("same content: unchanged, with a stale version", stored("12", Origine.COMMISSION, 3), note("12"), 1L,
                        Outcome.UNCHANGED, null),
                // Optimistic versions: an update names the version it changes.
                new Row("new content at the stored version: updated", stored("12", Origine.COMMISSION, 3), note("13"), 3L,
                        Outcome.UPDATED, null),
                new Row("new content at another version: conflict", stored("12", Origine.COMMISSION, 3), note("13"), 2L, null,
                        "grades[2].version: the grade exists at version 3; send that version to update it"),
                new Row("new content without a version: conflict", stored("12", Origine.COMMISSION, 3), note("13"), null, null,
                        "grades[2].version: the grade exists at version 3; send that version to update it"),
                // Brief §6 StatutNote, R13: what the registration gave is never a jury's to change, even unchanged.
                new Row("a registration grade: conflict", stored("12", Origine.INSCRIPTION, 0), note("12"), 0L, null,
                        "grades[2]: E5 is NOTE by the registration; a jury does not grade it"),
                // An absent origin is COMMISSION; empty maps are none.
                new Row("origine COMMISSION given explicitly equals an absent one", stored("12", Origine.COMMISSION, 1),
                        new GradeInput(StatutNote.NOTE, new BigDecimal("12"), Map.of(), Origine.COMMISSION, Map.of(), null), null,
                        Outcome.UNCHANGED, null),
                new Row("a CCF proposal replaced by the commission's mark is a change", stored("12", Origine.PROPOSITION_CCF, 1),
                        note("12"), 1L, Outcome.UPDATED, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rule(Row row) {
        GradeChange change = GradeChange.of(row.stored(), row.input(), row.version(), "E5", "grades[2]");
        assertEquals(row.outcome(), change.outcome());
        assertEquals(row.conflict(), change.conflict() == null ? null : change.conflict().field() + ": " + change.conflict().message());
    }

    private static GradeInput note(String mark) {
        return new GradeInput(StatutNote.NOTE, new BigDecimal(mark), null, null, null, null);
    }

    private static Grade stored(String mark, Origine origine, long version) {
        Grade grade = GradeContent.newGrade(UUID.randomUUID(), UUID.randomUUID(), "E5", note(mark), "jury", Instant.EPOCH);
        grade.origine = origine;
        grade.version = version;
        return grade;
    }
}
