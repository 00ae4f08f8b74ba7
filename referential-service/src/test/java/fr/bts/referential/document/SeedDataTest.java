package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seed diplomas parse strictly into the contract's version document and hold what the sources give:
 * counts from domain-brief.md (quick facts, §2.4, §3) and labels found verbatim in the seed texts of
 * ../shared/seeds ([S000] fiche RNCP38363, [S001] RAP GPME, [S002] référentiel SAM, [S004] E4 GPME).
 */
class SeedDataTest {

    static VersionDocument gpme;
    static VersionDocument sam;
    static String sourcesText;

    @BeforeAll
    static void load() throws IOException {
        gpme = seed("seed/bts-gpme.json", "BTS-GPME");
        sam = seed("seed/bts-sam.json", "BTS-SAM");
        Path seeds = sharedSeeds();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
        }
        sourcesText = squash(all.toString());
    }

    @Test
    void gpmeHasItsFourBlocsTwentyFiveCompetenciesAndFullActivityTree() {
        assertEquals(List.of("RNCP38363BC01", "RNCP38363BC02", "RNCP38363BC03", "RNCP38363BC04"),
                gpme.blocs().stream().map(VersionDocument.Bloc::code).toList());
        assertEquals(25, gpme.blocs().stream().mapToInt(b -> b.competences().size()).sum());
        assertEquals(4, gpme.domaines().size());
        assertEquals(22, gpme.domaines().stream().mapToInt(d -> d.activites().size()).sum());
        assertEquals(102, tasks(gpme).size());
        assertEquals(List.of("U4", "U51", "U52", "U6"), gpme.unites().stream().map(VersionDocument.Unite::code).toList());
    }

    @Test
    void gpmeE4HasCoefficientSixAndSituationsAOfFourteenAndBOfSixPoints() {
        VersionDocument.Epreuve e4 = gpme.epreuves().stream().filter(e -> e.code().equals("E4")).findFirst().orElseThrow();
        assertEquals(0, e4.coefficient().compareTo(java.math.BigDecimal.valueOf(6)));
        assertEquals("U4", e4.unite());
        assertEquals(List.of("A", "B"), e4.situations().stream().map(VersionDocument.Situation::code).toList());
        assertEquals(0, e4.situations().get(0).points().compareTo(java.math.BigDecimal.valueOf(14)));
        assertEquals(0, e4.situations().get(1).points().compareTo(java.math.BigDecimal.valueOf(6)));
        assertTrue(e4.exigencesDossier() != null && !e4.exigencesDossier().regles().isEmpty());
    }

    @Test
    void samHasTwelveActivitiesFortyFiveTasksAndTwelveCompetencies() {
        assertEquals(3, sam.domaines().size());
        assertEquals(12, sam.domaines().stream().mapToInt(d -> d.activites().size()).sum());
        assertEquals(45, tasks(sam).size());
        // the référentiel de certification (Annexe I.B) pairs each of the 12 activities with one competency
        List<VersionDocument.Competence> competences = sam.blocs().stream()
                .filter(b -> List.of("SAM-B1", "SAM-B2", "SAM-B3").contains(b.code()))
                .flatMap(b -> b.competences().stream()).toList();
        assertEquals(12, competences.size());
        assertTrue(competences.stream().allMatch(c -> c.activites().size() == 1), "1 competency ↔ 1 activity");
        assertTrue(competences.stream().allMatch(c -> !c.criteres().isEmpty() && !c.savoirs().isEmpty()),
                "every SAM competency has criteria and knowledge");
        assertEquals(8, sam.blocs().size(), "6 blocs and 2 facultative blocs");
        assertTrue(sam.epreuves().stream().filter(e -> e.code().equals("E4") || e.code().equals("E5"))
                .allMatch(e -> e.exigencesDossier() != null), "E4 and E5 carry their dossier requirements");
        assertTrue(!sam.dispenses().isEmpty() && !sam.correspondances().isEmpty());
    }

    @Test
    void labelsAreVerbatimFromTheSeedDocuments() {
        List<String> labels = Stream.of(
                gpme.certification().intitule(),
                gpme.blocs().get(0).intitule(),
                gpme.blocs().get(0).competences().get(0).libelle(),
                gpme.blocs().get(3).competences().get(7).libelle(),
                gpme.domaines().get(0).activites().get(0).taches().get(0).libelle(),
                gpme.domaines().get(3).activites().get(6).taches().get(0).libelle(),
                sam.domaines().get(0).activites().get(0).intitule(),
                sam.domaines().get(2).activites().get(0).taches().get(0).libelle(),
                sam.blocs().get(0).competences().get(0).libelle()).toList();
        for (String label : labels) {
            if (!sourcesText.contains(squash(label))) {
                fail("label not found verbatim in ../shared/seeds: " + label);
            }
        }
    }

    @Test
    void unknownFieldsFailLoudly() throws IOException {
        JsonNode tree = DocumentJson.readTree("""
                {"certification":{"code":"BTS-X","intitule":"X","colour":"blue"}}""".getBytes(StandardCharsets.UTF_8));
        assertThrows(UnrecognizedPropertyException.class, () -> DocumentJson.toDocument(tree, "BTS-X"));
    }

    @Test
    void seedsPassEveryPublicationRule() {
        assertEquals(List.of(), DocumentValidator.validate(gpme, "BTS-GPME"));
        assertEquals(List.of(), DocumentValidator.validate(sam, "BTS-SAM"));
    }

    private static List<VersionDocument.Tache> tasks(VersionDocument doc) {
        return doc.domaines().stream().flatMap(d -> d.activites().stream()).flatMap(a -> a.taches().stream()).toList();
    }

    static VersionDocument seed(String resource, String code) throws IOException {
        try (InputStream in = SeedDataTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                fail("seed resource missing: " + resource);
            }
            return DocumentJson.toDocument(DocumentJson.readTree(in.readAllBytes()), code);
        }
    }

    /** ../shared/seeds beside the repository (resolved from the module directory), or a clear failure. */
    static Path sharedSeeds() {
        for (Path candidate : List.of(Path.of("../../shared/seeds"), Path.of("../shared/seeds"), Path.of("/work/shared/seeds"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        fail("The seed documents are missing: expected shared/seeds beside the repository (../../shared/seeds from "
                + Path.of("").toAbsolutePath() + ")");
        return null;
    }

    /** Whitespace runs to one space, typographic apostrophes to straight ones: PDF-to-text breaks lines anywhere. */
    static String squash(String s) {
        return s.replace('’', '\'').replace('\u00a0', ' ').replaceAll("\\s+", " ");
    }
}
