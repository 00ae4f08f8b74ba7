package fr.bts.evaluation.deliberation;

import fr.bts.evaluation.deliberation.DossierCandidat.Adjustment;
import fr.bts.evaluation.deliberation.DossierCandidat.Evaluation;
import fr.bts.evaluation.deliberation.ReglesPreparees.BlocPrepare;
import fr.bts.evaluation.deliberation.ReglesPreparees.EpreuvePreparee;
import fr.bts.evaluation.deliberation.ResultatCandidat.Acquisition;
import fr.bts.evaluation.deliberation.ResultatCandidat.AttestationBloc;
import fr.bts.evaluation.deliberation.ResultatCandidat.Nature;
import fr.bts.evaluation.deliberation.ResultatCandidat.OrigineNote;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a candidate's result from the exam rules of the referential version (domain brief §4):
 *
 * <ul>
 *   <li>R2 — average = Σ(coef × note) / Σ coef over the compulsory units; a dispensed unit is out of both sums
 *       (R8/R12; brief §5.3.9 leaves it open, out of both sums is the only reading that does not punish a
 *       dispense); a bénéfice counts with its kept mark (R9);</li>
 *   <li>R4 — a unit marked by CCF situations is their sum brought back to /20 (GPME E4: A/14 + B/6);
 *       a mark on another scale is brought back to /20;</li>
 *   <li>R3 — facultative units: only the points above 10 count, (note − 10) × coefficient (the version's
 *       default, 1, when it gives none) added to the numerator, the denominator unchanged;</li>
 *   <li>R1/R1c — pass when the exact average reaches the threshold, inclusive or not as the version's
 *       {@code reglesResultat} says (seeded ≥ 10/20, Code de l'éducation art. D643-13);</li>
 *   <li>R13 — NV on a compulsory unit: not delivered whatever the average; an unjustified absence: not
 *       delivered at this session; both named;</li>
 *   <li>R11 — forme progressive without a mark, bénéfice or dispense for every compulsory unit: unit results
 *       and no decision;</li>
 *   <li>R6/R7 — a unit marked ≥ 10 validates its bloc (a bloc of several units, SAM bloc 5, when all its units
 *       are: brief §4 R7 leaves it open, all of them is the prudent reading); attestation automatic for
 *       continuing education and VAE, on request otherwise.</li>
 * </ul>
 *
 * Decision precedence when several apply: NV, unjustified absence, missing units, justified absence, average.
 * Rounding: {@link Arrondi}, the only place where figures are rounded. Plain Java, no framework, stateless: what the
 * rules alone decide (the épreuves, coefficients, fixed parts of the lines, blocs) is read once per session into
 * {@link ReglesPreparees}, so that each candidate costs only their own marks. {@link #decider} runs the same
 * computation without writing the lines (a preview counts every candidate's decision but shows one page of results).
 */
public final class DeliberationEngine {

    /** Reads the rules once for every candidate of a session. */
    public ReglesPreparees preparer(ReglesExamen regles) {
        return new ReglesPreparees(regles);
    }

    public ResultatCandidat deliberer(ReglesExamen regles, DossierCandidat candidat) {
        return deliberer(preparer(regles), candidat);
    }

    public ResultatCandidat deliberer(ReglesPreparees regles, DossierCandidat candidat) {
        Calcul calcul = new Calcul(regles, true);
        sommes(regles, candidat, calcul);
        BigDecimal totalPoints = calcul.numerateur.add(calcul.pointsFacultatifs);
        BigDecimal moyenne = null;
        if (calcul.manquantes.isEmpty() && calcul.nv.isEmpty() && calcul.absents.isEmpty() && calcul.absentsJustifies.isEmpty()
                && calcul.denominateur.signum() > 0) {
            moyenne = Arrondi.moyenneAffichee(totalPoints, calcul.denominateur);
            calcul.lignes.add("Moyenne = " + Arrondi.text(totalPoints) + " / " + Arrondi.text(calcul.denominateur) + " = "
                    + Arrondi.text(moyenne) + " (tronquée à 2 décimales)");
        }
        Decision decision = decision(regles, candidat, calcul, totalPoints);
        calcul.lignes.add(ligneDecision(regles, calcul, decision, totalPoints));
        blocs(regles, candidat, calcul);
        return new ResultatCandidat(candidat.candidat(), decision, moyenne, totalPoints, calcul.denominateur, calcul.pointsFacultatifs,
                List.copyOf(calcul.unites), List.copyOf(calcul.nv), List.copyOf(calcul.absents), List.copyOf(calcul.manquantes),
                List.copyOf(calcul.blocsValides), List.copyOf(calcul.attestations), List.copyOf(calcul.lignes));
    }

    /**
     * The decision {@link #deliberer} gives, by the same computation, without its lines, moyenne, unit results or blocs:
     * none of them changes the decision, and writing the lines is most of the engine's work.
     */
    public Decision decider(ReglesPreparees regles, DossierCandidat candidat) {
        Calcul calcul = new Calcul(regles, false);
        sommes(regles, candidat, calcul);
        return decision(regles, candidat, calcul, calcul.numerateur.add(calcul.pointsFacultatifs));
    }

    /** Every compulsory then facultative unit into the sums (and, when explained, the unit results and lines). */
    private static void sommes(ReglesPreparees regles, DossierCandidat candidat, Calcul calcul) {
        for (EpreuvePreparee epreuve : regles.obligatoires) {
            obligatoire(regles, candidat, epreuve, calcul);
        }
        for (EpreuvePreparee epreuve : regles.facultatives) {
            facultative(regles, candidat, epreuve, calcul);
        }
    }

    /** What the computation has gathered so far: unit results, the named épreuves, the sums and the lines. */
    private static final class Calcul {
        /** Whether the lines and unit results are written ({@link #deliberer}) or only the decision is wanted ({@link #decider}). */
        final boolean explique;
        final List<String> lignes;
        final List<ResultatUnite> unites;
        final List<String> nv = new ArrayList<>(0);
        final List<String> absents = new ArrayList<>(0);
        final List<String> absentsJustifies = new ArrayList<>(0);
        final List<String> manquantes = new ArrayList<>(0);
        final List<String> blocsValides;
        final List<AttestationBloc> attestations;
        /** Per unit (its place in {@link ReglesPreparees}): whether its last result is acquired — the last result decides. */
        final boolean[] acquises;
        BigDecimal numerateur = BigDecimal.ZERO;
        BigDecimal denominateur = BigDecimal.ZERO;
        BigDecimal pointsFacultatifs = BigDecimal.ZERO;

        Calcul(ReglesPreparees regles, boolean explique) {
            this.explique = explique;
            lignes = explique ? new ArrayList<>(regles.lignesMax) : List.of();
            unites = explique ? new ArrayList<>(regles.obligatoires.length + regles.facultatives.length) : List.of();
            blocsValides = explique ? new ArrayList<>(regles.blocs.length) : List.of();
            attestations = explique ? new ArrayList<>(regles.blocs.length) : List.of();
            acquises = new boolean[regles.unites];
        }

        void unite(EpreuvePreparee epreuve, ResultatUnite unite) {
            unites.add(unite);
            if (epreuve.slot >= 0) {
                acquises[epreuve.slot] = unite.acquise();
            }
        }

        /** A compulsory unit that brings no mark, with its line. */
        void sansNote(EpreuvePreparee epreuve, StatutNote statut, String ligne) {
            if (explique) {
                lignes.add(epreuve.debutLigne + ligne);
                unite(epreuve, ResultatUnite.sansNote(epreuve.epreuve, statut, epreuve.coefficient, null, Nature.OBLIGATOIRE));
            }
        }
    }

    /** R2, R4, R8/R12, R9, R13: one compulsory unit, in both sums of the average or named for the decision. */
    private static void obligatoire(ReglesPreparees regles, DossierCandidat candidat, EpreuvePreparee epreuve, Calcul calcul) {
        Evaluation evaluation = candidat.evaluations().get(epreuve.code);
        if (evaluation == null) {
            calcul.manquantes.add(epreuve.code);
            calcul.sansNote(epreuve, null,
                    candidat.epreuvesInscrites().contains(epreuve.code) ? "pas encore de note" : "non présentée à cette session");
            return;
        }
        switch (evaluation.statut()) {
            case DISPENSE -> calcul.sansNote(epreuve, StatutNote.DISPENSE, "dispensée, hors des deux sommes");
            case NV -> {
                calcul.nv.add(epreuve.code);
                calcul.sansNote(epreuve, StatutNote.NV, "NV — le diplôme ne peut être délivré");
            }
            case ABSENT -> {
                calcul.absents.add(epreuve.code);
                calcul.sansNote(epreuve, StatutNote.ABSENT, "absent(e) — diplôme non délivré à cette session");
            }
            case ABSENT_JUSTIFIE -> {
                calcul.absentsJustifies.add(epreuve.code);
                calcul.sansNote(epreuve, StatutNote.ABSENT_JUSTIFIE, "absence justifiée — pas de décision à cette session");
            }
            case NOTE, BENEFICE -> {
                Adjustment adjustment = candidat.adjustments().get(epreuve.code);
                Mark mark = markSur20(epreuve, evaluation, adjustment, calcul.explique);
                if (mark == null) {
                    calcul.manquantes.add(epreuve.code);
                    calcul.sansNote(epreuve, evaluation.statut(), "situations CCF incomplètes");
                    return;
                }
                BigDecimal coef = epreuve.coefficient;
                BigDecimal points = coef.multiply(mark.note);
                calcul.numerateur = calcul.numerateur.add(points);
                calcul.denominateur = calcul.denominateur.add(coef);
                if (calcul.explique) {
                    calcul.lignes.add(epreuve.debutLigne + mark.explication + epreuve.ligneCoefficient + Arrondi.text(points) + " points");
                    calcul.unite(epreuve, notee(regles, epreuve, evaluation, mark, points, Nature.OBLIGATOIRE, adjustment != null));
                }
            }
        }
    }

    /** R3: one facultative unit, only its points above 10 added to the numerator. */
    private static void facultative(ReglesPreparees regles, DossierCandidat candidat, EpreuvePreparee epreuve, Calcul calcul) {
        Evaluation evaluation = candidat.evaluations().get(epreuve.code);
        if (evaluation == null || !evaluation.statut().withMark()) {
            if (calcul.explique && candidat.epreuvesInscrites().contains(epreuve.code)) {
                calcul.lignes.add(epreuve.debutLigne + (evaluation == null ? "pas de note" : evaluation.statut().name()) + " — aucun point");
                calcul.unite(epreuve, ResultatUnite.sansNote(epreuve.epreuve, evaluation == null ? null : evaluation.statut(), null,
                        BigDecimal.ZERO, Nature.FACULTATIVE));
            }
            return;
        }
        Adjustment adjustment = candidat.adjustments().get(epreuve.code);
        Mark mark = markSur20(epreuve, evaluation, adjustment, calcul.explique);
        if (mark == null) {
            return;
        }
        BigDecimal auDessus = mark.note.subtract(ReglesExamen.DIX).max(BigDecimal.ZERO);
        BigDecimal points = auDessus.multiply(epreuve.coefficient);
        calcul.pointsFacultatifs = calcul.pointsFacultatifs.add(points);
        if (!calcul.explique) {
            return;
        }
        calcul.lignes.add(epreuve.debutLigne + "(" + mark.explication + epreuve.ligneCoefficient + Arrondi.text(points)
                + " points ajoutés au numérateur seulement");
        calcul.unite(epreuve, notee(regles, epreuve, evaluation, mark, points, Nature.FACULTATIVE,
                candidat.adjustments().containsKey(epreuve.code)));
    }

    private static ResultatUnite notee(ReglesPreparees regles, EpreuvePreparee epreuve, Evaluation evaluation, Mark mark,
                                       BigDecimal points, Nature nature, boolean ajustee) {
        return new ResultatUnite(epreuve.code, epreuve.epreuve.unite(), evaluation.statut(), mark.note, epreuve.coefficient, points, nature,
                mark.note.compareTo(regles.regles.noteAcquisition()) >= 0 ? Acquisition.ACQUISE : Acquisition.NON_ACQUISE,
                ajustee ? OrigineNote.AJUSTEE : OrigineNote.CALCULEE);
    }

    /** R1/R1c, R11, R13, R17: the decision, in the precedence of the class comment. */
    private static Decision decision(ReglesPreparees regles, DossierCandidat candidat, Calcul calcul, BigDecimal totalPoints) {
        if (!calcul.nv.isEmpty()) {
            return Decision.NON_DELIVRE_NV;
        }
        if (!calcul.absents.isEmpty()) {
            return Decision.NON_DELIVRE_ABSENCE;
        }
        if (!calcul.manquantes.isEmpty()) {
            return candidat.forme() == FormeInscription.PROGRESSIVE ? Decision.SANS_DECISION_PROGRESSIVE : Decision.INCOMPLET;
        }
        if (!calcul.absentsJustifies.isEmpty()) {
            return Decision.SANS_DECISION_ABSENCE_JUSTIFIEE;
        }
        if (calcul.denominateur.signum() <= 0) {
            return Decision.INCOMPLET;
        }
        int cmp = totalPoints.compareTo(seuilPondere(regles, calcul));
        return (regles.regles.seuilInclusif() ? cmp >= 0 : cmp > 0) ? Decision.ADMIS : Decision.AJOURNE;
    }

    /** The threshold times the coefficients: what the exact total of points is compared with (R1/R1c). */
    private static BigDecimal seuilPondere(ReglesPreparees regles, Calcul calcul) {
        return regles.regles.seuil().multiply(calcul.denominateur);
    }

    /** The line that explains the decision {@link #decision} took, naming what it rests on. */
    private static String ligneDecision(ReglesPreparees regles, Calcul calcul, Decision decision, BigDecimal totalPoints) {
        return switch (decision) {
            case NON_DELIVRE_NV -> "Décision : diplôme non délivré, NV à " + String.join(", ", calcul.nv) + " (quelle que soit la moyenne)";
            case NON_DELIVRE_ABSENCE ->
                    "Décision : diplôme non délivré à cette session, absence non justifiée à " + String.join(", ", calcul.absents);
            case SANS_DECISION_PROGRESSIVE -> "Décision : forme progressive, unités restant à obtenir " + String.join(", ", calcul.manquantes)
                    + " — résultats par unité, pas de décision sur le diplôme";
            case INCOMPLET -> calcul.manquantes.isEmpty()
                    ? "Décision impossible : aucune unité obligatoire notée"
                    : "Décision impossible : note manquante à " + String.join(", ", calcul.manquantes);
            case SANS_DECISION_ABSENCE_JUSTIFIEE ->
                    "Décision : pas de décision à cette session, absence justifiée à " + String.join(", ", calcul.absentsJustifies);
            case ADMIS, AJOURNE -> (decision == Decision.ADMIS ? "Décision : admis(e) — " : "Décision : ajourné(e) — ")
                    + Arrondi.text(totalPoints) + regles.comparaison + Arrondi.text(calcul.denominateur) + " = "
                    + Arrondi.text(seuilPondere(regles, calcul))
                    + (decision == Decision.ADMIS ? " : vrai (comparaison exacte)" : " : faux (comparaison exacte)");
        };
    }

    /** R6/R7: the blocs whose every unit is acquired, in bloc order, with how their attestation is delivered. */
    private static void blocs(ReglesPreparees regles, DossierCandidat candidat, Calcul calcul) {
        boolean automatique = DossierCandidat.VOIES_ATTESTATION_AUTOMATIQUE.contains(candidat.voie());
        for (BlocPrepare bloc : regles.blocs) {
            if (bloc.validable && toutesAcquises(bloc.slots, calcul.acquises)) {
                calcul.blocsValides.add(bloc.code);
                calcul.attestations.add(automatique ? bloc.automatique : bloc.surDemande);
                calcul.lignes.add(automatique ? bloc.ligneAutomatique : bloc.ligneSurDemande);
            }
        }
    }

    /** Whether each unit of a bloc has a result and its last result is acquired (a unit without a result is not). */
    private static boolean toutesAcquises(int[] slots, boolean[] acquises) {
        for (int slot : slots) {
            if (slot < 0 || !acquises[slot]) {
                return false;
            }
        }
        return true;
    }

    private record Mark(BigDecimal note, String explication) {
    }

    /**
     * The mark /20 that counts for an épreuve: the recorded mark brought back to /20, then any adjustment; with its
     * explanation when {@code explique}. Null when the recorded mark is not complete (an adjustment does not replace it).
     */
    private static Mark markSur20(EpreuvePreparee epreuve, Evaluation evaluation, Adjustment adjustment, boolean explique) {
        BigDecimal note = noteSur20(epreuve, evaluation);
        if (note == null) {
            return null;
        }
        return new Mark(adjustment == null ? note : adjustment.note(), explique ? explication(epreuve, evaluation, note, adjustment) : null);
    }

    /** Whether the épreuve is marked by its CCF situations here (a mark given directly takes their place). */
    private static boolean parSituations(EpreuvePreparee epreuve, Evaluation evaluation) {
        return evaluation.statut() == StatutNote.NOTE && epreuve.parSituations && evaluation.note() == null;
    }

    /** The recorded mark /20: situations summed and scaled, a bénéfice as kept, or the mark scaled; null when incomplete. */
    private static BigDecimal noteSur20(EpreuvePreparee epreuve, Evaluation evaluation) {
        if (parSituations(epreuve, evaluation)) {
            if (!evaluation.situations().keySet().containsAll(epreuve.codesSituations)) {
                return null;
            }
            BigDecimal somme = BigDecimal.ZERO;
            for (int i = 0; i < epreuve.surSituations.length; i++) {
                somme = somme.add(evaluation.situations().get(epreuve.codesSituations.get(i)));
            }
            return surVingt(somme, epreuve.totalSituations);
        }
        if (evaluation.note() == null) {
            return null;
        }
        if (evaluation.statut() == StatutNote.BENEFICE || epreuve.sur20) {
            return evaluation.note();
        }
        return Arrondi.surVingt(evaluation.note(), epreuve.epreuve.noteSur());
    }

    /** How the recorded mark became {@code note} /20, then the adjustment that replaces it, if any. */
    private static String explication(EpreuvePreparee epreuve, Evaluation evaluation, BigDecimal note, Adjustment adjustment) {
        String explication;
        if (parSituations(epreuve, evaluation)) {
            BigDecimal somme = BigDecimal.ZERO;
            StringBuilder parts = new StringBuilder(64);
            for (int i = 0; i < epreuve.surSituations.length; i++) {
                BigDecimal points = evaluation.situations().get(epreuve.codesSituations.get(i));
                somme = somme.add(points);
                parts.append(i == 0 ? "" : " + ").append(epreuve.codesSituations.get(i)).append(' ').append(Arrondi.text(points))
                        .append(epreuve.surSituations[i]);
            }
            explication = parts.append(" = ").append(Arrondi.text(somme)).append('/').append(epreuve.totalSituationsTexte)
                    .append(epreuve.totalSituationsSur20 ? "" : " → " + Arrondi.text(note) + "/20").toString();
        } else if (evaluation.statut() == StatutNote.BENEFICE) {
            explication = "bénéfice " + Arrondi.text(note) + "/20";
        } else {
            explication = epreuve.sur20
                    ? Arrondi.text(note) + "/20"
                    : Arrondi.text(evaluation.note()) + "/" + epreuve.noteSurTexte + " → " + Arrondi.text(note) + "/20";
        }
        if (adjustment != null) {
            explication = explication + ", ajustée par le jury à " + Arrondi.text(adjustment.note()) + "/20 (" + adjustment.motif() + ")";
        }
        return explication;
    }

    private static BigDecimal surVingt(BigDecimal points, BigDecimal total) {
        return total.compareTo(ReglesExamen.VINGT) == 0 ? points : Arrondi.surVingt(points, total);
    }
}
