package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.referential.ConformityRuleType;
import fr.bts.referential.document.VersionDocument.Bloc;
import fr.bts.referential.document.VersionDocument.Competence;
import fr.bts.referential.document.VersionDocument.Domaine;
import fr.bts.referential.document.VersionDocument.Epreuve;
import fr.bts.referential.document.VersionDocument.Modalite;
import fr.bts.referential.document.VersionDocument.RegleDossier;
import fr.bts.referential.document.VersionDocument.Situation;
import fr.bts.referential.document.VersionDocument.Unite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static fr.bts.referential.document.DocumentElements.list;

/**
 * The rules a version must satisfy before it can be published: identity present, codes unique per kind,
 * every cross-reference resolving (bloc ↔ unit, épreuve → unit and parent, competency → activities,
 * dispenses and correspondences → units, dossier rules → activities and fiche types), numbers in range,
 * CCF with its number of situations, every rule value with its provenance ({@link RuleValues}), every recorded
 * conflict with two readings at least. A form or a number of situations may stay null only where a recorded
 * conflict names it. Every violation is reported, not only the first.
 */
public final class DocumentValidator {

    static final Set<String> CONSEQUENCES = Set.of("NON_CONFORME", "PENALITE");

    private DocumentValidator() {
    }

    public static List<Problem.Violation> validate(VersionDocument doc, String certificationCode) {
        List<Problem.Violation> v = new ArrayList<>();
        if (doc.certification() == null) {
            v.add(new Problem.Violation("certification", "is required"));
            return v;
        }
        if (!certificationCode.equals(doc.certification().code())) {
            v.add(new Problem.Violation("certification.code", "must be " + certificationCode,
                    doc.certification().code()));
        }
        blank(v, "certification.intitule", doc.certification().intitule());
        Codes codes = codes(v, doc);
        blocs(v, doc, codes);
        domaines(v, doc);
        unites(v, doc, codes);
        Set<String> categories = list(doc.categoriesCandidats()).stream()
                .map(c -> c.code() == null ? null : c.code().name()).collect(Collectors.toSet());
        Set<String> contested = conflicts(v, doc);
        for (int i = 0; i < list(doc.epreuves()).size(); i++) {
            epreuve(v, "epreuves[" + i + "]", doc.epreuves().get(i), codes.unites(), codes.epreuves(), codes.activites(),
                    categories, contested);
        }
        provenance(v, doc);
        unitReferences(v, doc, codes.unites());
        if (doc.reglesResultat() != null && doc.reglesResultat().seuil() != null) {
            range(v, "reglesResultat.seuil", doc.reglesResultat().seuil(), BigDecimal.ZERO, BigDecimal.valueOf(20));
        }
        return v;
    }

    /** The codes other elements refer to, each kind checked unique. */
    private record Codes(Set<String> blocs, Set<String> unites, Set<String> epreuves, Set<String> activites) {
    }

    private static Codes codes(List<Problem.Violation> v, VersionDocument doc) {
        Set<String> blocCodes = unique(v, "blocs", list(doc.blocs()).stream().map(Bloc::code).toList());
        Set<String> uniteCodes = unique(v, "unites", list(doc.unites()).stream().map(Unite::code).toList());
        Set<String> epreuveCodes = unique(v, "epreuves", list(doc.epreuves()).stream().map(Epreuve::code).toList());
        unique(v, "domaines", list(doc.domaines()).stream().map(Domaine::code).toList());
        List<String> activites = list(doc.domaines()).stream().flatMap(d -> list(d.activites()).stream())
                .map(VersionDocument.Activite::code).toList();
        Set<String> activiteCodes = unique(v, "domaines[].activites", activites);
        unique(v, "domaines[].activites[].taches", list(doc.domaines()).stream()
                .flatMap(d -> list(d.activites()).stream()).flatMap(a -> list(a.taches()).stream())
                .map(VersionDocument.Tache::code).toList());
        unique(v, "blocs[].competences", list(doc.blocs()).stream().flatMap(b -> list(b.competences()).stream())
                .map(Competence::code).toList());
        return new Codes(blocCodes, uniteCodes, epreuveCodes, activiteCodes);
    }

