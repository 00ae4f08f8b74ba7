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

    static ObjectNode fixture() throws Exception {
        try (InputStream in = DocumentValidatorTest.class.getClassLoader().getResourceAsStream("fixtures/mini-gpme.json")) {
            return (ObjectNode) DocumentJson.readTree(in.readAllBytes());
        }
    }
}
