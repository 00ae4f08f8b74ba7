package fr.bts.evaluation.grading;

import fr.bts.commons.problem.Problem.Violation;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.Origine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One row per grading rule, each citing its source. Épreuves: GPME E4 marked by CCF situations A /14 and B /6
 * ([S004], R4), SAM E1 by three CCF situations of equal weight (R4, « 3 situations de poids identique »), SAM E5 a
 * direct mark /20; the step is {@code evaluation.grades.step} (0.5 by default, README configuration table).
 */
class GradingRulesTest {

    private static final GradingRules RULES = new GradingRules(new MarkScale(new BigDecimal("0.5")));

    private static final ReglesExamen REGLES = new ReglesExamen(List.of(
            new EpreuveExamen("E4", "U4", "GPME E4", new BigDecimal("6"), false, null,
                    List.of(new SituationExamen("A", new BigDecimal("14")), new SituationExamen("B", new BigDecimal("6")))),
            new EpreuveExamen("E1", "U1", "SAM E1", new BigDecimal("3"), false, null,
                    List.of(new SituationExamen("S1", null), new SituationExamen("S2", null), new SituationExamen("S3", null))),
            new EpreuveExamen("E5", "U5", "SAM E5", new BigDecimal("4"), false, null, List.of()),
            new EpreuveExamen("EF1", "UF1", "Facultative", null, true, null, List.of())),
            Map.of(), BigDecimal.TEN, true, null, null);

    /** The candidate sits E4, E1 and E5, not EF1. */
    private static final Set<String> SITS = Set.of("E4", "E1", "E5");

