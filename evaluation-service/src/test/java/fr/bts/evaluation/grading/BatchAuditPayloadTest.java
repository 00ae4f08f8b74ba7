package fr.bts.evaluation.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The batch's audit payload, written item by item, is the text the list of {@link GradeContent#auditItem} maps
 * serialised to before issue 16: a mark, CCF situation marks in their order, a status without a mark, every outcome.
 */
class BatchAuditPayloadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theItemsWrittenAreListedAsTheirAuditRecordsWere() throws Exception {
        Map<String, BigDecimal> situations = new LinkedHashMap<>();
        situations.put("B", new BigDecimal("4.5"));
        situations.put("A", new BigDecimal("12"));
        Grade mark = grade("E1", new GradeInput(StatutNote.NOTE, new BigDecimal("12.5"), null, null, Map.of("C1", "acquis"), "bien"), 0);
        Grade ccf = grade("E4", new GradeInput(StatutNote.NOTE, null, situations, Origine.COMMISSION, null, null), 3);
        Grade absent = grade("E5", new GradeInput(StatutNote.ABSENT_JUSTIFIE, null, null, null, null, "certificat"), 1);

        BatchAuditPayload payload = new BatchAuditPayload(MAPPER);
        payload.add("0001", mark, Outcome.CREATED);
        payload.add("0002", ccf, Outcome.UPDATED);
        payload.add("0003", absent, Outcome.CREATED);
        String expected = MAPPER.writeValueAsString(Map.of("items", List.of(GradeContent.auditItem("0001", mark, Outcome.CREATED),
                GradeContent.auditItem("0002", ccf, Outcome.UPDATED), GradeContent.auditItem("0003", absent, Outcome.CREATED))));
        assertEquals(expected, payload.text());
    }

    @Test
    void aBatchThatListsNothingHasNoPayload() {
        assertNull(new BatchAuditPayload(MAPPER).text());
    }

    private static Grade grade(String epreuve, GradeInput input, long version) {
        Grade grade = GradeContent.newGrade(UUID.randomUUID(), UUID.randomUUID(), epreuve, input, "jury", Instant.EPOCH);
        grade.version = version;
        return grade;
    }
}
