package fr.bts.dossier.conformity;

import java.util.List;

/**
 * The outcome of a conformity check, rule by rule. {@code conforme} is false as soon as one
 * {@code NON_CONFORME} rule fails; {@code penalite} says that at least one {@code PENALITE} rule failed.
 */
public record ConformityReport(boolean conforme, boolean penalite, List<RuleResult> results) {

    public ConformityReport {
        results = List.copyOf(results);
    }

    static ConformityReport of(List<RuleResult> results) {
        boolean conforme = results.stream().noneMatch(r -> !r.passed() && r.consequence() == Consequence.NON_CONFORME);
        boolean penalite = results.stream().anyMatch(r -> !r.passed() && r.consequence() == Consequence.PENALITE);
        return new ConformityReport(conforme, penalite, results);
    }

    /**
     * One rule's outcome: the rule's own message (French, for the candidate) and a detail saying what was found.
     */
    public record RuleResult(String code, String type, boolean passed, Consequence consequence, String message,
                             String detail, String source) {
    }
}
