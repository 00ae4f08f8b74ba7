package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bts.referential.document.VersionDocument.Correspondance;
import fr.bts.referential.document.VersionDocument.Dispense;
import fr.bts.referential.document.VersionDocument.Epreuve;
import fr.bts.referential.document.VersionDocument.Modalite;
import fr.bts.referential.document.VersionDocument.Partie;
import fr.bts.referential.document.VersionDocument.Provenance;
import fr.bts.referential.document.VersionDocument.Situation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule values of a version document — the facts an exam is run on: coefficients, scales, forms, durations,
 * weights, result rules, language rules, dispenses, correspondences — each with the provenance that covers it
 * (issue 13: a seed reference, a legal text named but not in the seeds, or a default of this service). A value
 * that is null (not given, or in conflict) needs no provenance; an empty list counts as not given.
 */
public final class RuleValues {

    /** One rule value: where it is, its value, and its provenance ({@code null} when none covers it). */
    public record RuleValue(String path, String kind, String code, String field, JsonNode value, Provenance provenance) {
    }

    /** The rule fields of each kind of object that carries a {@code provenance} list. */
    public static final Map<String, List<String>> FIELDS = fields();

    private RuleValues() {
    }

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("epreuve", List.of("coefficient", "noteSur", "facultative"));
        f.put("modalite", List.of("forme", "nbSituations", "dureeMinutes", "dureePreparationMinutes"));
        f.put("partie", List.of("forme", "dureeMinutes", "dureePreparationMinutes", "noteSur", "poids"));
        f.put("situation", List.of("points", "noteSur", "poids", "dureeMaxMinutes"));
        f.put("reglesResultat", List.of("seuil", "seuilInclusif", "facultatives", "coefficientFacultatifParDefaut",
                "dureeValiditeBeneficeAnnees"));
        f.put("langues", List.of("autorisees", "anglaisObligatoireParmi", "unitesLangue", "unitesLangueFacultative",
                "langueFacultativeDifferente"));
        f.put("dispense", List.of("unites", "diplomesRequis", "conditions", "surDemande"));
        f.put("correspondance", List.of("anciennesUnites", "nouvelleEpreuve", "nouvellesUnites"));
        return Map.copyOf(f);
    }

    /** Every rule value of {@code doc} that is given, in document order. */
    public static List<RuleValue> of(VersionDocument doc) {
        List<RuleValue> out = new ArrayList<>();
        List<Epreuve> epreuves = list(doc.epreuves());
        for (int i = 0; i < epreuves.size(); i++) {
            Epreuve e = epreuves.get(i);
            String at = "epreuves[" + i + "]";
            add(out, at, "epreuve", e.code(), "epreuve", e, e.provenance());
            List<Modalite> modalites = list(e.modalites());
            for (int j = 0; j < modalites.size(); j++) {
                Modalite m = modalites.get(j);
                String mat = at + ".modalites[" + j + "]";
                add(out, mat, "epreuve", e.code(), "modalite", m, m.provenance());
                List<Partie> parties = list(m.parties());
                for (int k = 0; k < parties.size(); k++) {
                    add(out, mat + ".parties[" + k + "]", "epreuve", e.code(), "partie", parties.get(k),
                            parties.get(k).provenance());
                }
            }
            List<Situation> situations = list(e.situations());
            for (int j = 0; j < situations.size(); j++) {
                Situation s = situations.get(j);
                add(out, at + ".situations[" + j + "]", "situation", e.code() + "/" + s.code(), "situation", s,
                        s.provenance());
            }
        }
        if (doc.reglesResultat() != null) {
            add(out, "reglesResultat", "section", "reglesResultat", "reglesResultat", doc.reglesResultat(),
                    doc.reglesResultat().provenance());
        }
        if (doc.langues() != null) {
            add(out, "langues", "section", "langues", "langues", doc.langues(), doc.langues().provenance());
        }
        List<Dispense> dispenses = list(doc.dispenses());
        for (int i = 0; i < dispenses.size(); i++) {
            add(out, "dispenses[" + i + "]", "section", dispenses.get(i).code(), "dispense", dispenses.get(i),
                    dispenses.get(i).provenance());
        }
        List<Correspondance> correspondances = list(doc.correspondances());
        for (int i = 0; i < correspondances.size(); i++) {
            add(out, "correspondances[" + i + "]", "section", "correspondances", "correspondance",
                    correspondances.get(i), correspondances.get(i).provenance());
        }
        return out;
    }

    /** The rule values no provenance covers. */
    public static List<RuleValue> withoutProvenance(VersionDocument doc) {
        return of(doc).stream().filter(v -> v.provenance() == null).toList();
    }

    private static void add(List<RuleValue> out, String path, String kind, String code, String type, Object record,
                            List<Provenance> provenance) {
        JsonNode tree = DocumentJson.toTree(record);
        for (String field : FIELDS.get(type)) {
            JsonNode value = tree.path(field);
            if (value.isMissingNode() || value.isNull() || (value.isArray() && value.isEmpty())) {
                continue;
            }
            out.add(new RuleValue(path + "." + field, kind, code, field, value, covering(provenance, field)));
        }
    }

    private static Provenance covering(List<Provenance> provenance, String field) {
        for (Provenance p : list(provenance)) {
            if (p.champs() != null && p.champs().contains(field)) {
                return p;
            }
        }
        return null;
    }

    private static <T> List<T> list(Collection<T> c) {
        return c == null ? List.of() : new ArrayList<>(c);
    }
}
