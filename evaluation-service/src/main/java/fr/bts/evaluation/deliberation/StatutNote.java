package fr.bts.evaluation.deliberation;

/**
 * What a jury records for a candidate at one épreuve (domain brief §6 {@code StatutNote}).
 * <ul>
 *   <li>{@code NOTE}: a mark, on the épreuve's scale or as CCF situation marks;</li>
 *   <li>{@code ABSENT}: no-show without justification — the diploma cannot be delivered at this session;</li>
 *   <li>{@code ABSENT_JUSTIFIE}: justified absence — no decision at this session (R17: consequence not given
 *       by the sources, so the engine decides nothing rather than failing the candidate);</li>
 *   <li>{@code NV}: « non valide » — R13, the diploma cannot be delivered whatever the average;</li>
 *   <li>{@code DISPENSE}: unit dispensed (R8, R12) — out of both sums of the average;</li>
 *   <li>{@code BENEFICE}: mark kept from an earlier session (R9) — counts with its kept mark.</li>
 * </ul>
 */
public enum StatutNote {
    NOTE, ABSENT, ABSENT_JUSTIFIE, NV, DISPENSE, BENEFICE;

    /** Whether this status carries a mark. */
    public boolean withMark() {
        return this == NOTE || this == BENEFICE;
    }
}
