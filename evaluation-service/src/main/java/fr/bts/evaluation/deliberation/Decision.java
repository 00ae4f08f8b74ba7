package fr.bts.evaluation.deliberation;

/** The jury's decision for one candidate, as the engine proposes it. */
public enum Decision {
    /** The average reaches the threshold of the version's result rules (R1, R1c). */
    ADMIS(true),
    /** Every compulsory unit is known and the average is below the threshold. */
    AJOURNE(true),
    /** NV on a compulsory unit: « le diplôme ne peut être délivré » whatever the average (R13). */
    NON_DELIVRE_NV(true),
    /** Unjustified absence at a compulsory unit: not delivered at this session. */
    NON_DELIVRE_ABSENCE(true),
    /** Forme progressive without a mark, bénéfice or dispense for every compulsory unit: unit results only (R11). */
    SANS_DECISION_PROGRESSIVE(true),
    /** Justified absence at a compulsory unit: no decision at this session (R17 not given by the sources). */
    SANS_DECISION_ABSENCE_JUSTIFIEE(true),
    /** Forme globale with a compulsory unit not graded yet: the jury cannot decide (blocks the seal). */
    INCOMPLET(false);

    private final boolean sealable;

    Decision(boolean isFinal) {
        this.sealable = isFinal;
    }

    /** Whether a session may be sealed with this decision. */
    public boolean sealable() {
        return sealable;
    }
}
