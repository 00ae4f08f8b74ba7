package fr.bts.commons.http;

import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated page request: {@code page} counts from 0, {@code size} from 1 to the service's hard cap.
 * Built from raw query strings so that a non-numeric value is a clear 400 with the parameter named.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;

    public static PageRequest of(String page, String size, int maxSize) {
        List<Problem.Violation> violations = new ArrayList<>();
        int p = parse("page", page, 0, 0, Integer.MAX_VALUE / 1000, violations);
        int s = parse("size", size, DEFAULT_SIZE, 1, maxSize, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Invalid pagination parameters", violations).withStatus400();
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    private static int parse(String name, String raw, int dflt, int min, int max, List<Problem.Violation> out) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                out.add(new Problem.Violation(name, "must be between " + min + " and " + max, raw));
                return dflt;
            }
            return value;
        } catch (NumberFormatException e) {
            out.add(new Problem.Violation(name, "must be a whole number", raw));
            return dflt;
        }
    }
}
