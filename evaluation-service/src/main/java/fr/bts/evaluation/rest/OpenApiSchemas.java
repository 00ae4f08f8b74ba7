package fr.bts.evaluation.rest;

import fr.bts.evaluation.api.CandidateView;
import fr.bts.evaluation.api.GradeDtos.GradeView;
import fr.bts.evaluation.api.SessionDtos.SessionView;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Schemas of the answers built as a {@code Response} or a map: the pages (same shape as
 * {@code fr.bts.commons.http.Page}, with their Link headers) with their item type named, and the adjustment answer.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {
    }

    @Schema(name = "SessionPage", description = "One page of sessions, with the total count (Link and X-Total-Count headers too)")
    record SessionPage(int page, int size, long totalItems, int totalPages, List<SessionView> items) {
    }

    @Schema(name = "GradePage", description = "One page of grades")
    record GradePage(int page, int size, long totalItems, int totalPages, List<GradeView> items) {
    }

    @Schema(name = "CandidatePage", description = "One page of the session's candidates")
    record CandidatePage(int page, int size, long totalItems, int totalPages, List<CandidateView> items) {
    }

    @Schema(name = "AdjustmentView", description = "The mark the president set for a candidate's épreuve, with the reason and author")
    record AdjustmentView(String candidate, String epreuve, BigDecimal note, String motif, String auteur) {
    }
}
