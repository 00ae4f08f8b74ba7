package fr.bts.evaluation.model;

/** Life of an exam session: OPEN → GRADING → DELIBERATION → SEALED → PUBLISHED. */
public enum SessionStatus {
    OPEN, GRADING, DELIBERATION, SEALED, PUBLISHED;

    /** Whether grades may still be entered (after the snapshot, before the seal). */
    public boolean acceptsGrades() {
        return this == GRADING || this == DELIBERATION;
    }

    public boolean sealed() {
        return this == SEALED || this == PUBLISHED;
    }
}
