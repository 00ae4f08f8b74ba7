package fr.bts.evaluation.grading;

import fr.bts.commons.problem.Problem.Violation;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.api.GradeDtos.Outcome;
import fr.bts.evaluation.model.Grade;
import fr.bts.evaluation.model.Origine;

/**
 * What one batch item does to the stored grade (the plan step of a batch): create it when none exists and no version
 * is sent; leave it when the item holds what is stored; update it when the item names the stored version; else a
 * conflict. A grade the registration gave ({@code INSCRIPTION}, R13 and brief §6) is never a jury's to change.
 *
 * @param outcome  what is written, null on a conflict
 * @param conflict why the item conflicts with the stored grade, null otherwise
 */
public record GradeChange(Outcome outcome, Violation conflict) {

    /** The change of an item at {@code field} ({@code grades[i]}) sending {@code input} with {@code version} over {@code stored}. */
    public static GradeChange of(Grade stored, GradeInput input, Long version, String epreuve, String field) {
        if (stored == null) {
            return version == null ? new GradeChange(Outcome.CREATED, null)
                    : conflict(new Violation(field + ".version", "no grade exists yet; omit version to create it", version));
        }
        if (stored.origine == Origine.INSCRIPTION) {
            return conflict(new Violation(field, epreuve + " is " + stored.statut + " by the registration; a jury does not grade it"));
        }
        if (GradeContent.same(stored, input)) {
            return new GradeChange(Outcome.UNCHANGED, null);
        }
        if (version == null || version != stored.version) {
            return conflict(new Violation(field + ".version", "the grade exists at version " + stored.version
                    + "; send that version to update it", version));
        }
        return new GradeChange(Outcome.UPDATED, null);
    }

    private static GradeChange conflict(Violation violation) {
        return new GradeChange(null, violation);
    }
}
