package fr.bts.evaluation.grading;

import fr.bts.commons.problem.Problem.Violation;
import fr.bts.evaluation.api.GradeDtos.GradeInput;
import fr.bts.evaluation.deliberation.ReglesExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;
import fr.bts.evaluation.model.Origine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a grade acceptable for a candidate at an épreuve, as plain rules (one method per rule, table-tested in
 * GradingRulesTest): the épreuve is gradable in the session and the candidate sits it; the registration alone gives
 * {@code INSCRIPTION} grades, dispenses and bénéfices (brief §6 StatutNote); an absence or NV carries no mark; a
 * {@code NOTE} carries either a mark on the épreuve's scale or the marks of its CCF situations (R4), within the
 * {@link MarkScale}. Every problem is listed, each on its field under {@code prefix}.
 */
public final class GradingRules {

    private final MarkScale scale;

    public GradingRules(MarkScale scale) {
        this.scale = scale;
    }

    /** The problems of {@code input} for candidate {@code candidateNumber}, who sits {@code sits}, at {@code epreuveCode}. */
    public List<Violation> check(ReglesExamen rules, String candidateNumber, Collection<String> sits, String epreuveCode,
                                 GradeInput input, String prefix) {
        List<Violation> out = new ArrayList<>();
        Optional<EpreuveExamen> epreuve = rules.epreuve(epreuveCode);
        if (epreuve.isEmpty()) {
            out.add(new Violation(prefix + "epreuve", "no gradable épreuve " + epreuveCode + " in this session", epreuveCode));
            return out;
        }
        if (!sits.contains(epreuveCode)) {
            out.add(new Violation(prefix + "epreuve", "candidate " + candidateNumber + " does not sit " + epreuveCode, epreuveCode));
        }
        if (input.origine() == Origine.INSCRIPTION) {
            out.add(new Violation(prefix + "origine", "INSCRIPTION grades come from the registration snapshot", "INSCRIPTION"));
        }
        switch (input.statut()) {
            case DISPENSE, BENEFICE -> out.add(new Violation(prefix + "statut",
                    input.statut() + " comes from the registration (dispenses, bénéfices), not from a jury", input.statut().name()));
            case ABSENT, ABSENT_JUSTIFIE, NV -> noMark(input, prefix, out);
            case NOTE -> marks(epreuve.get(), input, prefix, out);
        }
        return out;
    }

    /** ABSENT, ABSENT_JUSTIFIE and NV are statuses: neither a mark nor situation marks. */
    private static void noMark(GradeInput input, String prefix, List<Violation> out) {
        if (input.note() != null || hasSituations(input)) {
            out.add(new Violation(prefix + "note", "a grade " + input.statut() + " carries no mark"));
        }
    }

    /** A NOTE: the mark on the épreuve's scale, or the CCF situation marks, never both and never neither. */
    private void marks(EpreuveExamen epreuve, GradeInput input, String prefix, List<Violation> out) {
        if (!hasSituations(input)) {
            if (input.note() == null) {
                out.add(new Violation(prefix + "note", "a grade NOTE needs a mark (or CCF situation marks)"));
            } else {
                scale.check(input.note(), epreuve.noteSur(), prefix + "note").ifPresent(out::add);
            }
            return;
        }
        if (input.note() != null) {
            out.add(new Violation(prefix + "note", "give either the mark or the CCF situation marks, not both"));
        }
        if (!epreuve.noteeParSituations()) {
            out.add(new Violation(prefix + "situations", epreuve.code() + " is not marked by CCF situations"));
            return;
        }
        for (Map.Entry<String, BigDecimal> mark : input.situations().entrySet()) {
            situationMark(epreuve, mark.getKey(), mark.getValue(), prefix + "situations." + mark.getKey(), out);
        }
    }

    /** R4: each situation mark names a situation of the épreuve and lies within that situation's points. */
    private void situationMark(EpreuveExamen epreuve, String code, BigDecimal mark, String field, List<Violation> out) {
        Optional<SituationExamen> situation = epreuve.situation(code);
        if (situation.isEmpty()) {
            out.add(new Violation(field, "no situation " + code + " in " + epreuve.code()));
        } else {
            scale.check(mark, epreuve.pointsDe(situation.get()), field).ifPresent(out::add);
        }
    }

    private static boolean hasSituations(GradeInput input) {
        return input.situations() != null && !input.situations().isEmpty();
    }

}
