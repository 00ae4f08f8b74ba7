package fr.bts.dossier.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.bts.commons.problem.Problem;

import java.util.List;

/** What a bulk import did, row by row: created, updated, unchanged or rejected (with the reasons). */
public record ImportReport(int total, int created, int updated, int unchanged, int rejected, List<RowReport> rows) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    /** {@code row} is the 1-based position in the JSON array, or the line in the CSV. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RowReport(int row, String candidateNumber, Outcome outcome, String id, List<Problem.Violation> errors) {
    }
}
