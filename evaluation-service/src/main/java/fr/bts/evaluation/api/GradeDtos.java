package fr.bts.evaluation.api;

import fr.bts.evaluation.deliberation.StatutNote;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and answer shapes of grades. */
public final class GradeDtos {

    private GradeDtos() {
    }

    /** One grade as a jury app sends it. {@code situations}: CCF situation code → points (GPME E4: A /14, B /6). */
    public record GradeInput(@NotNull StatutNote statut, BigDecimal note, Map<String, BigDecimal> situations,
                             Origine origine, @Size(max = 50) Map<@NotBlank @Size(max = 200) String, @NotBlank @Size(max = 200) String> grille,
                             @Size(max = 2000) String commentaire) {
    }

    /** One item of a batch: which candidate and épreuve, the grade, and the version it updates (absent to create). */
    public record BatchItem(@NotBlank @Size(max = 64) String candidate, @NotBlank @Size(max = 16) String epreuve,
                            @NotNull StatutNote statut, BigDecimal note, Map<String, BigDecimal> situations, Origine origine,
                            @Size(max = 50) Map<@NotBlank @Size(max = 200) String, @NotBlank @Size(max = 200) String> grille,
                            @Size(max = 2000) String commentaire, Long version) {
        public GradeInput input() {
            return new GradeInput(statut, note, situations, origine, grille, commentaire);
        }
    }

    public record Batch(@NotNull @Size(min = 1) List<@NotNull @Valid BatchItem> grades) {
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record ItemOutcome(int index, String candidate, String epreuve, Outcome outcome, long version) {
    }

    public record BatchOutcome(int received, int created, int updated, int unchanged, List<ItemOutcome> items) {
    }

    public record GradeView(String candidate, String epreuve, StatutNote statut, BigDecimal note,
                            Map<String, BigDecimal> situations, Origine origine, Map<String, String> grille,
                            String commentaire, String grader, Instant gradedAt, long version) {
        public static GradeView of(Grade g, String candidateNumber) {
            return new GradeView(candidateNumber, g.epreuve, g.statut, g.note, g.situations, g.origine, g.grille, g.commentaire,
                    g.grader, g.gradedAt, g.version);
        }
    }
}
