package fr.bts.evaluation.grading;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.model.Grade;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The payload of a grade batch's one audit entry, {@code {"items":[…]}}, listing the items written, each as
 * {@link GradeContent#auditItem} serialises it (same fields, order and values), written as the items come instead of
 * building a map per item and serialising the list of maps: a batch writes up to 500 of them.
 */
public final class BatchAuditPayload {

    private final StringWriter text = new StringWriter();
    private final JsonGenerator out;
    private int items;

    /** An empty list, written with {@code mapper}'s settings (those every other payload is serialised with). */
    public BatchAuditPayload(ObjectMapper mapper) {
        try {
            out = mapper.createGenerator(text);
            out.writeStartObject();
            out.writeArrayFieldStart("items");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lists a written item: {@code grade} as stored, for candidate {@code candidate}, with what the batch did to it. */
    public void add(String candidate, Grade grade, Outcome outcome) {
        try {
            out.writeStartObject();
            out.writeStringField("candidate", candidate);
            out.writeStringField("epreuve", grade.epreuve);
            out.writeStringField("statut", grade.statut.name());
            out.writeFieldName("note");
            mark(grade.note);
            out.writeFieldName("situations");
            if (grade.situations == null) {
                out.writeNull();
            } else {
                out.writeStartObject();
                for (Map.Entry<String, BigDecimal> situation : grade.situations.entrySet()) {
                    out.writeFieldName(situation.getKey());
                    mark(situation.getValue());
                }
                out.writeEndObject();
            }
            out.writeStringField("origine", grade.origine.name());
            out.writeNumberField("version", grade.version);
            out.writeStringField("outcome", outcome.name());
            out.writeEndObject();
            items++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload, or null when no item was listed (a batch that wrote nothing extends no chain). */
    public String text() {
        try {
            out.writeEndArray();
            out.writeEndObject();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items == 0 ? null : text.toString();
    }

    private void mark(BigDecimal mark) throws IOException {
        if (mark == null) {
            out.writeNull();
        } else {
            out.writeNumber(mark);
        }
    }
}
