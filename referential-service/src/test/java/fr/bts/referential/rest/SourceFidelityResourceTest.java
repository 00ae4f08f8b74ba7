package fr.bts.referential.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.devstack.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the served documents hold the seeds' words and say where every rule value comes from. Walks the
 * published documents of BTS-GPME and BTS-SAM as a client gets them and fails on
 * <ul>
 *   <li>any label (a text the document presents as the sources': titles, labels, descriptions, conditions, quotes,
 *       provisions) not found verbatim in ../shared/seeds, whitespace aside — each line of a multi-line text on its
 *       own; where the PDF-to-text extraction interleaved two columns or a page footer into a passage, the passage
 *       must be the concatenation of verbatim pieces of at least {@value #MIN_PIECE} characters (whitespace aside)
 *       of one seed;</li>
 *   <li>any citation of a provenance or of a conflict's reading not found verbatim in the seed file it names;</li>
 *   <li>any rule value (coefficients, scales, forms, durations, weights, result and language rules, dispenses,
 *       correspondences) without a provenance, and any provenance of an unknown nature.</li>
 * </ul>
 * Codes, enumerations, our own messages and notes are not labels.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class SourceFidelityResourceTest {

    static final String BASE = "/api/referential/v1/certifications/";
    static final int MIN_PIECE = 40;
    /** String fields that are not the sources' words: codes, enumerations, references, our messages and notes. */
    static final Set<String> NOT_LABELS = Set.of("id", "code", "rncp", "type", "niveau", "nomenclatureNiveau", "etat",
            "siret", "datePublication", "dateDebutParcours", "dateEcheanceEnregistrement", "dateDerniereDelivrance",
            "number", "status", "publishedAt", "categorie", "forme", "famille", "bloc", "unite", "parent", "facultatives",
            "consequence", "consequenceAbsence", "typeFiche", "versTypeFiche", "drapeau", "piece", "domaine", "codeSource",
            "message", "source", "seuilSource", "section", "objet", "numero", "nouvelleEpreuve");
    static final Set<String> CODE_LISTS = Set.of("unites", "activites", "sources", "typesFiche", "autorisees",
            "anglaisObligatoireParmi", "unitesLangue", "unitesLangueFacultative", "anciennesUnites", "nouvellesUnites",
            "champs", "chemins");
    static final Map<String, List<String>> RULE_FIELDS = Map.of(
            "epreuves", List.of("coefficient", "noteSur", "facultative"),
            "modalites", List.of("forme", "nbSituations", "dureeMinutes", "dureePreparationMinutes"),
            "parties", List.of("forme", "dureeMinutes", "dureePreparationMinutes", "noteSur", "poids"),
            "situations", List.of("points", "noteSur", "poids", "dureeMaxMinutes"),
            "reglesResultat", List.of("seuil", "seuilInclusif", "facultatives", "coefficientFacultatifParDefaut",
                    "dureeValiditeBeneficeAnnees"),
            "langues", List.of("autorisees", "anglaisObligatoireParmi", "unitesLangue", "unitesLangueFacultative",
                    "langueFacultativeDifferente"),
            "dispenses", List.of("unites", "diplomesRequis", "conditions", "surDemande"),
            "correspondances", List.of("anciennesUnites", "nouvelleEpreuve", "nouvellesUnites"));
    static final ObjectMapper MAPPER = new ObjectMapper();

    static Map<String, String> seeds = new LinkedHashMap<>();
    static String allSeeds;

    @BeforeAll
    static void readSeeds() throws IOException {
        Path dir = Stream.of(Path.of("../../shared/seeds"), Path.of("../shared/seeds"), Path.of("/work/shared/seeds"))
                .filter(Files::isDirectory).findFirst().orElseThrow(() -> new AssertionError("../shared/seeds is missing"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                // [S000] is the file whose name starts with 000
                seeds.put("[S" + file.getFileName().toString().substring(0, 3) + "]",
                        squash(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        allSeeds = String.join("\n", seeds.values());
    }

    @Test
    void everyLabelOfGpmeIsVerbatimFromTheSeeds() throws IOException {
        assertVerbatim(served("BTS-GPME"));
    }

    @Test
    void everyLabelOfSamIsVerbatimFromTheSeeds() throws IOException {
        assertVerbatim(served("BTS-SAM"));
    }

    @Test
    void everyRuleValueOfBothDiplomasHasItsProvenance() throws IOException {
        for (String code : List.of("BTS-GPME", "BTS-SAM")) {
            List<String> problems = new ArrayList<>();
            int[] counted = {0};
            provenance(served(code), "", "", problems, counted);
            assertEquals(List.of(), problems, code + ": rule values without provenance or with a bad one");
            assertTrue(counted[0] > 20, code + " has rule values: " + counted[0]);
        }
    }

    @Test
    void conflictsKeepBothReadingsVerbatimAndTheirFieldsNull() throws IOException {
        JsonNode sam = served("BTS-SAM");
        List<String> codes = new ArrayList<>();
        for (JsonNode conflit : sam.path("conflits")) {
            codes.add(conflit.path("code").asText());
            assertTrue(conflit.path("lectures").size() >= 2, conflit.toString());
            for (JsonNode lecture : conflit.path("lectures")) {
                assertCitation(lecture.path("source").asText(), lecture.path("citation").asText(), conflit.path("code").asText());
            }
            for (JsonNode chemin : conflit.path("chemins")) {
                JsonNode value = sam.at("/" + chemin.asText().replace("[", "/").replace("]", "").replace(".", "/"));
                assertTrue(value.isNull(), chemin.asText() + " is in conflict and must stay null: " + value);
            }
        }
        // [S002] II.C vs II.D: E5 situation B, E5 CAT_B situations, EF2 CAT_C duration, E3 form
        assertEquals(List.of("SAM-E5-SITUATION-B-DUREE", "SAM-E5-CAT_B-SITUATIONS", "SAM-EF2-CAT_C-DUREE", "SAM-E3-FORME"), codes);
        assertEquals(0, served("BTS-GPME").path("conflits").size());
    }

    // ---- labels --------------------------------------------------------------------------------------------------

    private void assertVerbatim(JsonNode document) {
        List<String> labels = new ArrayList<>();
        collectLabels(document, "", labels);
        List<String> notFound = new ArrayList<>();
        for (String entry : labels) {
            String text = entry.substring(entry.indexOf('\u0000') + 1);
            for (String line : text.split("\n")) {
                if (!line.isBlank() && !verbatim(squash(line))) {
                    notFound.add(entry.substring(0, entry.indexOf('\u0000')) + " : " + line);
                }
            }
        }
        assertTrue(labels.size() > 300, "the walk found the labels: " + labels.size());
        assertEquals(List.of(), notFound, "labels not found verbatim in ../shared/seeds");
    }

    private static void collectLabels(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = f.getKey();
                String at = path.isEmpty() ? name : path + "." + name;
                if (name.equals("provenance") || (name.equals("regles") && path.endsWith("exigencesDossier"))
                        || (name.equals("lectures"))) {
                    continue; // quotes of provenances and readings are checked against their own seed file
                }
                if (NOT_LABELS.contains(name) || (name.equals("libelle") && path.equals("version"))
                        || CODE_LISTS.contains(name) && f.getValue().isArray() && allCodes(f.getValue())) {
                    continue;
                }
                collectLabels(f.getValue(), at, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectLabels(node.get(i), path + "[" + i + "]", out);
            }
        } else if (node.isTextual()) {
            out.add(path + '\u0000' + node.asText());
        }
    }

    private static boolean allCodes(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Found as is, or made of verbatim pieces of at least {@link #MIN_PIECE} characters of one seed (columns). */
    private static boolean verbatim(String text) {
        if (allSeeds.contains(text)) {
            return true;
        }
        for (String seed : seeds.values()) {
            int at = 0;
            while (at < text.length()) {
                int length = longestPrefix(seed, text.substring(at));
                if (length < Math.min(MIN_PIECE, text.length() - at)) {
                    break;
                }
                at += length;
            }
            if (at >= text.length()) {
                return true;
            }
        }
        return false;
    }

    private static int longestPrefix(String seed, String text) {
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (seed.contains(text.substring(0, mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    // ---- provenance ----------------------------------------------------------------------------------------------

    private void provenance(JsonNode node, String path, String array, List<String> problems, int[] counted) {
        if (node.isObject()) {
            List<String> rules = RULE_FIELDS.getOrDefault(array, List.of());
            for (String field : rules) {
                JsonNode value = node.path(field);
                if (value.isMissingNode() || value.isNull() || (value.isArray() && value.isEmpty())) {
                    continue;
                }
                counted[0]++;
                JsonNode covering = null;
                for (JsonNode p : node.path("provenance")) {
                    for (JsonNode champ : p.path("champs")) {
                        if (champ.asText().equals(field) && covering == null) {
                            covering = p;
                        }
                    }
                }
                if (covering == null) {
                    problems.add(path + "." + field + " = " + value + " has no provenance");
                } else {
                    checkProvenance(covering, path + "." + field, problems);
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().equals("provenance")) {
                    provenance(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getKey(), problems, counted);
                }
            }
            if (array.equals("regles")) {
                counted[0]++;
                if (node.path("source").asText("").isBlank()) {
                    problems.add(path + " (dossier rule) has no source");
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                provenance(node.get(i), path + "[" + i + "]", array, problems, counted);
            }
        }
    }

    private void checkProvenance(JsonNode p, String at, List<String> problems) {
        switch (p.path("nature").asText()) {
            case "SOURCE" -> {
                String source = p.path("source").asText();
                String citation = p.path("citation").asText("");
                if (!seeds.containsKey(source) || citation.isBlank() || !seeds.get(source).contains(squash(citation))) {
                    problems.add(at + ": citation not verbatim in " + source + ": " + citation);
                }
            }
            case "TEXTE_CITE" -> {
                if (p.path("texte").asText("").isBlank()) {
                    problems.add(at + ": a cited legal text needs its name");
                }
                if (p.has("citation") && !seeds.getOrDefault(p.path("source").asText(), "").contains(squash(p.path("citation").asText()))) {
                    problems.add(at + ": citation not verbatim in " + p.path("source").asText());
                }
            }
            case "DEFAUT" -> {
                if (p.path("note").asText("").isBlank()) {
                    problems.add(at + ": a default says what it stands for");
                }
            }
            default -> problems.add(at + ": unknown provenance nature " + p.path("nature"));
        }
    }

    private static void assertCitation(String source, String citation, String what) {
        assertFalse(citation.isBlank(), what);
        assertTrue(seeds.containsKey(source) && seeds.get(source).contains(squash(citation)),
                what + ": not verbatim in " + source + ": " + citation);
    }

    private static JsonNode served(String code) throws IOException {
        String body = given().when().get(BASE + code + "/current").then().statusCode(200).extract().asString();
        return MAPPER.readTree(body);
    }

    /** Whitespace aside: PDF-to-text breaks lines anywhere, even after a hyphen (« éco-⏎responsable »). */
    private static String squash(String s) {
        return s.replace('\u00a0', ' ').replaceAll("\\s+", "");
    }
}
