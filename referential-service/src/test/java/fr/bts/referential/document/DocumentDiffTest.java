package fr.bts.referential.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Diff by stable UUID and field by field; missing facts are the nulls that are not structural. */
class DocumentDiffTest {

    @Test
    void addedRemovedAndChangedElementsAreReportedFieldByField() throws Exception {
        ObjectNode before = DocumentValidatorTest.fixture();
        ObjectNode after = before.deepCopy();
        ((ObjectNode) after.at("/epreuves/1")).put("coefficient", 4);
        ArrayNode taches = (ArrayNode) after.at("/domaines/0/activites/0/taches");
        taches.remove(1);
        taches.addObject().put("code", "T.1.1.9").put("codeSource", "T.1.1.9.").put("libelle", "Nouvelle tâche");
        ((ObjectNode) after.at("/reglesResultat")).put("seuilInclusif", true);

        DocumentDiff.Result diff = DocumentDiff.between(DocumentJson.toDocument(before, "BTS-MINI"),
                DocumentJson.toDocument(after, "BTS-MINI"));

        assertEquals(List.of("T.1.1.9"), diff.added().stream().map(DocumentDiff.Ref::code).toList());
        assertEquals(List.of("T.1.1.2"), diff.removed().stream().map(DocumentDiff.Ref::code).toList());
        DocumentDiff.Changed e51 = diff.changed().stream().filter(c -> "E51".equals(c.code())).findFirst().orElseThrow();
        assertEquals("coefficient", e51.changes().get(0).field());
        assertTrue(e51.changes().get(0).from().isNull());
        assertEquals(4, e51.changes().get(0).to().asInt());
        assertTrue(diff.changed().stream().anyMatch(c -> "reglesResultat".equals(c.code()) && c.kind().equals("section")));
    }

    @Test
    void missingFactsAreTheNonStructuralNulls() throws Exception {
        List<MissingFacts.Missing> missing = MissingFacts.of(DocumentJson.toDocument(DocumentValidatorTest.fixture(), "BTS-MINI"));
        assertTrue(missing.contains(new MissingFacts.Missing("epreuves[1].coefficient", "epreuve", "E51", "coefficient")));
        assertTrue(missing.stream().noneMatch(m -> m.field().equals("parent") || m.field().equals("exigencesDossier")));
        assertTrue(missing.stream().noneMatch(m -> m.path().equals("epreuves[0].modalites[1].nbSituations")),
                "a non-CCF form has no situations to count");
        assertTrue(missing.stream().anyMatch(m -> m.path().equals("certification.dateDerniereDelivrance")));
    }
}
