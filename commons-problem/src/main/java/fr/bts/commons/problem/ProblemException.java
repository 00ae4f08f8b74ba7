package fr.bts.commons.problem;

import java.util.List;

/**
 * Thrown by service code to answer with a given problem. Resources never build error responses by hand:
 * they throw this (or a standard JAX-RS / validation exception) and the mappers write the problem.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public Problem problem() {
        return problem;
    }

    /** The same problem answered as 400: for invalid query or path parameters rather than a body. */
    public ProblemException withStatus400() {
        return new ProblemException(new Problem(ProblemType.BAD_REQUEST.uri(), ProblemType.BAD_REQUEST.title(), 400,
                problem.detail(), problem.instance(), problem.violations(), problem.extensions()));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException invalid(String detail, List<Problem.Violation> violations) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, detail, violations));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(message, List.of(new Problem.Violation(field, message)));
    }
}
