package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Issue 13, one row per discrepancy fixed: the seed, a JSON pointer into its document, the value it must hold. */
    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            # 1: the inclusive threshold is the Code de l'éducation's, named as such
            gpme | /reglesResultat/provenance/1/nature                      | "TEXTE_CITE"
            sam  | /reglesResultat/provenance/0/nature                      | "TEXTE_CITE"
            # 2: the facultative coefficient is a stated default
            sam  | /reglesResultat/provenance/2/nature                      | "DEFAUT"
            # 3: [S002] never states SAM's own level
            sam  | /certification/niveau                                    | null
            # 4: GPME's sources define no facultative épreuve
            gpme | /reglesResultat/facultatives                             | null
            # 5: [S004] penalises only too few fiches and activities not covered; the other conditions carry no consequence
            gpme | /epreuves/0/exigencesDossier/regles/3/code               | "GPME-E4-09"
            gpme | /epreuves/0/exigencesDossier/conditions/5/citation       | "Issus de la période de formation en milieu professionnel"
            gpme | /epreuves/0/exigencesDossier/conditions/6/citation       | "Activités de nature différentes"
            # 6-9: [S002] II.C vs II.D, left null and recorded
            sam  | /epreuves/6/situations/1/dureeMaxMinutes                 | null
            sam  | /epreuves/6/modalites/1/nbSituations                     | null
            sam  | /epreuves/9/modalites/2/dureeMinutes                     | null
            sam  | /epreuves/4/modalites/0/forme                            | null
            sam  | /conflits/0/lectures/1/valeur                            | "75"
            # 10: durations of II.D
            sam  | /epreuves/7/modalites/1/dureeMinutes                     | 240
            sam  | /epreuves/8/modalites/1/dureeMinutes                     | 20
            sam  | /epreuves/8/modalites/1/dureePreparationMinutes          | 20
            sam  | /epreuves/9/modalites/1/dureeMinutes                     | 20
            sam  | /epreuves/2/modalites/0/parties/1/dureePreparationMinutes | 20
            # 11: weights of parts and situations
            sam  | /epreuves/0/modalites/0/parties/0/noteSur                | 40
            sam  | /epreuves/0/modalites/0/parties/1/noteSur                | 20
            sam  | /epreuves/0/situations/2/noteSur                         | 20
            sam  | /epreuves/0/situations/2/poids                           | 1
            sam  | /epreuves/3/modalites/2/parties/0/poids                  | 1
            # 12: each E5 project meets the ten characteristics
            sam  | /epreuves/6/exigencesDossier/regles/13/drapeau           | "evaluationRetombees"
            # 14: articles 7-9, internship rules, commissions
            sam  | /dispositions/0/code                                     | "PREMIERE-SESSION"
            sam  | /dispositions/5/texte                                    | "La durée totale du stage est de 14 semaines, soit 70 journées."
            # 15: the GPME fiche
            gpme | /dispositions/2/texte                                    | "Oui"
            gpme | /dispositions/4/texte                                    | "Non"
            # 16: Annexe IV and II.B
            sam  | /correspondances/3/anciennesSousEpreuves/1               | "Sous-épreuve E32 : management des entreprises"
            sam  | /dispenses/0/titreSource                                 | "Dispenses d’unités au titre d’un BTS ou d’un DUT du secteur tertiaire"
            # 17: cosmetics
            sam  | /certification/baseLegale                                | "Vu le code de l’éducation, notamment ses articles D.643-1 à D.643-35"
            sam  | /domaines/0/notes/1/numero                               | "5"
            sam  | /epreuves/6/exigencesDossier/typesFiche/0/drapeaux/1/libelle | "présenter un caractère singulier"
            sam  | /epreuves/2/modalites/0/parties/1/libelle                | "Production orale en continu et en interaction"
            """)
    void issue13DiscrepanciesAreFixed(String seed, String pointer, String json) throws IOException {
        JsonNode tree = DocumentJson.toTree(seed.equals("gpme") ? gpme : sam);
        JsonNode expected = DocumentJson.mapper().readTree(json);
        JsonNode actual = tree.at(pointer);
        assertTrue(!actual.isMissingNode(), pointer + " is missing");
        if (expected.isNumber()) {
            assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()), pointer + ": " + actual);
        } else {
            assertEquals(expected, actual, pointer);
        }
    }

    @Test
    void gpmeD1AutonomyIsWhole() {
        // 13: [S001] goes on after « …les titulaires du diplôme disposent »
        assertTrue(gpme.domaines().get(0).conditionsExercice().autonomie()
                .endsWith("Cette autonomie est favorisée par le caractère récurrent des activités."));
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
