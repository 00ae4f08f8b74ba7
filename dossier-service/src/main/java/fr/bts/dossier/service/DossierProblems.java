package fr.bts.dossier.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;

/** The dossier service's own problem types. */
public final class DossierProblems {

    public static final ProblemType DEADLINE_PASSED = ProblemType.custom("dossier-deadline-passed",
            "The dossier deadline has passed", 409);
    public static final ProblemType WRONG_STATE = ProblemType.custom("dossier-wrong-state",
            "Not allowed in the current state", 409);
    public static final ProblemType DUPLICATE_CANDIDATE = ProblemType.custom("duplicate-candidate-number",
            "Candidate number already registered", 409);

    private DossierProblems() {
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("No dossier " + id);
    }

    static ProblemException wrongState(String detail) {
        return new ProblemException(WRONG_STATE, detail);
    }
}
