package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.problem.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One row per publication rule: a JSON pointer into the valid fixture, the value written there, and the
 * violation expected. The rules follow the cardinalities of domain-brief.md §1.2 and the enumerations of §1.4/§6.
 */
class DocumentValidatorTest {

    @ParameterizedTest(name = "{0} = {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /unites/0/bloc                              | "RNCP99999BC09"  | unites[0].bloc
            /epreuves/0/unite                           | "U9"             | epreuves[0].unite
            /epreuves/0/parent                          | "E4"             | epreuves[0].parent
            /epreuves/0/coefficient                     | 0                | epreuves[0].coefficient
            /epreuves/0/modalites/0/nbSituations        | null             | epreuves[0].modalites[0].nbSituations
            /epreuves/0/modalites/1/nbSituations        | 2                | epreuves[0].modalites[1].nbSituations
            /epreuves/0/modalites/1/categorie           | "CAT_B"          | epreuves[0].modalites[1].categorie
            /epreuves/0/situations/0/points             | 16               | epreuves[0].situations
            /epreuves/0/exigencesDossier/regles/0/type  | "NOMBRE_PAGES"   | epreuves[0].exigencesDossier.regles[0].type
            /epreuves/0/exigencesDossier/regles/0/consequence | "NV"       | epreuves[0].exigencesDossier.regles[0].consequence
            /epreuves/0/exigencesDossier/regles/0/typeFiche | "MISSION"     | epreuves[0].exigencesDossier.regles[0].typeFiche
            /blocs/0/competences/0/activites/0          | "9.9"            | blocs[0].competences[0].activites
            /blocs/1/code                               | "RNCP99999BC01"  | blocs[1].code
            /domaines/0/activites/1/taches/0/code       | "T.1.1.1"        | domaines[].activites[].taches[2].code
            /certification/code                         | "BTS-OTHER"      | certification.code
            /reglesResultat/seuil                       | 21               | reglesResultat.seuil
            /epreuves/0/provenance                      | []               | epreuves[0].coefficient
            /epreuves/0/modalites/1/provenance          | []               | epreuves[0].modalites[1].dureeMinutes
            /epreuves/0/situations/0/provenance/0/nature | "PEUT_ETRE"     | epreuves[0].situations[0].provenance.nature
            /epreuves/0/situations/0/provenance/0/note  | null             | epreuves[0].situations[0].provenance.note
            /reglesResultat/provenance/0/champs         | ["seuil"]        | reglesResultat.facultatives
            /epreuves/0/modalites/0/forme               | null             | epreuves[0].modalites[0].forme
            /epreuves/0/exigencesDossier/regles/0/source | null            | epreuves[0].exigencesDossier.regles[0].source
            """)
    void eachRuleReportsItsViolation(String pointer, String json, String field) throws Exception {
        ObjectNode tree = fixture();
        JsonNode value = DocumentJson.mapper().readTree(json);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = tree.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        List<Problem.Violation> violations = DocumentValidator.validate(DocumentJson.toDocument(tree, "BTS-MINI"), "BTS-MINI");
        assertTrue(violations.stream().anyMatch(v -> v.field().equals(field)), violations.toString());
    }

    @Test
    void theValidFixtureHasNoViolation() throws Exception {
        assertEquals(List.of(), DocumentValidator.validate(DocumentJson.toDocument(fixture(), "BTS-MINI"), "BTS-MINI"));
    }

    /** Issue 13: a fact on which the sources disagree stays null while the conflict is recorded; only then may a form be null. */
    @Test
    void aRecordedConflictLeavesItsFieldsNullAndOnlyThen() throws Exception {
        ObjectNode tree = fixture();
        ((ObjectNode) tree.at("/epreuves/0/modalites/1")).putNull("forme");
        ((ObjectNode) tree.at("/epreuves/0/modalites/1")).putNull("dureeMinutes");
        tree.set("conflits", DocumentJson.mapper().readTree("""
                [{"code": "MINI-E4-FORME", "objet": "forme de E4 (catégorie C)",
                  "chemins": ["epreuves[0].modalites[1].forme", "epreuves[0].modalites[1].dureeMinutes"],
                  "lectures": [{"valeur": "PONCTUELLE_ORALE_ET_PRATIQUE", "source": "[S000]", "section": "BC01", "citation": "Ponctuelle orale et pratique"},
                               {"valeur": "PONCTUELLE_ECRITE", "source": "[S004]", "section": "E4", "citation": "écrite"}]}]"""));
        assertEquals(List.of(), DocumentValidator.validate(DocumentJson.toDocument(tree, "BTS-MINI"), "BTS-MINI"),
                "a contested form may be null");

        ((ObjectNode) tree.at("/epreuves/0/modalites/1")).put("dureeMinutes", 60);
        List<Problem.Violation> settled = DocumentValidator.validate(DocumentJson.toDocument(tree, "BTS-MINI"), "BTS-MINI");
        assertTrue(settled.stream().anyMatch(v -> v.field().equals("epreuves[0].modalites[1].dureeMinutes")
                && v.message().contains("conflict")), settled.toString());

        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.at("/conflits/0/lectures")).remove(1);
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.at("/conflits/0/chemins")).add("epreuves[9].coefficient");
        List<Problem.Violation> oneReading = DocumentValidator.validate(DocumentJson.toDocument(tree, "BTS-MINI"), "BTS-MINI");
        assertTrue(oneReading.stream().anyMatch(v -> v.field().equals("conflits[0].lectures")), oneReading.toString());
        assertTrue(oneReading.stream().anyMatch(v -> v.field().equals("conflits") && "epreuves[9].coefficient".equals(v.rejectedValue())),
                oneReading.toString());
    }

    @Test
    void everyRuleValueIsListedWithTheProvenanceThatCoversIt() throws Exception {
        VersionDocument doc = DocumentJson.toDocument(fixture(), "BTS-MINI");
        List<RuleValues.RuleValue> values = RuleValues.of(doc);
        assertTrue(values.stream().anyMatch(v -> v.path().equals("epreuves[0].situations[0].points") && v.value().asInt() == 14
                && "DEFAUT".equals(v.provenance().nature())), values.toString());
        assertTrue(values.stream().noneMatch(v -> v.path().equals("epreuves[1].coefficient")), "a null value is not a given rule value");
        assertEquals(List.of(), RuleValues.withoutProvenance(doc));
    }

    static ObjectNode fixture() throws Exception {
        try (InputStream in = DocumentValidatorTest.class.getClassLoader().getResourceAsStream("fixtures/mini-gpme.json")) {
            return (ObjectNode) DocumentJson.readTree(in.readAllBytes());
        }
    }
}
