package fr.bts.evaluation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.evaluation.deliberation.ReglesExamen;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the exam rules out of the referential version document of docs/contracts.md. */
class ExamRulesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ExamRulesTest.class.getResourceAsStream("/fixtures/" + name)) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void samVersionGivesSevenCompulsoryUnitsAndTwoFacultativeOnes() throws IOException {
        ExamRules.Extraction extraction = ExamRules.from(fixture("sam-v1.json"));
        assertEquals(List.of(), extraction.missing());
        ReglesExamen rules = extraction.regles();
        assertEquals(List.of("E1", "E21", "E22", "E3", "E4", "E5", "E6"), rules.obligatoires().stream().map(ReglesExamen.EpreuveExamen::code).toList());
        assertEquals(List.of("EF1", "EF2"), rules.facultatives().stream().map(ReglesExamen.EpreuveExamen::code).toList());
        assertEquals(0, new BigDecimal("21").compareTo(rules.obligatoires().stream().map(ReglesExamen.EpreuveExamen::coefficient)
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        assertNull(rules.epreuve("EF1").orElseThrow().coefficient());
        assertEquals(List.of("U21", "U22"), rules.unitesParBloc().get("SAM-BC05"));
        assertTrue(rules.seuilInclusif());
    }

    @Test
    void gpmeE4IsMarkedBySituationsOfFourteenAndSixPoints() throws IOException {
        ReglesExamen rules = ExamRules.from(fixture("gpme-v1.json")).regles();
        ReglesExamen.EpreuveExamen e4 = rules.epreuve("E4").orElseThrow();
        assertTrue(e4.noteeParSituations());
        assertEquals(0, new BigDecimal("20").compareTo(e4.totalPointsSituations()));
        assertEquals(0, new BigDecimal("6").compareTo(e4.coefficient()));
    }

    @Test
    void everyMissingRuleIsListed() throws IOException {
        ExamRules.Extraction extraction = ExamRules.from(fixture("sam-v2-incomplete.json"));
        assertNull(extraction.regles());
        assertTrue(extraction.missing().stream().anyMatch(m -> m.contains("E5")), extraction.missing().toString());
        assertTrue(extraction.missing().stream().anyMatch(m -> m.contains("E6")), extraction.missing().toString());
        assertTrue(extraction.missing().stream().anyMatch(m -> m.contains("seuilInclusif")), extraction.missing().toString());
    }

    @Test
    void aCompulsoryUnitWithoutAnEpreuveOrCoefficientIsMissing() throws IOException {
        // GPME as the seeds give it: U51, U52, U6 have no known épreuve coefficient (brief §5.1.1)
        ObjectNode gpme = (ObjectNode) fixture("gpme-v1.json");
        ((com.fasterxml.jackson.databind.node.ArrayNode) gpme.get("unites")).addObject()
                .put("code", "U51").put("bloc", "RNCP38363BC02").put("facultative", false);
        ((com.fasterxml.jackson.databind.node.ArrayNode) gpme.get("unites")).addObject()
                .put("code", "U52").put("bloc", "RNCP38363BC03").put("facultative", false);
        ((com.fasterxml.jackson.databind.node.ArrayNode) gpme.get("epreuves")).addObject()
                .put("code", "EP-U52").put("unite", "U52").putNull("coefficient").put("facultative", false);
        List<String> missing = ExamRules.from(gpme).missing();
        assertEquals(List.of("épreuve EP-U52 (U52) : coefficient manquant", "unité U51 : aucune épreuve"), missing);
    }
}
