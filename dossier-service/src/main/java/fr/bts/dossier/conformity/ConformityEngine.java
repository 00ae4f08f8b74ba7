package fr.bts.dossier.conformity;

import fr.bts.commons.referential.ConformityRuleType;
import fr.bts.dossier.conformity.ConformityReport.RuleResult;
import fr.bts.dossier.conformity.DossierContent.Fiche;
import fr.bts.dossier.conformity.ExigencesDossier.Regle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a professional dossier against the dossier requirements of its épreuve, as published by the
 * referential (docs/contracts.md, "Dossier requirements"). Each rule TYPE is implemented once here; the
 * numbers, activities, flags and kinds of fiche all come from the data, so that the same code checks SAM E4,
 * SAM E5 and GPME E4 (domain-brief §2.7, §3.8, §6 "Validation checklists") and any later diploma.
 *
 * <p>A rule of a type this engine does not know fails with its own consequence rather than passing silently.
 */
public final class ConformityEngine {

    public ConformityReport check(ExigencesDossier exigences, DossierContent dossier) {
        List<RuleResult> results = new ArrayList<>();
        for (Regle regle : exigences.regles()) {
            results.add(evaluate(regle, exigences, dossier));
        }
        return ConformityReport.of(results);
    }

    private RuleResult evaluate(Regle regle, ExigencesDossier exigences, DossierContent dossier) {
        String type = regle.type() == null ? "" : regle.type();
        Outcome outcome = ConformityRuleType.of(type).map(known -> switch (known) {
            case NOMBRE_FICHES -> nombreFiches(regle, dossier);
            case COUVERTURE_ACTIVITES -> couvertureActivites(regle, dossier);
            case ACTIVITES_DISTINCTES -> activitesDistinctes(regle, dossier);
            case ACTIVITE_REQUISE -> activiteRequise(regle, dossier);
            case FICHES_AVEC_DRAPEAU -> fichesAvecDrapeau(regle, dossier);
            case CHAMPS_COMPLETS -> champsComplets(regle, exigences, dossier);
            case PIECE_PRESENTE -> piecePresente(regle, dossier);
            case ELEMENTS_CONTEXTE_COMPLETS -> elementsContexteComplets(exigences, dossier);
            case COUVERTURE_DOMAINE -> couvertureDomaine(regle, dossier);
            case LIEN_FICHES -> lienFiches(regle, dossier);
        }).orElseGet(() -> new Outcome(false, "type de règle inconnu du contrôle : « " + type + " »"));
        return new RuleResult(regle.code(), type, outcome.passed(), regle.consequence(), regle.message(),
                outcome.detail(), regle.source());
    }

    /** Number of fiches of the kinds named is within [min, max]. */
    private Outcome nombreFiches(Regle regle, DossierContent dossier) {
        long count = fichesOf(regle.kinds(), dossier).size();
        return new Outcome(within(count, regle), count + " fiche(s) " + regle.kinds() + bounds(regle));
    }

    /**
     * Every listed activity is covered by a fiche of the kinds named; with {@code exactementUneFois}, by exactly
     * one fiche each, and no fiche covers an activity outside the list.
     */
    private Outcome couvertureActivites(Regle regle, DossierContent dossier) {
        List<Fiche> fiches = fichesOf(regle.kinds(), dossier);
        Map<String, Integer> counts = new LinkedHashMap<>();
        regle.activites().forEach(a -> counts.put(a, 0));
        Set<String> outside = new TreeSet<>();
        for (Fiche fiche : fiches) {
            for (String activite : new LinkedHashSet<>(fiche.activites())) {
                if (counts.containsKey(activite)) {
                    counts.merge(activite, 1, Integer::sum);
                } else {
                    outside.add(activite);
                }
            }
        }
        List<String> missing = counts.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        boolean exactly = Boolean.TRUE.equals(regle.exactementUneFois());
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        boolean passed = missing.isEmpty() && (!exactly || (repeated.isEmpty() && outside.isEmpty()));
        StringBuilder detail = new StringBuilder("couverture " + counts);
        if (!missing.isEmpty()) {
            detail.append(" ; non couvertes : ").append(missing);
        }
        if (exactly && !repeated.isEmpty()) {
            detail.append(" ; couvertes plusieurs fois : ").append(repeated);
        }
        if (exactly && !outside.isEmpty()) {
            detail.append(" ; hors liste : ").append(outside);
        }
        return new Outcome(passed, detail.toString());
    }

    /** The fiches of the kinds named cover at least {@code min} (at most {@code max}) distinct activities. */
    private Outcome activitesDistinctes(Regle regle, DossierContent dossier) {
        Set<String> distinct = fichesOf(regle.kinds(), dossier).stream()
                .flatMap(f -> f.activites().stream()).collect(Collectors.toCollection(TreeSet::new));
        return new Outcome(within(distinct.size(), regle), distinct.size() + " activité(s) distincte(s) " + distinct + bounds(regle));
    }

    /** At least {@code min} fiches of the kinds named (default 1) cover one of the listed activities. */
    private Outcome activiteRequise(Regle regle, DossierContent dossier) {
        long count = fichesOf(regle.kinds(), dossier).stream()
                .filter(f -> f.activites().stream().anyMatch(regle.activites()::contains)).count();
        Regle bounded = regle.min() == null ? withMin(regle, 1) : regle;
        return new Outcome(within(count, bounded), count + " fiche(s) sur " + regle.activites() + bounds(bounded));
    }