    private static void blocs(List<Problem.Violation> v, VersionDocument doc, Codes codes) {
        for (int i = 0; i < list(doc.blocs()).size(); i++) {
            Bloc bloc = doc.blocs().get(i);
            String at = "blocs[" + i + "]";
            blank(v, at + ".intitule", bloc.intitule());
            refs(v, at + ".unites", list(bloc.unites()), codes.unites(), "unit");
            for (int j = 0; j < list(bloc.competences()).size(); j++) {
                Competence c = bloc.competences().get(j);
                blank(v, at + ".competences[" + j + "].libelle", c.libelle());
                refs(v, at + ".competences[" + j + "].activites", list(c.activites()), codes.activites(), "activity");
            }
        }
    }

    private static void domaines(List<Problem.Violation> v, VersionDocument doc) {
        for (int i = 0; i < list(doc.domaines()).size(); i++) {
            Domaine d = doc.domaines().get(i);
            blank(v, "domaines[" + i + "].intitule", d.intitule());
            for (int j = 0; j < list(d.activites()).size(); j++) {
                VersionDocument.Activite a = d.activites().get(j);
                blank(v, "domaines[" + i + "].activites[" + j + "].intitule", a.intitule());
                for (int k = 0; k < list(a.taches()).size(); k++) {
                    blank(v, "domaines[" + i + "].activites[" + j + "].taches[" + k + "].libelle",
                            a.taches().get(k).libelle());
                }
            }
        }
    }

    private static void unites(List<Problem.Violation> v, VersionDocument doc, Codes codes) {
        for (int i = 0; i < list(doc.unites()).size(); i++) {
            Unite u = doc.unites().get(i);
            blank(v, "unites[" + i + "].intitule", u.intitule());
            if (u.bloc() != null && !codes.blocs().contains(u.bloc())) {
                v.add(new Problem.Violation("unites[" + i + "].bloc", "unknown bloc", u.bloc()));
            }
        }
    }

    /**
     * Each recorded conflict names fields and two readings at least; a field it names exists and stays null until
     * the conflict is settled. Answers the contested paths.
     */
    private static Set<String> conflicts(List<Problem.Violation> v, VersionDocument doc) {
        Set<String> contested = new HashSet<>();
        for (int i = 0; i < list(doc.conflits()).size(); i++) {
            VersionDocument.Conflit c = doc.conflits().get(i);
            blank(v, "conflits[" + i + "].code", c.code());
            if (list(c.chemins()).isEmpty()) {
                v.add(new Problem.Violation("conflits[" + i + "].chemins", "names no field"));
            }
            if (list(c.lectures()).size() < 2) {
                v.add(new Problem.Violation("conflits[" + i + "].lectures", "a conflict has two readings at least"));
            }
            contested.addAll(list(c.chemins()));
        }
        if (!contested.isEmpty()) {
            JsonNode tree = DocumentJson.toTree(doc);
            for (String chemin : contested) {
                JsonNode value = tree.at(pointer(chemin));
                if (value.isMissingNode()) {
                    v.add(new Problem.Violation("conflits", "names no field of the document", chemin));
                } else if (!value.isNull()) {
                    v.add(new Problem.Violation(chemin, "is in conflict between sources: stays null until the conflict "
                            + "is settled (then remove the conflict)", value.toString()));
                }
            }
        }
        return contested;
    }

