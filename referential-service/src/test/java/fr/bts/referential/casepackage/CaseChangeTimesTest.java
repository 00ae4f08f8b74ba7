package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.document.VersionDocument;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** lastChangeDateTime across versions, without a server: a node keeps the date of the version that last changed it. */
class CaseChangeTimesTest {

    static final Instant T1 = Instant.parse("2024-01-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2024-06-01T10:00:00Z");
    static final Instant T3 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void aNodeKeepsTheDateOfTheVersionThatLastChangedIt() throws Exception {
        JsonNode fixture = fixture();
        VersionDocument v1 = DocumentJson.toDocument(fixture, "BTS-MINI");
        ObjectNode changed = fixture.deepCopy();
        for (JsonNode e : changed.get("epreuves")) {
            if (e.get("code").asText().equals("E51")) {
                ((ObjectNode) e).put("coefficient", 4);
            }
        }
        VersionDocument v2 = DocumentJson.toDocument(changed, "BTS-MINI");
        String e51 = "CFItem/" + ElementIds.of("BTS-MINI", ElementKind.EPREUVE, "E51");
        String e4 = "CFItem/" + ElementIds.of("BTS-MINI", ElementKind.EPREUVE, "E4");
        String e51ToUnit = "CFAssociation/isRelatedTo/" + ElementIds.of("BTS-MINI", ElementKind.EPREUVE, "E51") + "/"
                + ElementIds.of("BTS-MINI", ElementKind.UNITE, "U51");
        String blocToDocument = "CFAssociation/isChildOf/" + ElementIds.of("BTS-MINI", ElementKind.BLOC, "RNCP99999BC01") + "/document";

        Map<String, Instant> first = CaseChangeTimes.ofLast(List.of(new CaseChangeTimes.Dated(v1, T1)));
        assertEquals(T1, first.get(e51));
        assertEquals(T1, first.get(blocToDocument));

        Map<String, Instant> second = CaseChangeTimes.ofLast(List.of(new CaseChangeTimes.Dated(v1, T1), new CaseChangeTimes.Dated(v2, T2)));
        assertEquals(T2, second.get(e51), "changed in version 2");
        assertEquals(T1, second.get(e4), "unchanged since version 1");
        assertEquals(T1, second.get(e51ToUnit), "the association did not change with the épreuve's coefficient");
        assertEquals(T1, second.get(blocToDocument));
        assertEquals(T1, second.get("CFItemType/epreuve"));

        Map<String, Instant> third = CaseChangeTimes.ofLast(List.of(new CaseChangeTimes.Dated(v1, T1),
                new CaseChangeTimes.Dated(v2, T2), new CaseChangeTimes.Dated(v2, T3)));
        assertEquals(T2, third.get(e51), "a version that changes nothing keeps the dates");
        Map<String, Instant> back = CaseChangeTimes.ofLast(List.of(new CaseChangeTimes.Dated(v1, T1),
                new CaseChangeTimes.Dated(v2, T2), new CaseChangeTimes.Dated(v1, T3)));
        assertEquals(T3, back.get(e51), "changed back is a change too");
        assertEquals(T1, back.get(e4));
    }

    static JsonNode fixture() throws Exception {
        try (InputStream in = CaseChangeTimesTest.class.getClassLoader().getResourceAsStream("fixtures/mini-gpme.json")) {
            return DocumentJson.readTree(in.readAllBytes());
        }
    }
}
