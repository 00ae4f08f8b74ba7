package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the facts a version document leaves {@code null}: what the sources do not give (domain brief §5,
 * e.g. the GPME coefficients other than E4) and an administrator may supply in a later version. Fields whose
 * null is structural (no parent épreuve, no dossier required, not yet published, no situation count for a
 * non-CCF form, a form without parts) are not missing facts, nor are provenances, conflicts and provisions.
 */
public final class MissingFacts {

    public record Missing(String path, String kind, String code, String field) {
    }

    private static final Set<String> STRUCTURAL = Set.of("parent", "exigencesDossier", "publishedAt", "id", "parties");
    /** Where a fact lives that is not one of the document's own (provenance, conflicts, provisions, conditions). */
    private static final Set<String> NOT_FACTS = Set.of("provenance", "conflits", "dispositions", "conditions");
    private static final Map<String, String> KIND_OF_ARRAY = Map.of(
            "blocs", "bloc", "competences", "competence", "domaines", "domaine", "activites", "activite",
            "taches", "tache", "unites", "unite", "epreuves", "epreuve", "situations", "situation");

    private MissingFacts() {
    }

    public static List<Missing> of(VersionDocument document) {
        List<Missing> out = new ArrayList<>();
        walk(DocumentJson.toTree(document), "", "version", null, out);
        return out;
    }

    private static void walk(JsonNode node, String path, String kind, String code, List<Missing> out) {
        if (node.isObject()) {
            if (node.has("regles") && path.endsWith("exigencesDossier")) {
                // dossier rules carry only the fields of their type: absent is not missing
                return;
            }
            boolean nonCcf = node.has("forme") && !"CCF".equals(node.path("forme").asText());
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String childPath = path.isEmpty() ? name : path + "." + name;
                JsonNode value = field.getValue();
                if (NOT_FACTS.contains(name)) {
                    continue;
                }
                if (value.isNull()) {
                    if (!STRUCTURAL.contains(name) && !(nonCcf && name.equals("nbSituations"))) {
                        out.add(new Missing(childPath, kind, code, name));
                    }
                } else if (name.equals("certification") && path.isEmpty()) {
                    walk(value, childPath, "certification", value.path("code").asText(null), out);
                } else if (value.isArray()) {
                    String itemKind = KIND_OF_ARRAY.get(name);
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode item = value.get(i);
                        boolean element = itemKind != null && item.isObject() && item.has("id");
                        walk(item, childPath + "[" + i + "]", element ? itemKind : kind,
                                element ? item.path("code").asText(null) : code, out);
                    }
                } else if (value.isObject()) {
                    walk(value, childPath, kind, code, out);
                }
            }
        }
    }
}