    /** Dispenses, correspondences and language rules name units of the version. */
    private static void unitReferences(List<Problem.Violation> v, VersionDocument doc, Set<String> uniteCodes) {
        for (int i = 0; i < list(doc.dispenses()).size(); i++) {
            refs(v, "dispenses[" + i + "].unites", list(doc.dispenses().get(i).unites()), uniteCodes, "unit");
        }
        for (int i = 0; i < list(doc.correspondances()).size(); i++) {
            refs(v, "correspondances[" + i + "].nouvellesUnites", list(doc.correspondances().get(i).nouvellesUnites()),
                    uniteCodes, "unit");
        }
        if (doc.langues() != null) {
            refs(v, "langues.unitesLangue", list(doc.langues().unitesLangue()), uniteCodes, "unit");
            refs(v, "langues.unitesLangueFacultative", list(doc.langues().unitesLangueFacultative()), uniteCodes, "unit");
            refs(v, "langues.anglaisObligatoireParmi", list(doc.langues().anglaisObligatoireParmi()), uniteCodes, "unit");
        }
    }

    private static void epreuve(List<Problem.Violation> v, String at, Epreuve e, Set<String> unites,
                                Set<String> epreuves, Set<String> activites, Set<String> categories,
                                Set<String> contested) {
        blank(v, at + ".intitule", e.intitule());
        if (e.unite() != null && !unites.contains(e.unite())) {
            v.add(new Problem.Violation(at + ".unite", "unknown unit", e.unite()));
        }
        if (e.parent() != null && (!epreuves.contains(e.parent()) || e.parent().equals(e.code()))) {
            v.add(new Problem.Violation(at + ".parent", "unknown parent épreuve", e.parent()));
        }
        if (e.coefficient() != null && e.coefficient().signum() <= 0) {
            v.add(new Problem.Violation(at + ".coefficient", "must be greater than 0", e.coefficient()));
        }
        if (e.noteSur() != null && e.noteSur() <= 0) {
            v.add(new Problem.Violation(at + ".noteSur", "must be greater than 0", e.noteSur()));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < list(e.modalites()).size(); j++) {
            Modalite m = e.modalites().get(j);
            String mat = at + ".modalites[" + j + "]";
            if (m.categorie() == null) {
                v.add(new Problem.Violation(mat + ".categorie", "is required"));
            } else {
                if (!seen.add(m.categorie().name())) {
                    v.add(new Problem.Violation(mat + ".categorie", "given twice", m.categorie().name()));
                }
                if (!categories.isEmpty() && !categories.contains(m.categorie().name())) {
                    v.add(new Problem.Violation(mat + ".categorie", "not among categoriesCandidats", m.categorie().name()));
                }
            }
            if (m.forme() == null) {
                if (!contested.contains(mat + ".forme")) {
                    v.add(new Problem.Violation(mat + ".forme", "is required"));
                }
            } else if (m.forme() == FormeEvaluation.CCF && m.nbSituations() == null
                    && contested.contains(mat + ".nbSituations")) {
                // the sources give two numbers of situations: left open until settled
            } else if (m.forme() == FormeEvaluation.CCF && (m.nbSituations() == null || m.nbSituations() < 1)) {
                v.add(new Problem.Violation(mat + ".nbSituations", "a CCF needs at least 1 situation", m.nbSituations()));
            } else if (m.forme() != FormeEvaluation.CCF && m.nbSituations() != null) {
                v.add(new Problem.Violation(mat + ".nbSituations", "only a CCF has situations", m.nbSituations()));
            }
            if (m.dureeMinutes() != null && m.dureeMinutes() <= 0) {
                v.add(new Problem.Violation(mat + ".dureeMinutes", "must be greater than 0", m.dureeMinutes()));
            }
        }
        BigDecimal points = BigDecimal.ZERO;
        for (int j = 0; j < list(e.situations()).size(); j++) {
            Situation s = e.situations().get(j);
            blank(v, at + ".situations[" + j + "].code", s.code());
            if (s.points() != null) {
                if (s.points().signum() < 0) {
                    v.add(new Problem.Violation(at + ".situations[" + j + "].points", "must not be negative", s.points()));
                }
                points = points.add(s.points());
            }
        }
        if (e.noteSur() != null && points.compareTo(BigDecimal.valueOf(e.noteSur())) > 0) {
            v.add(new Problem.Violation(at + ".situations", "points add up to more than noteSur", points));
        }
        if (e.exigencesDossier() != null) {
            Set<String> fiches = list(e.exigencesDossier().typesFiche()).stream()
                    .map(VersionDocument.TypeFiche::code).collect(Collectors.toSet());
            for (int j = 0; j < list(e.exigencesDossier().regles()).size(); j++) {
                RegleDossier r = e.exigencesDossier().regles().get(j);
                String rat = at + ".exigencesDossier.regles[" + j + "]";
                if (ConformityRuleType.of(r.type()).isEmpty()) {
                    v.add(new Problem.Violation(rat + ".type", "must be one of " + ConformityRuleType.names(),
                            r.type()));
                }
                if (r.consequence() == null || !CONSEQUENCES.contains(r.consequence())) {
                    v.add(new Problem.Violation(rat + ".consequence", "must be NON_CONFORME or PENALITE",
                            r.consequence()));
                }
                blank(v, rat + ".code", r.code());
                blank(v, rat + ".message", r.message());
                blank(v, rat + ".source", r.source());
                refs(v, rat + ".activites", list(r.activites()), activites, "activity");
                if (r.typeFiche() != null && !fiches.contains(r.typeFiche())) {
                    v.add(new Problem.Violation(rat + ".typeFiche", "unknown fiche type", r.typeFiche()));
                }
                refs(v, rat + ".typesFiche", list(r.typesFiche()), fiches, "fiche type");
                if (r.min() != null && r.max() != null && r.min() > r.max()) {
                    v.add(new Problem.Violation(rat + ".min", "must not exceed max", r.min()));
                }
            }
        }
    }