    /** At least {@code min} (at most {@code max}) fiches of the kinds named carry the flag. */
    private Outcome fichesAvecDrapeau(Regle regle, DossierContent dossier) {
        long count = fichesOf(regle.kinds(), dossier).stream()
                .filter(f -> f.drapeaux().contains(regle.drapeau())).count();
        Regle bounded = regle.min() == null ? withMin(regle, 1) : regle;
        return new Outcome(within(count, bounded), count + " fiche(s) « " + regle.drapeau() + " »" + bounds(bounded));
    }

    /** Every fiche of the kinds named has every field its kind declares, not blank. */
    private Outcome champsComplets(Regle regle, ExigencesDossier exigences, DossierContent dossier) {
        List<String> gaps = new ArrayList<>();
        for (Fiche fiche : fichesOf(regle.kinds(), dossier)) {
            List<String> missing = exigences.typesFiche().stream()
                    .filter(t -> t.code().equals(fiche.type()))
                    .flatMap(t -> t.champs().stream())
                    .map(ExigencesDossier.Champ::code)
                    .filter(code -> isBlank(fiche.champs().get(code)))
                    .toList();
            if (!missing.isEmpty()) {
                gaps.add(label(fiche) + " : " + missing);
            }
        }
        return new Outcome(gaps.isEmpty(), gaps.isEmpty() ? "tous les champs sont renseignés" : "champs manquants — " + String.join(" ; ", gaps));
    }

    /** The piece is present among the dossier's attachments. */
    private Outcome piecePresente(Regle regle, DossierContent dossier) {
        boolean present = dossier.pieces().contains(regle.piece());
        return new Outcome(present, (present ? "pièce présente : " : "pièce absente : ") + regle.piece());
    }

    /** Every context element the épreuve lists is filled in. */
    private Outcome elementsContexteComplets(ExigencesDossier exigences, DossierContent dossier) {
        List<String> missing = exigences.elementsContexte().stream()
                .map(ExigencesDossier.ElementContexte::code)
                .filter(code -> isBlank(dossier.elementsContexte().get(code)))
                .toList();
        return new Outcome(missing.isEmpty(), missing.isEmpty()
                ? exigences.elementsContexte().size() + " élément(s) de contexte renseigné(s)"
                : "éléments de contexte manquants : " + missing);
    }

    /** The fiches of the kinds named, together, cover every activity of the domain. */
    private Outcome couvertureDomaine(Regle regle, DossierContent dossier) {
        List<String> activites = dossier.domaines().get(regle.domaine());
        if (activites == null || activites.isEmpty()) {
            return new Outcome(false, "domaine « " + regle.domaine() + " » inconnu de la version du référentiel");
        }
        Set<String> covered = fichesOf(regle.kinds(), dossier).stream()
                .flatMap(f -> f.activites().stream()).collect(Collectors.toSet());
        List<String> missing = activites.stream().filter(a -> !covered.contains(a)).toList();
        return new Outcome(missing.isEmpty(), missing.isEmpty()
                ? "toutes les activités du domaine " + regle.domaine() + " sont couvertes"
                : "activités du domaine " + regle.domaine() + " non couvertes : " + missing);
    }

    /**
     * Between {@code min} and {@code max} fiches of {@code typeFiche} exist, and each refers to an existing fiche
     * of {@code versTypeFiche}.
     */
    private Outcome lienFiches(Regle regle, DossierContent dossier) {
        List<Fiche> sources = fichesOf(regle.kinds(), dossier);
        Set<String> targets = dossier.fiches().stream()
                .filter(f -> Objects.equals(f.type(), regle.versTypeFiche()) && f.id() != null)
                .map(Fiche::id).collect(Collectors.toSet());
        List<String> unlinked = sources.stream()
                .filter(f -> f.lien() == null || !targets.contains(f.lien()))
                .map(ConformityEngine::label).toList();
        boolean passed = within(sources.size(), regle) && unlinked.isEmpty();
        String detail = sources.size() + " fiche(s) " + regle.kinds() + bounds(regle)
                + (unlinked.isEmpty() ? "" : " ; sans lien vers une fiche " + regle.versTypeFiche() + " : " + unlinked);
        return new Outcome(passed, detail);
    }

    private static List<Fiche> fichesOf(List<String> kinds, DossierContent dossier) {
        return dossier.fiches().stream().filter(f -> kinds.contains(f.type())).toList();
    }

    private static boolean within(long count, Regle regle) {
        return (regle.min() == null || count >= regle.min()) && (regle.max() == null || count <= regle.max());
    }

    private static String bounds(Regle regle) {
        if (regle.min() != null && regle.max() != null) {
            return regle.min().equals(regle.max()) ? " (attendu : " + regle.min() + ")"
                    : " (attendu : entre " + regle.min() + " et " + regle.max() + ")";
        }
        if (regle.min() != null) {
            return " (attendu : au moins " + regle.min() + ")";
        }
        return regle.max() == null ? "" : " (attendu : au plus " + regle.max() + ")";
    }

    private static Regle withMin(Regle r, int min) {
        return new Regle(r.code(), r.type(), r.typeFiche(), r.typesFiche(), r.activites(), min, r.max(),
                r.exactementUneFois(), r.drapeau(), r.piece(), r.domaine(), r.versTypeFiche(), r.consequence(),
                r.message(), r.source());
    }

    private static String label(Fiche fiche) {
        return fiche.type() + (fiche.id() == null ? "" : " " + fiche.id());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private record Outcome(boolean passed, String detail) {
    }
}
