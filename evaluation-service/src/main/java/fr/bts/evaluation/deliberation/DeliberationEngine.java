package fr.bts.evaluation.deliberation;

import fr.bts.evaluation.deliberation.DossierCandidat.Ajustement;
import fr.bts.evaluation.deliberation.DossierCandidat.Evaluation;
import fr.bts.evaluation.deliberation.ReglesExamen.EpreuveExamen;
import fr.bts.evaluation.deliberation.ReglesExamen.SituationExamen;
import fr.bts.evaluation.deliberation.ResultatCandidat.AttestationBloc;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Rounding: {@link Arrondi}, the only place where figures are rounded. Plain Java, no framework, stateless.
 */
public final class DeliberationEngine {

    public ResultatCandidat deliberer(ReglesExamen regles, DossierCandidat candidat) {
        List<String> lignes = new ArrayList<>();
        List<ResultatUnite> unites = new ArrayList<>();
        List<String> nv = new ArrayList<>();
        List<String> absents = new ArrayList<>();
        List<String> absentsJustifies = new ArrayList<>();
        List<String> manquantes = new ArrayList<>();
        BigDecimal numerateur = BigDecimal.ZERO;
        BigDecimal denominateur = BigDecimal.ZERO;

        for (EpreuveExamen epreuve : regles.obligatoires()) {
            Evaluation evaluation = candidat.evaluations().get(epreuve.code());
            Ajustement ajustement = candidat.ajustements().get(epreuve.code());
            BigDecimal coef = epreuve.coefficient();
            if (evaluation == null) {
                manquantes.add(epreuve.code());
                lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : "
                        + (candidat.epreuvesInscrites().contains(epreuve.code()) ? "pas encore de note" : "non présentée à cette session"));
                unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), null, null, coef, null, false, false, false));
                continue;
            }
            switch (evaluation.statut()) {
                case DISPENSE -> {
                    lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : dispensée, hors des deux sommes");
                    unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), StatutNote.DISPENSE, null, coef, null, false, false, false));
                }
                case NV -> {
                    nv.add(epreuve.code());
                    lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : NV — le diplôme ne peut être délivré");
                    unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), StatutNote.NV, null, coef, null, false, false, false));
                }
                case ABSENT -> {
                    absents.add(epreuve.code());
                    lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : absent(e) — diplôme non délivré à cette session");
                    unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), StatutNote.ABSENT, null, coef, null, false, false, false));
                }
                case ABSENT_JUSTIFIE -> {
                    absentsJustifies.add(epreuve.code());
                    lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : absence justifiée — pas de décision à cette session");
                    unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), StatutNote.ABSENT_JUSTIFIE, null, coef, null, false, false, false));
                }
                case NOTE, BENEFICE -> {
                    Mark mark = markSur20(epreuve, evaluation, ajustement);
                    if (mark == null) {
                        manquantes.add(epreuve.code());
                        lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : situations CCF incomplètes");
                        unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), evaluation.statut(), null, coef, null, false, false, false));
                        continue;
                    }
                    BigDecimal points = coef.multiply(mark.note);
                    numerateur = numerateur.add(points);
                    denominateur = denominateur.add(coef);
                    lignes.add(epreuve.code() + " (" + epreuve.unite() + ") : " + mark.explication + " × coef " + Arrondi.text(coef)
                            + " = " + Arrondi.text(points) + " points");
                    unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), evaluation.statut(), mark.note, coef, points, false,
                            mark.note.compareTo(regles.noteAcquisition()) >= 0, ajustement != null));
                }
            }
        }

        BigDecimal pointsFacultatifs = BigDecimal.ZERO;
        for (EpreuveExamen epreuve : regles.facultatives()) {
            Evaluation evaluation = candidat.evaluations().get(epreuve.code());
            if (evaluation == null || !evaluation.statut().withMark()) {
                if (candidat.epreuvesInscrites().contains(epreuve.code())) {
                    lignes.add(epreuve.code() + " (" + epreuve.unite() + ", facultative) : "
                            + (evaluation == null ? "pas de note" : evaluation.statut().name()) + " — aucun point");
                    unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), evaluation == null ? null : evaluation.statut(),
                            null, null, BigDecimal.ZERO, true, false, false));
                }
                continue;
            }
            Mark mark = markSur20(epreuve, evaluation, candidat.ajustements().get(epreuve.code()));
            if (mark == null) {
                continue;
            }
            BigDecimal coef = epreuve.coefficient() != null ? epreuve.coefficient() : regles.coefficientFacultatifParDefaut();
            BigDecimal auDessus = mark.note.subtract(ReglesExamen.DIX).max(BigDecimal.ZERO);
            BigDecimal points = auDessus.multiply(coef);
            pointsFacultatifs = pointsFacultatifs.add(points);
            lignes.add(epreuve.code() + " (" + epreuve.unite() + ", facultative) : (" + mark.explication + " − 10) × coef "
                    + Arrondi.text(coef) + (epreuve.coefficient() == null ? " (par défaut)" : "") + " = " + Arrondi.text(points)
                    + " points ajoutés au numérateur seulement");
            unites.add(new ResultatUnite(epreuve.code(), epreuve.unite(), evaluation.statut(), mark.note, coef, points, true,
                    mark.note.compareTo(regles.noteAcquisition()) >= 0, candidat.ajustements().containsKey(epreuve.code())));
        }

        BigDecimal totalPoints = numerateur.add(pointsFacultatifs);
        boolean toutesConnues = manquantes.isEmpty() && absentsJustifies.isEmpty() && denominateur.signum() > 0;
        BigDecimal moyenne = null;
        if (manquantes.isEmpty() && nv.isEmpty() && absents.isEmpty() && absentsJustifies.isEmpty() && denominateur.signum() > 0) {
            moyenne = Arrondi.moyenneAffichee(totalPoints, denominateur);
            lignes.add("Moyenne = " + Arrondi.text(totalPoints) + " / " + Arrondi.text(denominateur) + " = " + Arrondi.text(moyenne)
                    + " (tronquée à 2 décimales)");
        }

        Decision decision;
        if (!nv.isEmpty()) {
            decision = Decision.NON_DELIVRE_NV;
            lignes.add("Décision : diplôme non délivré, NV à " + String.join(", ", nv) + " (quelle que soit la moyenne)");
        } else if (!absents.isEmpty()) {
            decision = Decision.NON_DELIVRE_ABSENCE;
            lignes.add("Décision : diplôme non délivré à cette session, absence non justifiée à " + String.join(", ", absents));
        } else if (!manquantes.isEmpty()) {
            if (candidat.forme() == FormeInscription.PROGRESSIVE) {
                decision = Decision.SANS_DECISION_PROGRESSIVE;
                lignes.add("Décision : forme progressive, unités restant à obtenir " + String.join(", ", manquantes)
                        + " — résultats par unité, pas de décision sur le diplôme");
            } else {
                decision = Decision.INCOMPLET;
                lignes.add("Décision impossible : note manquante à " + String.join(", ", manquantes));
            }
        } else if (!absentsJustifies.isEmpty()) {
            decision = Decision.SANS_DECISION_ABSENCE_JUSTIFIEE;
            lignes.add("Décision : pas de décision à cette session, absence justifiée à " + String.join(", ", absentsJustifies));
        } else if (!toutesConnues) {
            decision = Decision.INCOMPLET;
            lignes.add("Décision impossible : aucune unité obligatoire notée");
        } else {
            BigDecimal seuilPondere = regles.seuil().multiply(denominateur);
            int cmp = totalPoints.compareTo(seuilPondere);
            boolean admis = regles.seuilInclusif() ? cmp >= 0 : cmp > 0;
            decision = admis ? Decision.ADMIS : Decision.AJOURNE;
            lignes.add("Décision : " + (admis ? "admis(e)" : "ajourné(e)") + " — " + Arrondi.text(totalPoints)
                    + (regles.seuilInclusif() ? " ≥ " : " > ") + Arrondi.text(regles.seuil()) + " × " + Arrondi.text(denominateur)
                    + " = " + Arrondi.text(seuilPondere) + (admis ? " : vrai" : " : faux") + " (comparaison exacte)");
        }

        List<String> blocsValides = new ArrayList<>();
        List<AttestationBloc> attestations = new ArrayList<>();
        Map<String, Boolean> acquises = new LinkedHashMap<>();
        unites.forEach(u -> acquises.put(u.unite(), u.acquise()));
        Delivrance delivrance = DossierCandidat.VOIES_ATTESTATION_AUTOMATIQUE.contains(candidat.voie())
                ? Delivrance.AUTOMATIQUE : Delivrance.SUR_DEMANDE;
        regles.unitesParBloc().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(bloc -> {
            List<String> unitesBloc = bloc.getValue();
            if (!unitesBloc.isEmpty() && unitesBloc.stream().allMatch(u -> acquises.getOrDefault(u, false))) {
                blocsValides.add(bloc.getKey());
                attestations.add(new AttestationBloc(bloc.getKey(), List.copyOf(unitesBloc), delivrance));
                lignes.add("Bloc " + bloc.getKey() + " validé (" + String.join(", ", unitesBloc) + " ≥ "
                        + Arrondi.text(regles.noteAcquisition()) + ") — attestation "
                        + (delivrance == Delivrance.AUTOMATIQUE ? "délivrée automatiquement" : "délivrée sur demande"));
            }
        });

        return new ResultatCandidat(candidat.candidat(), decision, moyenne, totalPoints, denominateur, pointsFacultatifs,
                List.copyOf(unites), List.copyOf(nv), List.copyOf(absents), List.copyOf(manquantes),
                List.copyOf(blocsValides), List.copyOf(attestations), List.copyOf(lignes));
    }

    private record Mark(BigDecimal note, String explication) {
    }

    /** The mark /20 that counts for an épreuve: situations summed and scaled, or the mark scaled, then any adjustment. */
    private static Mark markSur20(EpreuveExamen epreuve, Evaluation evaluation, Ajustement ajustement) {
        BigDecimal note;
        String explication;
        if (evaluation.statut() == StatutNote.NOTE && epreuve.noteeParSituations() && evaluation.note() == null) {
            if (!evaluation.situations().keySet().containsAll(epreuve.situations().stream().map(SituationExamen::code).toList())) {
                return null;
            }
            BigDecimal somme = BigDecimal.ZERO;
            List<String> parts = new ArrayList<>();
            for (SituationExamen situation : epreuve.situations()) {
                BigDecimal points = evaluation.situations().get(situation.code());
                somme = somme.add(points);
                parts.add(situation.code() + " " + Arrondi.text(points) + "/" + Arrondi.text(epreuve.pointsDe(situation)));
            }
            BigDecimal total = epreuve.totalPointsSituations();
            note = surVingt(somme, total);
            explication = String.join(" + ", parts) + " = " + Arrondi.text(somme) + "/" + Arrondi.text(total)
                    + (total.compareTo(ReglesExamen.VINGT) == 0 ? "" : " → " + Arrondi.text(note) + "/20");
        } else if (evaluation.note() == null) {
            return null;
        } else if (evaluation.statut() == StatutNote.BENEFICE) {
            note = evaluation.note();
            explication = "bénéfice " + Arrondi.text(note) + "/20";
        } else {
            note = surVingt(evaluation.note(), epreuve.noteSur());
            explication = epreuve.noteSur().compareTo(ReglesExamen.VINGT) == 0
                    ? Arrondi.text(note) + "/20"
                    : Arrondi.text(evaluation.note()) + "/" + Arrondi.text(epreuve.noteSur()) + " → " + Arrondi.text(note) + "/20";
        }
        if (ajustement != null) {
            explication = explication + ", ajustée par le jury à " + Arrondi.text(ajustement.note()) + "/20 (" + ajustement.motif() + ")";
            note = ajustement.note();
        }
        return new Mark(note, explication);
    }

    private static BigDecimal surVingt(BigDecimal points, BigDecimal total) {
        return total.compareTo(ReglesExamen.VINGT) == 0 ? points : Arrondi.surVingt(points, total);
    }
}
