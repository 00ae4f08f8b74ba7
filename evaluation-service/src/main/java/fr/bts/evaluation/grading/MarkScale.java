package fr.bts.evaluation.grading;

import fr.bts.commons.problem.Problem;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounds and step of every mark the service records, the one place they are checked: a jury's mark, a CCF situation's
 * mark and the president's adjustment all lie between 0 and their scale, and are a multiple of the step
 * ({@code evaluation.grades.step}, 0.5 by default).
 */
public record MarkScale(BigDecimal step) {

    public MarkScale {
        Objects.requireNonNull(step, "step");
    }

    /** The problem of {@code mark} on a scale of {@code max}, reported on {@code field}; empty when the mark is good. */
    public Optional<Problem.Violation> check(BigDecimal mark, BigDecimal max, String field) {
        if (mark == null) {
            return Optional.of(new Problem.Violation(field, "a mark is required"));
        }
        if (mark.signum() < 0 || mark.compareTo(max) > 0) {
            return Optional.of(new Problem.Violation(field, "must be between 0 and " + plain(max), mark));
        }
        if (mark.remainder(step).signum() != 0) {
            return Optional.of(new Problem.Violation(field, "must be a multiple of " + plain(step), mark));
        }
        return Optional.empty();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
