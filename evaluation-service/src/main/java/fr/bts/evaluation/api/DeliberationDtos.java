package fr.bts.evaluation.api;

import fr.bts.evaluation.deliberation.ResultatCandidat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and answer shapes of deliberations. */
public final class DeliberationDtos {

    private DeliberationDtos() {
    }

    public record AdjustmentInput(@NotNull BigDecimal note, @NotBlank @Size(max = 1000) String motif) {
    }

    public record Correction(@NotBlank @Size(max = 64) String candidate, @NotBlank @Size(max = 16) String epreuve,
                             @NotNull @Valid GradeDtos.GradeInput grade) {
    }

    /** A revision after the seal: its reason, the grade corrections and adjustments it brings. */
    public record Revision(@NotBlank @Size(max = 2000) String reason,
                           @Size(max = 500) List<@NotNull @Valid Correction> corrections,
                           @Size(max = 500) List<@NotNull @Valid AdjustmentItem> adjustments) {
    }

    public record AdjustmentItem(@NotBlank String candidate, @NotBlank String epreuve, @NotNull BigDecimal note,
                                 @NotBlank @Size(max = 1000) String motif) {
    }

    public record Seal(@Size(max = 2000) String reason) {
    }

    public record CandidateResult(String candidate, String lastName, String firstName, ResultatCandidat result) {
    }

    public record Preview(int revision, String status, int candidates, Map<String, Long> decisions, int page, int size,
                          List<CandidateResult> items) {
    }

    public record RevisionView(int revision, String reason, String createdBy, Instant createdAt, int candidates,
                               Map<String, Long> decisions) {
    }
}
