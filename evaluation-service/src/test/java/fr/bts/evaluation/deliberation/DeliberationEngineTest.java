package fr.bts.evaluation.deliberation;

import fr.bts.evaluation.deliberation.DossierCandidat.Adjustment;
import fr.bts.evaluation.deliberation.DossierCandidat.Evaluation;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One row per rule of domain-brief §4, each citing its source. SAM coefficients from [S002] Annexe II.C
 * (E1 3, E21 2, E22 1, E3 3, E4 4, E5 4, E6 4, Σ 21; EF1/EF2 facultative without coefficient); GPME E4 from
 * [S004] (coefficient 6, CCF situations A 14 points + B 6 points).
 */
class DeliberationEngineTest {

    private static final DeliberationEngine ENGINE = new DeliberationEngine();

    record Row(String rule, ReglesExamen regles, Candidat candidat, Decision decision, String moyenne,
               Consumer<ResultatCandidat> more) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // R2 + R5 ([S002] II.C): Σ coef × note / Σ coef, E21 and E22 separate units with their own coefficients.
                // 3×10 + 2×14 + 1×8 + 3×11 + 4×12 + 4×9 + 4×13 = 235; 235 / 21 = 11.190… → 11.19
                new Row("R2 weighted average over compulsory units", sam(),
                        candidat().marks("E1", "10", "E21", "14", "E22", "8", "E3", "11", "E4", "12", "E5", "9", "E6", "13"),
                        Decision.ADMIS, "11.19", r -> {
                            assertEquals(0, new BigDecimal("235").compareTo(r.totalPoints()));
                            assertEquals(0, new BigDecimal("21").compareTo(r.totalCoefficients()));
                        }),
                // R1c + issue 5: seeds load ≥ 10/20 (Code de l'éducation art. D643-13), inclusive.
                new Row("R1c average exactly at the threshold passes when inclusive", sam(),
                        candidat().allSam("10"), Decision.ADMIS, "10", r -> { }),
                // R1 ([S000] « supérieure à 10/20 ») kept overridable: the same marks fail with a strict threshold.
                new Row("R1 strict threshold from the version's rule data", samStrict(),
                        candidat().allSam("10"), Decision.AJOURNE, "10", r -> { }),
                new Row("R1 average below the threshold fails", sam(),
                        candidat().allSam("9.5"), Decision.AJOURNE, "9.5", r -> { }),
                // Arrondi: 209.5 / 21 = 9.976… shown truncated 9.97, decision on the exact figures.
                new Row("Rounding: shown average truncated, decision exact", sam(),
                        candidat().allSam("10").mark("E22", "9.5"), Decision.AJOURNE, "9.97", r -> { }),
                // R8/R12 ([S002] II.B; brief §5.3.9): dispensed U1 out of both sums: 186 / 18 = 10.333… → 10.33
                new Row("R12 dispensed unit out of both sums", sam(),
                        candidat().status("E1", StatutNote.DISPENSE)
                                .marks("E21", "8", "E22", "8", "E3", "10", "E4", "12", "E5", "11", "E6", "10"),
                        Decision.ADMIS, "10.33", r -> assertEquals(0, new BigDecimal("18").compareTo(r.totalCoefficients()))),
                // R9 ([S002] Art. 8): a bénéfice counts with its kept mark: 210 − 30 + 37.5 = 217.5 / 21 = 10.357 → 10.35
                new Row("R9 bénéfice counts with its kept mark", sam(),
                        candidat().allSam("10").benefice("E3", "12.5"), Decision.ADMIS, "10.35", r -> { }),
                // R3 ([S002] II.C fn. 3): (14 − 10) × 1 (default coefficient) = 4 added to the numerator only:
                // (206 + 4) / 21 = 10.00 → passes, where 206 / 21 = 9.80 alone fails.
                new Row("R3 facultative points above 10 added to the numerator only", sam(),
                        candidat().allSam("10").mark("E4", "9").facultative("EF1", "14"), Decision.ADMIS, "10", r -> {
                            assertEquals(0, new BigDecimal("4").compareTo(r.pointsFacultatifs()));
                            assertEquals(0, new BigDecimal("21").compareTo(r.totalCoefficients()));
                        }),
                new Row("R3 facultative mark below 10 brings nothing", sam(),
                        candidat().allSam("10").mark("E4", "9").facultative("EF1", "8"), Decision.AJOURNE, "9.8",
                        r -> assertEquals(0, r.pointsFacultatifs().signum())),
                // R13 ([S002] II.D E4 §3.1, E5 §3.1): NV blocks whatever the average, named.
                new Row("R13 NV on a compulsory unit: not delivered whatever the average", sam(),
                        candidat().allSam("18").status("E5", StatutNote.NV), Decision.NON_DELIVRE_NV, null,
                        r -> assertEquals(List.of("E5"), r.epreuvesNv())),
                // Issue 5 (R17 not given by the sources): unjustified absence → not delivered at this session, named.
                new Row("Unjustified absence: not delivered at this session", sam(),
                        candidat().allSam("15").status("E6", StatutNote.ABSENT), Decision.NON_DELIVRE_ABSENCE, null,
                        r -> assertEquals(List.of("E6"), r.epreuvesAbsent())),
                new Row("NV takes precedence over absence, both named", sam(),
                        candidat().allSam("15").status("E6", StatutNote.ABSENT).status("E4", StatutNote.NV),
                        Decision.NON_DELIVRE_NV, null, r -> {
                            assertEquals(List.of("E4"), r.epreuvesNv());
                            assertEquals(List.of("E6"), r.epreuvesAbsent());
                        }),
                new Row("Justified absence: no decision at this session", sam(),
                        candidat().allSam("15").status("E3", StatutNote.ABSENT_JUSTIFIE),
                        Decision.SANS_DECISION_ABSENCE_JUSTIFIEE, null, r -> { }),
                // R11 ([S002] Art. 7): forme progressive, only E1 and E3 this session → unit results, no decision.
                new Row("R11 forme progressive without every compulsory unit: no decision", sam(),
                        candidat().progressive().only("E1", "E3").marks("E1", "12", "E3", "8"),
                        Decision.SANS_DECISION_PROGRESSIVE, null, r -> {
                            assertEquals(List.of("E21", "E22", "E4", "E5", "E6"), r.epreuvesManquantes());
                            assertTrue(r.unites().stream().anyMatch(u -> u.epreuve().equals("E1") && u.acquise()));
                            assertTrue(r.unites().stream().anyMatch(u -> u.epreuve().equals("E3") && !u.acquise()));
                        }),
                new Row("R11 forme progressive completed by bénéfices and dispenses gets a decision", sam(),
                        candidat().progressive().only("E4", "E5", "E6").marks("E4", "12", "E5", "12", "E6", "12")
                                .status("E1", StatutNote.DISPENSE).benefice("E21", "11").benefice("E22", "10")
                                .benefice("E3", "10"),
                        Decision.ADMIS, "11.44", r -> { }), // (22 + 10 + 30 + 144) / 18
                new Row("Forme globale with a mark missing cannot be decided", sam(),
                        candidat().allSam("12").without("E6"), Decision.INCOMPLET, null,
                        r -> assertEquals(List.of("E6"), r.epreuvesManquantes())),
                // R4 ([S004]): GPME E4 CCF: A 10/14 + B 4.5/6 = 14.5/20, coefficient 6.
                new Row("R4 CCF situations summed to /20", gpme(),
                        candidat().voie("FORMATION_CONTINUE").situations("E4", "A", "10", "B", "4.5"), Decision.ADMIS, "14.5",
                        r -> assertEquals(0, new BigDecimal("87").compareTo(r.totalPoints()))),
                // R4 ([S002] II.D E1): CCF « 3 situations d'évaluation de poids identique », each /20, brought to /20:
                // 12 + 14 + 10.5 = 36.5 / 60 → 12.166… → 12.17 (Arrondi.surVingt, half-up); other units 10:
                // (180 + 3 × 12.17) / 21 = 216.51 / 21 = 10.31
                new Row("R4 CCF situations of equal weight averaged to /20", samE1Ccf(),
                        candidat().allSam("10").situations("E1", "1", "12", "2", "14", "3", "10.5"), Decision.ADMIS, "10.31",
                        r -> assertTrue(r.lignes().get(0).startsWith("E1 (U1) : 1 12/20 + 2 14/20 + 3 10.5/20 = 36.5/60 → 12.17/20"),
                                r.lignes().get(0))),
                new Row("R4 CCF with a situation missing is not a mark yet", gpme(),
                        candidat().situations("E4", "A", "10"), Decision.INCOMPLET, null, r -> { }),
                // R6/R7 ([S000]): unit ≥ 10 validates its bloc; automatic attestation for FPC and VAE.
                new Row("R6 attestation automatic for continuing education", gpme(),
                        candidat().voie("FORMATION_CONTINUE").mark("E4", "10"), Decision.ADMIS, "10", r -> {
                            assertEquals(List.of("RNCP38363BC01"), r.blocsValides());
                            assertEquals(Delivrance.AUTOMATIQUE, r.attestations().get(0).delivrance());
                        }),
                new Row("R6 attestation automatic for VAE", gpme(),
                        candidat().voie("EXPERIENCE_VAE").mark("E4", "16"), Decision.ADMIS, "16",
                        r -> assertEquals(Delivrance.AUTOMATIQUE, r.attestations().get(0).delivrance())),
                new Row("R6 attestation on request for the other routes", gpme(),
                        candidat().voie("ELEVE_ETUDIANT").mark("E4", "12"), Decision.ADMIS, "12",
                        r -> assertEquals(Delivrance.SUR_DEMANDE, r.attestations().get(0).delivrance())),
                new Row("R7 unit below 10 validates no bloc", gpme(),
                        candidat().voie("FORMATION_CONTINUE").mark("E4", "9.5"), Decision.AJOURNE, "9.5",
                        r -> assertTrue(r.attestations().isEmpty())),
                // R7 (multi-unit bloc not given for SAM bloc 5 = U21 + U22): validated only when both are acquired.
                new Row("R7 two-unit bloc needs both units", sam(),
                        candidat().allSam("12").mark("E22", "9"), Decision.ADMIS, "11.85", r -> {
                            assertTrue(!r.blocsValides().contains("SAM-BC05"));
                            assertTrue(r.blocsValides().contains("SAM-BC01"));
                        }),
                // R18 ([S002] E1, [S004]): the final mark is « arrêtée par le jury » — a president's adjustment counts.
                new Row("R18 president's adjustment replaces the mark and is explained", sam(),
                        candidat().allSam("10").mark("E4", "9").adjust("E4", "10", "harmonisation"), Decision.ADMIS, "10", r -> {
                            assertTrue(r.unites().stream().anyMatch(u -> u.epreuve().equals("E4") && u.ajustee()));
                            assertTrue(r.lignes().stream().anyMatch(l -> l.contains("harmonisation")));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void appliesTheRule(Row row) {
        ResultatCandidat result = ENGINE.deliberer(row.regles(), row.candidat().build());
        assertEquals(row.decision(), result.decision(), () -> String.join("\n", result.lignes()));
        if (row.moyenne() == null) {
            assertNull(result.moyenne());
        } else {
            assertEquals(0, new BigDecimal(row.moyenne()).compareTo(result.moyenne()), "moyenne " + result.moyenne());
        }
        assertTrue(result.lignes().stream().anyMatch(l -> l.startsWith("Décision")), "the result explains its decision");
        row.more().accept(result);
    }

    /** A preview counts decisions without writing lines ({@code decider}): it must decide every row as the full result does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesWithoutLinesAsItDeliberates(Row row) {
        DossierCandidat dossier = row.candidat().build();
        assertEquals(row.decision(), ENGINE.decider(ENGINE.preparer(row.regles()), dossier));
        assertEquals(ENGINE.deliberer(row.regles(), dossier).decision(), ENGINE.decider(ENGINE.preparer(row.regles()), dossier));
    }

    // ---- fixtures: the rules of the two seeded versions ----

    static ReglesExamen sam() {
        return samWith(true);
    }

    static ReglesExamen samStrict() {
        return samWith(false);
    }

    private static ReglesExamen samWith(boolean inclusive) {
        List<EpreuveExamen> epreuves = List.of(
                epreuve("E1", "U1", "3"), epreuve("E21", "U21", "2"), epreuve("E22", "U22", "1"), epreuve("E3", "U3", "3"),
                epreuve("E4", "U4", "4"), epreuve("E5", "U5", "4"), epreuve("E6", "U6", "4"),
                new EpreuveExamen("EF1", "UF1", "Langue vivante étrangère C", null, true, null, List.of()),
                new EpreuveExamen("EF2", "UF2", "Module de parcours individualisé", null, true, null, List.of()));
        Map<String, List<String>> blocs = Map.of("SAM-BC01", List.of("U4"), "SAM-BC02", List.of("U5"), "SAM-BC03", List.of("U6"),
                "SAM-BC04", List.of("U1"), "SAM-BC05", List.of("U21", "U22"), "SAM-BC06", List.of("U3"));
        return new ReglesExamen(epreuves, blocs, BigDecimal.TEN, inclusive, BigDecimal.ONE, BigDecimal.TEN);
    }

    static ReglesExamen samE1Ccf() {
        ReglesExamen sam = sam();
        List<EpreuveExamen> epreuves = sam.epreuves().stream().map(e -> !e.code().equals("E1") ? e
                : new EpreuveExamen("E1", "U1", "Culture générale et expression", e.coefficient(), false, null,
                        List.of(new SituationExamen("1", null), new SituationExamen("2", null), new SituationExamen("3", null)))).toList();
        return new ReglesExamen(epreuves, sam.unitesParBloc(), sam.seuil(), true, BigDecimal.ONE, BigDecimal.TEN);
    }

    static ReglesExamen gpme() {
        EpreuveExamen e4 = new EpreuveExamen("E4", "U4", "Gérer la relation avec les clients et les fournisseurs",
                new BigDecimal("6"), false, null,
                List.of(new SituationExamen("A", new BigDecimal("14")), new SituationExamen("B", new BigDecimal("6"))));
        return new ReglesExamen(List.of(e4), Map.of("RNCP38363BC01", List.of("U4")), BigDecimal.TEN, true, BigDecimal.ONE, BigDecimal.TEN);
    }

    private static EpreuveExamen epreuve(String code, String unite, String coefficient) {
        return new EpreuveExamen(code, unite, code, new BigDecimal(coefficient), false, null, List.of());
    }

    static Candidat candidat() {
        return new Candidat();
    }

    /** A small builder for the rows. */
    static final class Candidat {
        private String voie = "ELEVE_ETUDIANT";
        private FormeInscription forme = FormeInscription.GLOBALE;
        private Set<String> inscrites = null;
        private final Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        private final Map<String, Adjustment> adjustments = new HashMap<>();

        Candidat voie(String v) {
            voie = v;
            return this;
        }

        Candidat progressive() {
            forme = FormeInscription.PROGRESSIVE;
            return this;
        }

        Candidat only(String... codes) {
            inscrites = new HashSet<>(List.of(codes));
            return this;
        }

        Candidat mark(String epreuve, String note) {
            evaluations.put(epreuve, Evaluation.note(note));
            return this;
        }

        Candidat marks(String... pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                mark(pairs[i], pairs[i + 1]);
            }
            return this;
        }

        Candidat allSam(String note) {
            return marks("E1", note, "E21", note, "E22", note, "E3", note, "E4", note, "E5", note, "E6", note);
        }

        Candidat status(String epreuve, StatutNote statut) {
            evaluations.put(epreuve, Evaluation.statut(statut));
            return this;
        }

        Candidat benefice(String epreuve, String note) {
            evaluations.put(epreuve, new Evaluation(StatutNote.BENEFICE, new BigDecimal(note), Map.of()));
            return this;
        }

        Candidat facultative(String epreuve, String note) {
            return mark(epreuve, note);
        }

        Candidat situations(String epreuve, String... pairs) {
            Map<String, BigDecimal> marks = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                marks.put(pairs[i], new BigDecimal(pairs[i + 1]));
            }
            evaluations.put(epreuve, new Evaluation(StatutNote.NOTE, null, marks));
            return this;
        }

        Candidat without(String epreuve) {
            evaluations.remove(epreuve);
            return this;
        }

        Candidat adjust(String epreuve, String note, String motif) {
            adjustments.put(epreuve, new Adjustment(new BigDecimal(note), motif, "president"));
            return this;
        }

        DossierCandidat build() {
            Set<String> registered = inscrites != null ? inscrites : evaluations.keySet();
            return new DossierCandidat("C1", voie, forme, registered, evaluations, adjustments);
        }
    }
}