    /** Every rule value given is covered by a provenance of a known nature, with what that nature needs. */
    private static void provenance(List<Problem.Violation> v, VersionDocument doc) {
        Set<VersionDocument.Provenance> checked = new HashSet<>();
        for (RuleValues.RuleValue value : RuleValues.of(doc)) {
            VersionDocument.Provenance p = value.provenance();
            if (p == null) {
                v.add(new Problem.Violation(value.path(), "has no provenance: a seed reference (SOURCE), a legal text "
                        + "named by the seeds (TEXTE_CITE) or a default (DEFAUT)", value.value().toString()));
                continue;
            }
            if (!checked.add(p)) {
                continue;
            }
            String at = value.path().substring(0, value.path().lastIndexOf('.')) + ".provenance";
            if (p.nature() == null || !VersionDocument.Provenance.NATURES.contains(p.nature())) {
                v.add(new Problem.Violation(at + ".nature", "must be one of " + VersionDocument.Provenance.NATURES,
                        p.nature()));
            } else if (p.nature().equals("SOURCE")) {
                blank(v, at + ".source", p.source());
                blank(v, at + ".citation", p.citation());
            } else if (p.nature().equals("TEXTE_CITE")) {
                blank(v, at + ".texte", p.texte());
            } else {
                blank(v, at + ".note", p.note());
            }
        }
    }

    /** {@code epreuves[6].situations[1].dureeMaxMinutes} → {@code /epreuves/6/situations/1/dureeMaxMinutes}. */
    private static String pointer(String path) {
        return "/" + path.replace("[", "/").replace("]", "").replace(".", "/");
    }

    private static Set<String> unique(List<Problem.Violation> v, String field, List<String> codes) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (code == null || code.isBlank()) {
                v.add(new Problem.Violation(field + "[" + i + "].code", "is required"));
            } else if (!seen.add(code)) {
                v.add(new Problem.Violation(field + "[" + i + "].code", "is used twice", code));
            }
        }
        return seen;
    }

    private static void refs(List<Problem.Violation> v, String field, List<String> refs, Set<String> known, String what) {
        for (String ref : refs) {
            if (!known.contains(ref)) {
                v.add(new Problem.Violation(field, "unknown " + what, ref));
            }
        }
    }

    private static void blank(List<Problem.Violation> v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(new Problem.Violation(field, "is required"));
        }
    }

    private static void range(List<Problem.Violation> v, String field, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            v.add(new Problem.Violation(field, "must be between " + min + " and " + max, value));
        }
    }
}
