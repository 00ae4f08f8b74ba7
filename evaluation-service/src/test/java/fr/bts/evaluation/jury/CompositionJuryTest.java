package fr.bts.evaluation.jury;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static fr.bts.evaluation.jury.QualiteJure.ENSEIGNANT_CHERCHEUR;
import static fr.bts.evaluation.jury.QualiteJure.IA_IPR;
import static fr.bts.evaluation.jury.QualiteJure.PROFESSEUR_PRIVE;
import static fr.bts.evaluation.jury.QualiteJure.PROFESSEUR_PUBLIC;
import static fr.bts.evaluation.jury.QualiteJure.PROFESSIONNEL_EMPLOYEUR;
import static fr.bts.evaluation.jury.QualiteJure.PROFESSIONNEL_SALARIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R19 ([S000], jury text identical for the six access routes): one row per invariant. */
class CompositionJuryTest {

    record Row(String rule, QualiteJure president, List<QualiteJure> membres, String expected) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        List<QualiteJure> valid = List.of(ENSEIGNANT_CHERCHEUR, PROFESSEUR_PUBLIC, PROFESSIONNEL_EMPLOYEUR, PROFESSIONNEL_SALARIE);
        return Stream.of(
                new Row("valid jury chaired by an IA-IPR", IA_IPR, valid, null),
                new Row("valid jury chaired by an enseignant-chercheur", ENSEIGNANT_CHERCHEUR, valid, null),
                new Row("president must be enseignant-chercheur or IA-IPR", PROFESSEUR_PUBLIC, valid, "président"),
                new Row("equal parts of teachers and professionals", IA_IPR,
                        List.of(ENSEIGNANT_CHERCHEUR, PROFESSEUR_PUBLIC, PROFESSIONNEL_EMPLOYEUR), "Parts égales"),
                new Row("at least one enseignant-chercheur among teachers", IA_IPR,
                        List.of(PROFESSEUR_PUBLIC, PROFESSEUR_PUBLIC, PROFESSIONNEL_EMPLOYEUR, PROFESSIONNEL_SALARIE), "enseignant-chercheur"),
                new Row("public teachers are the majority of teachers", IA_IPR,
                        List.of(ENSEIGNANT_CHERCHEUR, PROFESSEUR_PRIVE, PROFESSIONNEL_EMPLOYEUR, PROFESSIONNEL_SALARIE), "majorité"),
                new Row("an IA-IPR sits only as president", IA_IPR,
                        List.of(ENSEIGNANT_CHERCHEUR, IA_IPR, PROFESSIONNEL_EMPLOYEUR, PROFESSIONNEL_SALARIE), "IA-IPR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void checksR19(Row row) {
        List<String> violations = CompositionJury.violations(row.president(), row.membres());
        if (row.expected() == null) {
            assertEquals(List.of(), violations);
        } else {
            assertTrue(violations.stream().anyMatch(v -> v.contains(row.expected())), violations.toString());
        }
    }
}