    record Row(String rule, String epreuve, GradeInput input, List<String> expected) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // Direct mark on the épreuve's scale (contracts: noteSur 20 unless the version says otherwise).
                new Row("a direct mark within 0..20 on the step is accepted", "E5", note("13.5"), List.of()),
                new Row("bounds include 0 and the scale", "E5", note("20"), List.of()),
                new Row("a mark above the scale is refused", "E5", note("20.5"), List.of("note: must be between 0 and 20")),
                new Row("a negative mark is refused", "E5", note("-1"), List.of("note: must be between 0 and 20")),
                // evaluation.grades.step: a mark is a multiple of the step.
                new Row("a mark off the step is refused", "E5", note("12.25"), List.of("note: must be a multiple of 0.5")),
                // Sessions grade only the épreuves of their referential version.
                new Row("an épreuve outside the session's rules is refused alone", "E9", note("12"),
                        List.of("epreuve: no gradable épreuve E9 in this session")),
                // Registration snapshot: a candidate is graded only at the épreuves they sit.
                new Row("an épreuve the candidate does not sit is refused", "EF1", note("12"),
                        List.of("epreuve: candidate 0001 does not sit EF1")),
                // Brief §6 StatutNote / R13: INSCRIPTION grades come from the registration snapshot only.
                new Row("origine INSCRIPTION is refused from a jury", "E5",
                        new GradeInput(StatutNote.NOTE, new BigDecimal("12"), null, Origine.INSCRIPTION, null, null),
                        List.of("origine: INSCRIPTION grades come from the registration snapshot")),
                // R18: a CCF proposal is a grade like another until the jury decides.
                new Row("origine PROPOSITION_CCF is accepted", "E5",
                        new GradeInput(StatutNote.NOTE, new BigDecimal("12"), null, Origine.PROPOSITION_CCF, null, null), List.of()),
                // Brief §6 StatutNote, R8/R9/R12: dispenses and bénéfices come from the registration.
                new Row("DISPENSE is refused from a jury", "E5", status(StatutNote.DISPENSE),
                        List.of("statut: DISPENSE comes from the registration (dispenses, bénéfices), not from a jury")),
                new Row("BENEFICE is refused from a jury", "E5", status(StatutNote.BENEFICE),
                        List.of("statut: BENEFICE comes from the registration (dispenses, bénéfices), not from a jury")),
                // Brief §6 StatutNote: ABSENT, ABSENT_JUSTIFIE (R17) and NV (R13) are statuses without a mark.
                new Row("ABSENT without a mark is accepted", "E5", status(StatutNote.ABSENT), List.of()),
                new Row("ABSENT_JUSTIFIE with a mark is refused", "E5",
                        new GradeInput(StatutNote.ABSENT_JUSTIFIE, new BigDecimal("8"), null, null, null, null),
                        List.of("note: a grade ABSENT_JUSTIFIE carries no mark")),
                new Row("NV with situation marks is refused", "E4",
                        new GradeInput(StatutNote.NV, null, marks("A", "10"), null, null, null),
                        List.of("note: a grade NV carries no mark")),
                new Row("NOTE without any mark is refused", "E5", status(StatutNote.NOTE),
                        List.of("note: a grade NOTE needs a mark (or CCF situation marks)")),
                // R4 ([S004] GPME E4): situation A on 14 points, B on 6.
                new Row("CCF situation marks within their points are accepted", "E4", situations("A", "14", "B", "5.5"), List.of()),
                new Row("a CCF situation mark above its points is refused", "E4", situations("A", "14.5", "B", "6"),
                        List.of("situations.A: must be between 0 and 14")),
                new Row("a CCF situation mark off the step is refused", "E4", situations("A", "10.3"),
                        List.of("situations.A: must be a multiple of 0.5")),
                new Row("an unknown CCF situation is refused", "E4", situations("C", "3"),
                        List.of("situations.C: no situation C in E4")),
                // R4 (SAM E1, situations of equal weight): each marked on the épreuve's scale.
                new Row("equal-weight situations are each marked on the épreuve's scale", "E1", situations("S1", "18", "S2", "20"), List.of()),
                new Row("an equal-weight situation above the scale is refused", "E1", situations("S3", "21"),
                        List.of("situations.S3: must be between 0 and 20")),
                // R4: situations only on an épreuve marked by situations; never a mark and situations together.
                new Row("situation marks on a directly marked épreuve are refused", "E5", situations("A", "10"),
                        List.of("situations: E5 is not marked by CCF situations")),
                new Row("a mark and situation marks together are refused", "E4",
                        new GradeInput(StatutNote.NOTE, new BigDecimal("12"), marks("A", "10"), null, null, null),
                        List.of("note: give either the mark or the CCF situation marks, not both")),
                // Every problem is listed, each on its field (all-or-nothing answers list them all).
                new Row("every problem is listed with its prefixed field", "EF1",
                        new GradeInput(StatutNote.NOTE, new BigDecimal("25"), null, Origine.INSCRIPTION, null, null),
                        List.of("epreuve: candidate 0001 does not sit EF1", "origine: INSCRIPTION grades come from the registration snapshot",
                                "note: must be between 0 and 20")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rule(Row row) {
        List<Violation> found = RULES.check(REGLES, "0001", SITS, row.epreuve(), row.input(), "grades[3].");
        assertEquals(row.expected().stream().map(e -> "grades[3]." + e).toList(),
                found.stream().map(v -> v.field() + ": " + v.message()).toList());
    }

    private static GradeInput note(String mark) {
        return new GradeInput(StatutNote.NOTE, new BigDecimal(mark), null, null, null, null);
    }

    private static GradeInput status(StatutNote statut) {
        return new GradeInput(statut, null, null, null, null, null);
    }

    private static GradeInput situations(String... codeAndMark) {
        return new GradeInput(StatutNote.NOTE, null, marks(codeAndMark), null, null, null);
    }

    private static Map<String, BigDecimal> marks(String... codeAndMark) {
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        for (int i = 0; i < codeAndMark.length; i += 2) {
            marks.put(codeAndMark[i], new BigDecimal(codeAndMark[i + 1]));
        }
        return marks;
    }
}
