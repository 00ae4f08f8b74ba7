package fr.bts.dossier.conformity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.dossier.conformity.ConformityReport.RuleResult;
import fr.bts.dossier.conformity.DossierContent.Fiche;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One row per rule of the dossier requirements of SAM E4, SAM E5 and GPME E4 (the test fixtures
 * {@code referential/*.json}, shaped as docs/contracts.md): a complete dossier passes every rule, and each row
 * breaks exactly one rule and expects exactly that rule to fail, with its consequence.
 */
class ConformityEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String[] MISSION_FIELDS = {"periodeDuree", "competenceVisee", "objectifs",
        "methodologieMoyens", "productions", "resultats", "initiativesResponsabilites", "analyseReflexive"};
    private static final String[] FICHE_FIELDS = {"periode", "outils", "description"};

    private final ConformityEngine engine = new ConformityEngine();

    /** A dossier under construction: rows change it before it is frozen into a {@link DossierContent}. */
    static final class Draft {
        final List<Fiche> fiches = new ArrayList<>();
        final Map<String, String> contexte = new LinkedHashMap<>();
        final Set<String> pieces = new HashSet<>();
        final Map<String, List<String>> domaines = new HashMap<>();

        void replace(String id, Fiche fiche) {
            fiches.replaceAll(f -> f.id().equals(id) ? fiche : f);
        }

        Fiche get(String id) {
            return fiches.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
        }

        DossierContent freeze() {
            return new DossierContent(fiches, contexte, pieces, domaines);
        }
    }

    record Row(String source, String certification, String epreuve, String rule, Consumer<Draft> breakIt) {
        @Override
        public String toString() {
            return rule + " (" + source + ")";
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // SAM E4 — [S002] II.D E4 §3.1: « quatre missions », one per activity 1.1–1.4
                new Row("SAM E4: 4 missions", "BTS-SAM", "E4", "SAM-E4-01",
                        d -> d.fiches.add(mission("M5", List.of(), false))),
                // SAM E4 — « chaque mission correspond à une activité différente »
                new Row("SAM E4: activities 1.1–1.4 each exactly once", "BTS-SAM", "E4", "SAM-E4-02",
                        d -> d.replace("M4", mission("M4", List.of("1.3"), false))),
                // SAM E4 — « deux d'entre elles au moins auront été réalisées dans un contexte international »
                new Row("SAM E4: ≥ 2 international missions", "BTS-SAM", "E4", "SAM-E4-03",
                        d -> d.replace("M2", mission("M2", List.of("1.2"), false))),
                // SAM E4 — the eight fields of each mission
                new Row("SAM E4: all fields of each mission", "BTS-SAM", "E4", "SAM-E4-04",
                        d -> d.replace("M3", withField(d.get("M3"), "analyseReflexive", " "))),
                // SAM E4 — « 3- L'attestation … de non plagiat »
                new Row("SAM E4: non-plagiarism attestation", "BTS-SAM", "E4", "SAM-E4-05",
                        d -> d.pieces.remove("ATTESTATION_NON_PLAGIAT")),
                // SAM E4 — « 4- Les attestations de stage ou les certificats de travail »
                new Row("SAM E4: internship attestations", "BTS-SAM", "E4", "SAM-E4-06",
                        d -> d.pieces.remove("ATTESTATIONS_STAGE")),
                // SAM E4 — « 1- Un sommaire »
                new Row("SAM E4: table of contents", "BTS-SAM", "E4", "SAM-E4-07",
                        d -> d.pieces.remove("SOMMAIRE")),
                // SAM E5 — [S002] II.D E5 §3.1: « deux fiches descriptives de projets »
                new Row("SAM E5: 2 project fiches", "BTS-SAM", "E5", "SAM-E5-01",
                        d -> d.fiches.add(fiche("P3", "PROJET", List.of(), false))),
                // SAM E5 — « un compte-rendu de la veille informationnelle effectuée pour un des projets »
                new Row("SAM E5: veille report tied to one of the projects", "BTS-SAM", "E5", "SAM-E5-02",
                        d -> d.replace("V1", new Fiche("V1", "RAPPORT_VEILLE", List.of(), Set.of(), Map.of(), "P9"))),
                // SAM E5 — only one veille report
                new Row("SAM E5: exactly one veille report", "BTS-SAM", "E5", "SAM-E5-02",
                        d -> d.fiches.add(new Fiche("V2", "RAPPORT_VEILLE", List.of(), Set.of(), Map.of(), "P2"))),
                // SAM E5 — « 3- l'attestation … de non plagiat »
                new Row("SAM E5: non-plagiarism attestation", "BTS-SAM", "E5", "SAM-E5-03",
                        d -> d.pieces.remove("ATTESTATION_NON_PLAGIAT")),
                // GPME E4 — [S004] (a) contexte commercial, 12 items « à minima »
                new Row("GPME E4: commercial context items", "BTS-GPME", "E4", "GPME-E4-01",
                        d -> d.contexte.put("CTX07", "")),
                // GPME E4 — [S004] « Au moins 2 fiches » GRCF (penalty, R14)
                new Row("GPME E4: ≥ 2 GRCF fiches", "BTS-GPME", "E4", "GPME-E4-02",
                        d -> d.fiches.removeIf(f -> f.id().equals("G2"))),
                // GPME E4 — « Au moins 3 activités différentes »
                new Row("GPME E4: GRCF over ≥ 3 distinct activities", "BTS-GPME", "E4", "GPME-E4-03",
                        d -> {
                            d.replace("G1", fiche("G1", "GRCF", List.of("1.2"), false));
                            d.replace("G2", fiche("G2", "GRCF", List.of("1.1"), false));
                        }),
                // GPME E4 — « Au moins une activité sur l'administration des ventes » (activity 1.2)
                new Row("GPME E4: ≥ 1 GRCF fiche on activity 1.2", "BTS-GPME", "E4", "GPME-E4-04",
                        d -> d.replace("G1", fiche("G1", "GRCF", List.of("1.1", "1.3", "1.4"), false))),
                // GPME E4 — « 2 fiches » communication écrite (penalty)
                new Row("GPME E4: 2 written communication fiches", "BTS-GPME", "E4", "GPME-E4-05",
                        d -> d.fiches.add(fiche("E3", "COMMUNICATION_ECRITE", List.of(), false))),
                // GPME E4 — « 2 fiches » communication orale (penalty)
                new Row("GPME E4: 2 oral communication fiches", "BTS-GPME", "E4", "GPME-E4-06",
                        d -> d.fiches.removeIf(f -> f.id().equals("O2"))),
                // GPME E4 — écrit: « Au moins une activité sur une communication avec un client »
                new Row("GPME E4: written fiche with a client", "BTS-GPME", "E4", "GPME-E4-07",
                        d -> d.replace("E1", fiche("E1", "COMMUNICATION_ECRITE", List.of("1.4", "1.2"), false))),
                // GPME E4 — oral: « Au moins une activité sur une communication avec un client »
                new Row("GPME E4: oral fiche with a client", "BTS-GPME", "E4", "GPME-E4-08",
                        d -> d.replace("O1", fiche("O1", "COMMUNICATION_ORALE", List.of("1.6"), false))),
                // GPME E4 — one model of fiche for all analysis fiches
                new Row("GPME E4: fiches complete", "BTS-GPME", "E4", "GPME-E4-09",
                        d -> d.replace("O2", withField(d.get("O2"), "outils", null))),
                // GPME E4 — « ne couvrant pas l'ensemble des activités relavant du domaine 1 seront pénalisés »
                new Row("GPME E4: all domain-1 activities covered", "BTS-GPME", "E4", "GPME-E4-10",
                        d -> d.replace("O1", fiche("O1", "COMMUNICATION_ORALE", List.of(), true))));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachRuleFailsAloneWhenBroken(Row row) throws IOException {
        ExigencesDossier exigences = exigences(row.certification(), row.epreuve());
        Draft draft = complete(row.certification(), row.epreuve());
        row.breakIt().accept(draft);

        ConformityReport report = engine.check(exigences, draft.freeze());

        List<String> failed = report.results().stream().filter(r -> !r.passed()).map(RuleResult::code).toList();
        assertEquals(List.of(row.rule()), failed, () -> "report: " + report);
        RuleResult result = report.results().stream().filter(r -> r.code().equals(row.rule())).findFirst().orElseThrow();
        assertFalse(result.message() == null || result.message().isBlank());
        assertEquals(result.consequence() == Consequence.NON_CONFORME, !report.conforme());
        assertEquals(result.consequence() == Consequence.PENALITE, report.penalite());
    }

    @ParameterizedTest
    @MethodSource("epreuvesWithDossier")
    void completeDossierPassesEveryRule(String certification, String epreuve) throws IOException {
        ConformityReport report = engine.check(exigences(certification, epreuve), complete(certification, epreuve).freeze());

        assertTrue(report.conforme(), () -> "report: " + report);
        assertFalse(report.penalite());
        assertFalse(report.results().isEmpty());
        assertTrue(report.results().stream().allMatch(RuleResult::passed));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> epreuvesWithDossier() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of("BTS-SAM", "E4"),
                org.junit.jupiter.params.provider.Arguments.of("BTS-SAM", "E5"),
                org.junit.jupiter.params.provider.Arguments.of("BTS-GPME", "E4"));
    }

    @Test
    void everyRuleOfTheFixturesHasARow() throws IOException {
        Set<String> covered = new HashSet<>(rows().map(Row::rule).toList());
        for (String[] e : new String[][] {{"BTS-SAM", "E4"}, {"BTS-SAM", "E5"}, {"BTS-GPME", "E4"}}) {
            for (ExigencesDossier.Regle regle : exigences(e[0], e[1]).regles()) {
                assertTrue(covered.contains(regle.code()), regle.code() + " has no row");
            }
        }
    }

    @Test
    void unknownRuleTypeFailsRatherThanPasses() {
        ExigencesDossier exigences = new ExigencesDossier("NV", null, null, null, null, List.of(
                new ExigencesDossier.Regle("X-01", "NOUVELLE_REGLE", null, null, null, null, null, null, null,
                        null, null, null, null, "Règle future", "test")));

        ConformityReport report = engine.check(exigences, new DossierContent(null, null, null, null));

        assertFalse(report.conforme());
        assertTrue(report.results().get(0).detail().contains("NOUVELLE_REGLE"));
    }

    @Test
    void domainUnknownToTheVersionFails() {
        ExigencesDossier exigences = new ExigencesDossier(null, null, null, null, null, List.of(
                new ExigencesDossier.Regle("X-02", "COUVERTURE_DOMAINE", null, List.of("GRCF"), null, null, null,
                        null, null, null, "9", null, Consequence.PENALITE, "Domaine 9", "test")));

        ConformityReport report = engine.check(exigences, new DossierContent(null, null, null, Map.of("1", List.of("1.1"))));

        assertTrue(report.conforme());
        assertTrue(report.penalite());
    }

    static ExigencesDossier exigences(String certification, String epreuve) throws IOException {
        try (InputStream in = ConformityEngineTest.class.getResourceAsStream("/referential/" + certification + "-1.json")) {
            JsonNode version = JSON.readTree(in);
            for (JsonNode e : version.get("epreuves")) {
                if (e.get("code").asText().equals(epreuve)) {
                    return JSON.treeToValue(e.get("exigencesDossier"), ExigencesDossier.class);
                }
            }
        }
        throw new IllegalArgumentException(certification + " " + epreuve);
    }

    /** A dossier that meets every requirement of the épreuve. */
    static Draft complete(String certification, String epreuve) {
        Draft d = new Draft();
        switch (certification + " " + epreuve) {
            case "BTS-SAM E4" -> {
                d.fiches.add(mission("M1", List.of("1.1"), true));
                d.fiches.add(mission("M2", List.of("1.2"), true));
                d.fiches.add(mission("M3", List.of("1.3"), false));
                d.fiches.add(mission("M4", List.of("1.4"), false));
                d.pieces.addAll(Set.of("SOMMAIRE", "ATTESTATION_NON_PLAGIAT", "ATTESTATIONS_STAGE"));
            }
            case "BTS-SAM E5" -> {
                d.fiches.add(fiche("P1", "PROJET", List.of(), false));
                d.fiches.add(fiche("P2", "PROJET", List.of(), false));
                d.fiches.add(new Fiche("V1", "RAPPORT_VEILLE", List.of(), Set.of(), Map.of(), "P1"));
                d.pieces.add("ATTESTATION_NON_PLAGIAT");
            }
            case "BTS-GPME E4" -> {
                for (int i = 1; i <= 12; i++) {
                    d.contexte.put(String.format("CTX%02d", i), "élément " + i);
                }
                d.fiches.add(fiche("G1", "GRCF", List.of("1.1", "1.2", "1.3"), false));
                d.fiches.add(fiche("G2", "GRCF", List.of("1.4"), false));
                d.fiches.add(fiche("E1", "COMMUNICATION_ECRITE", List.of("1.4", "1.2"), true));
                d.fiches.add(fiche("E2", "COMMUNICATION_ECRITE", List.of("1.5", "1.3"), false));
                d.fiches.add(fiche("O1", "COMMUNICATION_ORALE", List.of("1.6"), true));
                d.fiches.add(fiche("O2", "COMMUNICATION_ORALE", List.of("1.1"), false));
                d.domaines.put("1", List.of("1.1", "1.2", "1.3", "1.4", "1.5", "1.6"));
            }
            default -> throw new IllegalArgumentException(certification + " " + epreuve);
        }
        return d;
    }

    static Fiche mission(String id, List<String> activites, boolean international) {
        Map<String, String> champs = new HashMap<>();
        for (String f : MISSION_FIELDS) {
            champs.put(f, f + " de " + id);
        }
        return new Fiche(id, "MISSION", activites, international ? Set.of("contexteInternational") : Set.of(), champs, null);
    }

    static Fiche fiche(String id, String type, List<String> activites, boolean client) {
        Map<String, String> champs = new HashMap<>();
        for (String f : FICHE_FIELDS) {
            champs.put(f, f + " de " + id);
        }
        return new Fiche(id, type, activites, client ? Set.of("communicationClient") : Set.of(), champs, null);
    }

    static Fiche withField(Fiche f, String field, String value) {
        Map<String, String> champs = new HashMap<>(f.champs());
        champs.put(field, value);
        return new Fiche(f.id(), f.type(), f.activites(), f.drapeaux(), champs, f.lien());
    }
}
