package fr.bts.evaluation.deliberation;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The exam rules of one referential version, as the engine needs them: the gradable épreuves (one per unit,
 * with coefficient, scale and CCF situations), the blocs and their units, and the result rules
 * ({@code reglesResultat} of docs/contracts.md). Nothing here is specific to a diploma.
 *
 * @param epreuves        gradable épreuves (those that carry a unit; a parent such as SAM E2 is not one)
 * @param unitesParBloc   bloc code → its unit codes (R7: a unit validates its bloc), in bloc-code order
 * @param seuil           pass threshold of the average (R1)
 * @param seuilInclusif   whether an average equal to the threshold passes (R1c: data, not code)
 * @param coefficientFacultatifParDefaut coefficient of a facultative unit whose version gives none (R3)
 * @param noteAcquisition mark from which a unit is acquired and validates its bloc (R6, R7: 10/20)
 */
public record ReglesExamen(List<EpreuveExamen> epreuves, Map<String, List<String>> unitesParBloc,
                           BigDecimal seuil, boolean seuilInclusif, BigDecimal coefficientFacultatifParDefaut,
                           BigDecimal noteAcquisition) {

    public static final BigDecimal VINGT = BigDecimal.valueOf(20);
    public static final BigDecimal DIX = BigDecimal.TEN;

    public ReglesExamen {
        epreuves = List.copyOf(epreuves);
        // in bloc order once, so that each candidate's blocs are read in that order without sorting them again
        unitesParBloc = Collections.unmodifiableMap(new TreeMap<>(unitesParBloc));
        Objects.requireNonNull(seuil, "seuil");
        coefficientFacultatifParDefaut = coefficientFacultatifParDefaut == null ? BigDecimal.ONE : coefficientFacultatifParDefaut;
        noteAcquisition = noteAcquisition == null ? DIX : noteAcquisition;
    }

    public Optional<EpreuveExamen> epreuve(String code) {
        return epreuves.stream().filter(e -> e.code().equals(code)).findFirst();
    }

    public Optional<EpreuveExamen> epreuveDeUnite(String unite) {
        return epreuves.stream().filter(e -> unite.equals(e.unite())).findFirst();
    }

    public List<EpreuveExamen> obligatoires() {
        return epreuves.stream().filter(e -> !e.facultative()).toList();
    }

    public List<EpreuveExamen> facultatives() {
        return epreuves.stream().filter(EpreuveExamen::facultative).toList();
    }

    /**
     * One gradable épreuve.
     *
     * @param coefficient null when the version gives none (facultative units, R3 / brief §5.3.6)
     * @param noteSur     the scale of a direct mark (20 unless the version says otherwise)
     * @param situations  CCF situations with their points (GPME E4: A 14, B 6, R4); empty when none
     */
    public record EpreuveExamen(String code, String unite, String intitule, BigDecimal coefficient,
                                boolean facultative, BigDecimal noteSur, List<SituationExamen> situations) {
        public EpreuveExamen {
            noteSur = noteSur == null ? VINGT : noteSur;
            situations = situations == null ? List.of() : List.copyOf(situations);
        }

        /**
         * Whether the épreuve is marked by its CCF situations: either each carries its points and they add up
         * (R4: GPME E4 A 14 + B 6 = /20), or none does and they weigh the same, each marked on the épreuve's scale
         * (R4: SAM E1 CCF « 3 situations de poids identique »).
         */
        public boolean noteeParSituations() {
            return !situations.isEmpty() && (situations.stream().allMatch(s -> s.points() != null)
                    || situations.stream().allMatch(s -> s.points() == null));
        }

        /** The points a situation is marked on: its own, or the épreuve's scale for situations of equal weight. */
        public BigDecimal pointsDe(SituationExamen situation) {
            return situation.points() != null ? situation.points() : noteSur;
        }

        public BigDecimal totalPointsSituations() {
            return situations.stream().map(this::pointsDe).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public Optional<SituationExamen> situation(String code) {
            return situations.stream().filter(s -> s.code().equals(code)).findFirst();
        }
    }

    /** A CCF situation and the points it is marked on. */
    public record SituationExamen(String code, BigDecimal points) {
    }
}
