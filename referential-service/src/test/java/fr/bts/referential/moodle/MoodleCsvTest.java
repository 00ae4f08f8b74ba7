package fr.bts.referential.moodle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.devstack.CsvRecords;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.VersionDocument;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoodleCsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals("plain", MoodleCsv.escape("plain"));
        assertEquals("\"a, b\"", MoodleCsv.escape("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", MoodleCsv.escape("say \"hi\""));
        assertEquals("\"l1\nl2\"", MoodleCsv.escape("l1\nl2"));
        assertEquals("\"l1\rl2\"", MoodleCsv.escape("l1\rl2"));
        assertEquals("", MoodleCsv.escape(null));
    }

    /** Issue 11: a title a spreadsheet would evaluate is exported as text; the framework still imports whole. */
    @Test
    void formulaTitlesAreNeutralisedAndEveryRowKeepsItsParent() throws Exception {
        JsonNode tree;
        try (InputStream in = MoodleCsvTest.class.getClassLoader().getResourceAsStream("seed/bts-sam.json")) {
            tree = DocumentJson.readTree(in.readAllBytes());
        }
        ObjectNode bloc = (ObjectNode) tree.path("blocs").get(0);
        bloc.put("intitule", "=HYPERLINK(\"http://evil.example\";\"clic\")");
        ((ObjectNode) bloc.path("competences").get(0)).put("libelle", "+cmd|' /C calc'!A0");
        ((ObjectNode) bloc.path("competences").get(1)).put("libelle", "@SUM(1+1)");
        VersionDocument doc = DocumentJson.toDocument(tree, "BTS-SAM");

        String csv = MoodleCsv.export(doc);

        assertFalse(csv.contains(",=") || csv.contains(",+") || csv.contains(",@") || csv.contains("\n=")
                || csv.contains(",\"=") || csv.contains(",\"+") || csv.contains(",\"@"), csv);
        assertTrue(csv.contains(",'+cmd|' /C calc'!A0,"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")"), csv);
        // what tool_lpimportcsv does: rows whose parent is empty hang from the framework, others from their parent
        List<List<String>> rows = CsvRecords.parse(csv); // RFC 4180, as PHP's fgetcsv reads it for Moodle
        assertEquals(MoodleCsv.HEADER, rows.get(0));
        java.util.Set<String> ids = new java.util.HashSet<>();
        rows.subList(2, rows.size()).forEach(r -> ids.add(r.get(1)));
        for (List<String> row : rows.subList(2, rows.size())) {
            assertEquals(14, row.size());
            assertTrue(row.get(0).isEmpty() || ids.contains(row.get(0)), "orphan row " + row);
        }
    }
}
