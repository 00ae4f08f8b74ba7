package fr.bts.dossier.conformity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.dossier.conformity.ConformityReport.RuleResult;
import fr.bts.dossier.conformity.DossierContent.Fiche;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine on the referential's real seed documents (read from referential-service/src/main/resources/seed, so
 * that a change of the seeds is checked here in the same build): every rule type they use is known, a dossier
 * built from the requirements' own kinds, fields and pieces passes every rule, and an empty dossier fails every
 * rule that asks for something (all but CHAMPS_COMPLETS, which holds vacuously for no fiche).
 */
class SeedConformityTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Path REFERENTIAL_SEEDS = Path.of("..", "referential-service", "src", "main", "resources", "seed");

    private final ConformityEngine engine = new ConformityEngine();

    @ParameterizedTest
    @CsvSource({"bts-sam, E4", "bts-sam, E5", "bts-gpme, E4"})
    void completeDossierPassesEverySeedRule(String seed, String epreuve) throws IOException {
        JsonNode version = seed(seed);
        ExigencesDossier exigences = exigences(version, epreuve);

        ConformityReport report = engine.check(exigences, complete(seed + " " + epreuve, exigences, domaines(version)));

        assertFalse(report.results().isEmpty());
        assertTrue(report.results().stream().allMatch(RuleResult::passed), () -> "report: " + report);
        assertTrue(report.conforme());
        assertFalse(report.penalite());
    }

    @ParameterizedTest
    @CsvSource({"bts-sam, E4", "bts-sam, E5", "bts-gpme, E4"})
    void emptyDossierFailsEverySeedRuleThatAsksForSomething(String seed, String epreuve) throws IOException {
        JsonNode version = seed(seed);
        ExigencesDossier exigences = exigences(version, epreuve);

        ConformityReport report = engine.check(exigences, new DossierContent(List.of(), Map.of(), Set.of(), domaines(version)));

        for (RuleResult r : report.results()) {
            assertEquals(!"CHAMPS_COMPLETS".equals(r.type()), !r.passed(), () -> r.code() + " " + r.detail());
            assertFalse(r.detail().startsWith("type de règle inconnu"), r.code());
        }
    }

    private static DossierContent complete(String which, ExigencesDossier exigences, Map<String, List<String>> domaines) {
        List<Fiche> fiches = new ArrayList<>();
        switch (which) {
            case "bts-sam E4" -> {
                for (int i = 1; i <= 4; i++) {
                    fiches.add(fiche(exigences, "M" + i, "MISSION", List.of("1." + i), i <= 2 ? Set.of("contexteInternational") : Set.of(), null));
                }
            }
            case "bts-sam E5" -> {
                // each project has every characteristic the rules ask of a project (S002 Annexe II.D, E5, 3)
                Set<String> caracteristiques = new HashSet<>();
                exigences.regles().stream()
                        .filter(r -> "FICHES_AVEC_DRAPEAU".equals(r.type()) && "PROJET".equals(r.typeFiche()))
                        .forEach(r -> caracteristiques.add(r.drapeau()));
                fiches.add(fiche(exigences, "P1", "PROJET", List.of(), caracteristiques, null));
                fiches.add(fiche(exigences, "P2", "PROJET", List.of(), caracteristiques, null));
                fiches.add(fiche(exigences, "V1", "RAPPORT_VEILLE", List.of(), Set.of(), "P2"));
            }
            case "bts-gpme E4" -> {
                fiches.add(fiche(exigences, "G1", "GRCF", List.of("1.1", "1.2", "1.3"), Set.of(), null));
                fiches.add(fiche(exigences, "G2", "GRCF", List.of("1.4"), Set.of(), null));
                fiches.add(fiche(exigences, "E1", "COMMUNICATION_ECRITE", List.of("1.5"), Set.of("communicationClient"), null));
                fiches.add(fiche(exigences, "E2", "COMMUNICATION_ECRITE", List.of("1.6"), Set.of(), null));
                fiches.add(fiche(exigences, "O1", "COMMUNICATION_ORALE", List.of("1.1"), Set.of("communicationClient"), null));
                fiches.add(fiche(exigences, "O2", "COMMUNICATION_ORALE", List.of("1.3"), Set.of(), null));
            }
            default -> throw new IllegalArgumentException(which);
        }
        Map<String, String> contexte = new HashMap<>();
        exigences.elementsContexte().forEach(e -> contexte.put(e.code(), "renseigné : " + e.libelle()));
        Set<String> pieces = new HashSet<>();
        exigences.pieces().forEach(p -> pieces.add(p.code()));
        return new DossierContent(fiches, contexte, pieces, domaines);
    }

    /** A fiche of {@code type} with every field its kind declares filled in. */
    private static Fiche fiche(ExigencesDossier exigences, String id, String type, List<String> activites, Set<String> drapeaux,
                               String lien) {
        Map<String, String> champs = new HashMap<>();
        exigences.typesFiche().stream().filter(t -> t.code().equals(type))
                .flatMap(t -> t.champs().stream()).forEach(c -> champs.put(c.code(), c.libelle() + " de " + id));
        return new Fiche(id, type, activites, drapeaux, champs, lien);
    }

    /** The seed as the referential loads it, read from its module (a copy here would drift from it). */
    private static JsonNode seed(String name) throws IOException {
        try (InputStream in = Files.newInputStream(REFERENTIAL_SEEDS.resolve(name + ".json"))) {
            return JSON.readTree(in);
        }
    }

    private static ExigencesDossier exigences(JsonNode version, String epreuve) throws IOException {
        for (JsonNode e : version.get("epreuves")) {
            if (e.get("code").asText().equals(epreuve)) {
                return JSON.treeToValue(e.get("exigencesDossier"), ExigencesDossier.class);
            }
        }
        throw new IllegalArgumentException(epreuve);
    }

    private static Map<String, List<String>> domaines(JsonNode version) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode d : version.get("domaines")) {
            List<String> activites = new ArrayList<>();
            d.get("activites").forEach(a -> activites.add(a.get("code").asText()));
            out.put(d.get("numero").asText(), activites);
            out.put(d.get("code").asText(), activites);
        }
        return out;
    }
}
