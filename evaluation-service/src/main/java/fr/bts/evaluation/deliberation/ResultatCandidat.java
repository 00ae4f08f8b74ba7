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
     * brings, its nature (compulsory or facultative), whether it is acquired (mark ≥ 10, R6) and whether its mark is
     * the jury's adjustment. On the wire (and in a stored result) the last three are the flags {@code facultative},
     * {@code acquise}, {@code ajustee} ({@code fr.bts.evaluation.api.ResultJsonShape}).
     */
    public record ResultatUnite(String epreuve, String unite, StatutNote statut, BigDecimal note, BigDecimal coefficient,
                                BigDecimal points, Nature nature, Acquisition acquisition,
                                OrigineNote origine) {

        /** A unit that brings no mark (missing, dispensed, NV, absent, or facultative without a mark). */
        public static ResultatUnite sansNote(ReglesExamen.EpreuveExamen epreuve, StatutNote statut, BigDecimal coefficient, BigDecimal points, Nature nature) {
            return new ResultatUnite(epreuve.code(), epreuve.unite(), statut, null, coefficient, points, nature,
                    Acquisition.NON_ACQUISE, OrigineNote.CALCULEE);
        }

        /** A unit result from its three flags, as a stored result names them. */
        public static ResultatUnite depuisDrapeaux(String epreuve, String unite, StatutNote statut, BigDecimal note,
                                                   BigDecimal coefficient, BigDecimal points, boolean facultative,
                                                   boolean acquise, boolean ajustee) {
            return new ResultatUnite(epreuve, unite, statut, note, coefficient, points,
                    facultative ? Nature.FACULTATIVE : Nature.OBLIGATOIRE, acquise ? Acquisition.ACQUISE : Acquisition.NON_ACQUISE,
                    ajustee ? OrigineNote.AJUSTEE : OrigineNote.CALCULEE);
        }

        public boolean facultative() {
            return nature == Nature.FACULTATIVE;
        }

        public boolean acquise() {
            return acquisition == Acquisition.ACQUISE;
        }

        public boolean ajustee() {
            return origine == OrigineNote.AJUSTEE;
        }
    }

    /** Whether a unit is compulsory (in both sums of the average) or facultative (points above 10 only, R3). */
    public enum Nature {
        OBLIGATOIRE, FACULTATIVE
    }

    /** Whether a unit is acquired at this result: marked at or above the acquisition mark (R6), so it counts for its bloc. */
    public enum Acquisition {
        ACQUISE, NON_ACQUISE
    }

    /** Where a counted mark comes from: the grades as recorded, or the jury's adjustment (R18). */
    public enum OrigineNote {
        CALCULEE, AJUSTEE
    }


    /** A bloc whose every unit is acquired at this result (R6, R7), and how its attestation is delivered. */
    public record AttestationBloc(String bloc, List<String> unites, Delivrance delivrance) {
    }
}
