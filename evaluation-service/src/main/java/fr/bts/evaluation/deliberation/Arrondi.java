package fr.bts.evaluation.deliberation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place where figures are rounded. Everything else is exact {@link BigDecimal} arithmetic.
 *
 * <ul>
 *   <li>The pass decision never uses a rounded figure: it compares Σ(coef × note) with
 *       threshold × Σ coef, both exact.</li>
 *   <li>A unit mark brought back to /20 from CCF situations or another scale is rounded to
 *       {@value #SCALE} decimals half-up: a mark has at most 2 decimals (docs/contracts.md).</li>
 *   <li>An average shown to people is truncated to {@value #SCALE} decimals, so that a shown average never
 *       exceeds the exact one (9.996 shows as 9.99, never as a misleading 10.00).</li>
 * </ul>
 */
public final class Arrondi {

    public static final int SCALE = 2;

    private Arrondi() {
    }

    /** {@code points} out of {@code total} brought back to /20, rounded half-up to 2 decimals from the exact quotient. */
    public static BigDecimal surVingt(BigDecimal points, BigDecimal total) {
        return points.multiply(BigDecimal.valueOf(20)).divide(total, SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal moyenneAffichee(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, SCALE, RoundingMode.DOWN);
    }

    /**
     * A figure as the explanation lines write it: plain, without trailing zeros (12.50 → 12.5, 10.00 → 10), the text of
     * {@code stripTrailingZeros().toPlainString()} read off the plain text without building a second number.
     */
    public static String text(BigDecimal value) {
        if (value == null) {
            return "—";
        }
        String plain = value.toPlainString();
        if (value.scale() <= 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        return end == plain.length() ? plain : plain.substring(0, end);
    }
}
