package fr.bts.evaluation.deliberation;

import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;
import fr.bts.evaluation.deliberation.ResultatCandidat.AttestationBloc;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exam rules read once for a whole session: what the engine would otherwise derive again for each candidate —
 * the compulsory and facultative épreuves, their coefficients, CCF situations and the fixed parts of their lines, the
 * blocs with their attestations and lines. Only a candidate's own marks remain to be computed and written. Built by
 * {@link DeliberationEngine#preparer(ReglesExamen)}; immutable, so one instance serves every candidate.
 */
public final class ReglesPreparees {

    final ReglesExamen regles;
    final EpreuvePreparee[] obligatoires;
    final EpreuvePreparee[] facultatives;
    final BlocPrepare[] blocs;
    /** How many distinct units the épreuves and blocs name: the size of a candidate's acquisition table. */
    final int unites;
    /** " ≥ 10 × " (or " > "): the fixed middle of the decision line. */
    final String comparaison;
    /** Number of lines a candidate's result has at most, to size its list once. */
    final int lignesMax;

    ReglesPreparees(ReglesExamen regles) {
        this.regles = regles;
        Map<String, Integer> slots = new HashMap<>();
        List<EpreuveExamen> obligatoiresRegles = regles.obligatoires();
        List<EpreuveExamen> facultativesRegles = regles.facultatives();
        obligatoires = new EpreuvePreparee[obligatoiresRegles.size()];
        for (int i = 0; i < obligatoires.length; i++) {
            obligatoires[i] = new EpreuvePreparee(obligatoiresRegles.get(i), false, regles, slots);
        }
        facultatives = new EpreuvePreparee[facultativesRegles.size()];
        for (int i = 0; i < facultatives.length; i++) {
            facultatives[i] = new EpreuvePreparee(facultativesRegles.get(i), true, regles, slots);
        }
        blocs = new BlocPrepare[regles.unitesParBloc().size()];
        int b = 0;
        for (Map.Entry<String, List<String>> bloc : regles.unitesParBloc().entrySet()) {
            blocs[b++] = new BlocPrepare(bloc.getKey(), bloc.getValue(), Arrondi.text(regles.noteAcquisition()), slots);
        }
        unites = slots.size();
        comparaison = (regles.seuilInclusif() ? " ≥ " : " > ") + Arrondi.text(regles.seuil()) + " × ";
        lignesMax = obligatoires.length + facultatives.length + blocs.length + 2;
    }

    public ReglesExamen regles() {
        return regles;
    }

    private static int slot(String unite, Map<String, Integer> slots) {
        return unite == null ? -1 : slots.computeIfAbsent(unite, u -> slots.size());
    }

    /** One épreuve with what its lines and marks need from the rules. */
    static final class EpreuvePreparee {
        final EpreuveExamen epreuve;
        final String code;
        /** Its unit's place in a candidate's acquisition table; -1 for an épreuve without a unit. */
        final int slot;
        /** "E1 (U1) : " or "E1 (U1, facultative) : ". */
        final String debutLigne;
        /** The coefficient that counts (for a facultative unit without one, the version's default). */
        final BigDecimal coefficient;
        /** " × coef 3 = " or, for a facultative unit, " − 10) × coef 1 (par défaut) = ". */
        final String ligneCoefficient;
        final boolean sur20;
        final String noteSurTexte;
        final boolean parSituations;
        final List<String> codesSituations;
        /** Per situation, in order: "/14" (the points it is marked on). */
        final String[] surSituations;
        final BigDecimal totalSituations;
        final String totalSituationsTexte;
        final boolean totalSituationsSur20;

        EpreuvePreparee(EpreuveExamen epreuve, boolean facultative, ReglesExamen regles, Map<String, Integer> slots) {
            this.epreuve = epreuve;
            this.code = epreuve.code();
            this.slot = slot(epreuve.unite(), slots);
            this.debutLigne = code + " (" + epreuve.unite() + (facultative ? ", facultative) : " : ") : ");
            if (facultative) {
                coefficient = epreuve.coefficient() != null ? epreuve.coefficient() : regles.coefficientFacultatifParDefaut();
                ligneCoefficient = " − 10) × coef " + Arrondi.text(coefficient) + (epreuve.coefficient() == null ? " (par défaut)" : "") + " = ";
            } else {
                coefficient = epreuve.coefficient();
                ligneCoefficient = " × coef " + Arrondi.text(coefficient) + " = ";
            }
            sur20 = epreuve.noteSur().compareTo(ReglesExamen.VINGT) == 0;
            noteSurTexte = Arrondi.text(epreuve.noteSur());
            parSituations = epreuve.noteeParSituations();
            codesSituations = epreuve.situations().stream().map(SituationExamen::code).toList();
            surSituations = epreuve.situations().stream().map(s -> "/" + Arrondi.text(epreuve.pointsDe(s))).toArray(String[]::new);
            totalSituations = epreuve.totalPointsSituations();
            totalSituationsTexte = Arrondi.text(totalSituations);
            totalSituationsSur20 = totalSituations.compareTo(ReglesExamen.VINGT) == 0;
        }
    }

    /** One bloc: its units' places in the acquisition table, and its attestation and line for either delivery. */
    static final class BlocPrepare {
        final String code;
        final int[] slots;
        final boolean validable;
        final AttestationBloc automatique;
        final AttestationBloc surDemande;
        final String ligneAutomatique;
        final String ligneSurDemande;

        BlocPrepare(String code, List<String> unites, String noteAcquisition, Map<String, Integer> allSlots) {
            this.code = code;
            this.slots = unites.stream().mapToInt(u -> slot(u, allSlots)).toArray();
            // a bloc without units, or naming a unit no result can carry, is never validated
            validable = !unites.isEmpty() && unites.stream().noneMatch(Objects::isNull);
            List<String> copie = validable ? List.copyOf(unites) : List.of();
            automatique = new AttestationBloc(code, copie, Delivrance.AUTOMATIQUE);
            surDemande = new AttestationBloc(code, copie, Delivrance.SUR_DEMANDE);
            String debut = "Bloc " + code + " validé (" + String.join(", ", unites) + " ≥ " + noteAcquisition + ") — attestation ";
            ligneAutomatique = debut + "délivrée automatiquement";
            ligneSurDemande = debut + "délivrée sur demande";
        }
    }
}
