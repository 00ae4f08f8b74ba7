package fr.bts.evaluation.deliberation;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of one candidate, which explains itself: per-unit results, the sums, the decision, the units
 * that block it, the blocs validated and the attestations due, and the lines of the computation in French.
 *
 * @param moyenne           shown average /20, truncated to 2 decimals ({@link Arrondi}); null when not computable
 * @param totalPoints       Σ coef × note over compulsory units plus the facultative points, exact
 * @param totalCoefficients Σ coef over compulsory units not dispensed
 * @param pointsFacultatifs the part of {@code totalPoints} that comes from facultative units (R3)
 * @param epreuvesNv        compulsory épreuves marked NV (R13), named
 * @param epreuvesAbsent    compulsory épreuves with an unjustified absence, named
 * @param epreuvesManquantes compulsory épreuves with no mark, bénéfice or dispense yet
 */
public record ResultatCandidat(String candidat, Decision decision, BigDecimal moyenne, BigDecimal totalPoints,
                               BigDecimal totalCoefficients, BigDecimal pointsFacultatifs, List<ResultatUnite> unites,
                               List<String> epreuvesNv, List<String> epreuvesAbsent, List<String> epreuvesManquantes,
                               List<String> blocsValides, List<AttestationBloc> attestations, List<String> lignes) {

    /**
     * One unit's result: its mark /20 as counted (after situations and adjustments), coefficient, the points it
     * brings, whether it is acquired (mark ≥ 10, R6).
     */
    public record ResultatUnite(String epreuve, String unite, StatutNote statut, BigDecimal note, BigDecimal coefficient,
                                BigDecimal points, boolean facultative, boolean acquise, boolean ajustee) {
    }

    /** A bloc whose every unit is acquired at this result (R6, R7), and how its attestation is delivered. */
    public record AttestationBloc(String bloc, List<String> unites, Delivrance delivrance) {
    }
}
