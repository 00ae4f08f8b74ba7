package fr.bts.referential.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.document.VersionDocument.Activite;
import fr.bts.referential.document.VersionDocument.Bloc;
import fr.bts.referential.document.VersionDocument.Competence;
import fr.bts.referential.document.VersionDocument.Domaine;
import fr.bts.referential.document.VersionDocument.Epreuve;
import fr.bts.referential.document.VersionDocument.Tache;
import fr.bts.referential.document.VersionDocument.Unite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Flattens a version document into its addressable elements (certification, blocs, competencies, domains,
 * activities, tasks, units, épreuves): what items-by-UUID, children-of, search and diff query.
 */
public final class DocumentElements {

    private DocumentElements() {
    }

    /**
     * The one walk over a version document: every addressable element in document order, each with the JSON pointer
     * of its object in the document's tree (so that an edit of the tree finds the element flatten found).
     */
    public static List<FlatElement> flatten(VersionDocument doc) {
        List<FlatElement> out = new ArrayList<>();
        UUID root = doc.certification().id();
        out.add(element("/certification", ElementKind.CERTIFICATION, root, doc.certification().code(), null, 0,
                doc.certification().intitule(), List.of(nullToEmpty(doc.certification().rncp())), doc.certification()));
        blocs(doc, root, out);
        domaines(doc, root, out);
        List<Unite> unites = list(doc.unites());
        for (int u = 0; u < unites.size(); u++) {
            Unite unite = unites.get(u);
            // a unit certifies a bloc (field "bloc") but is not part of the competency hierarchy
            out.add(element("/unites/" + u, ElementKind.UNITE, unite.id(), unite.code(), root, u + 1, unite.intitule(),
                    List.of(), unite));
        }
        epreuves(doc, root, out);
        return out;
    }

    private static void blocs(VersionDocument doc, UUID root, List<FlatElement> out) {
        List<Bloc> blocs = list(doc.blocs());
        for (int b = 0; b < blocs.size(); b++) {
            Bloc bloc = blocs.get(b);
            String at = "/blocs/" + b;
            out.add(element(at, ElementKind.BLOC, bloc.id(), bloc.code(), root, b + 1, bloc.intitule(), List.of(), bloc,
                    "competences"));
            int c = 0;
            List<Competence> competences = list(bloc.competences());
            for (int i = 0; i < competences.size(); i++) {
                Competence competence = competences.get(i);
                out.add(element(at + "/competences/" + i, ElementKind.COMPETENCE, competence.id(), competence.code(),
                        bloc.id(), competence.ordre() != null ? competence.ordre() : ++c, competence.libelle(),
                        list(competence.variantes()), competence));
                c = Math.max(c, competence.ordre() != null ? competence.ordre() : c);
            }
        }
    }

    private static void domaines(VersionDocument doc, UUID root, List<FlatElement> out) {
        List<Domaine> domaines = list(doc.domaines());
        for (int d = 0; d < domaines.size(); d++) {
            Domaine domaine = domaines.get(d);
            String at = "/domaines/" + d;
            out.add(element(at, ElementKind.DOMAINE, domaine.id(), domaine.code(), root, d + 1, domaine.intitule(),
                    List.of(), domaine, "activites"));
            List<Activite> activites = list(domaine.activites());
            for (int a = 0; a < activites.size(); a++) {
                Activite activite = activites.get(a);
                String atActivite = at + "/activites/" + a;
                out.add(element(atActivite, ElementKind.ACTIVITE, activite.id(), activite.code(), domaine.id(), a + 1,
                        activite.intitule(), list(activite.variantes()), activite, "taches"));
                List<Tache> taches = list(activite.taches());
                for (int t = 0; t < taches.size(); t++) {
                    Tache tache = taches.get(t);
                    out.add(element(atActivite + "/taches/" + t, ElementKind.TACHE, tache.id(), tache.code(),
                            activite.id(), t + 1, tache.libelle(), List.of(nullToEmpty(tache.codeSource())), tache));
                }
            }
        }
    }

    private static void epreuves(VersionDocument doc, UUID root, List<FlatElement> out) {
        List<Epreuve> epreuves = list(doc.epreuves());
        Map<String, UUID> epreuveIds = epreuves.stream()
                .collect(Collectors.toMap(Epreuve::code, Epreuve::id, (x, y) -> x));
        for (int e = 0; e < epreuves.size(); e++) {
            Epreuve epreuve = epreuves.get(e);
            String at = "/epreuves/" + e;
            UUID parent = epreuve.parent() != null && epreuveIds.containsKey(epreuve.parent())
                    ? epreuveIds.get(epreuve.parent()) : root;
            out.add(element(at, ElementKind.EPREUVE, epreuve.id(), epreuve.code(), parent, e + 1, epreuve.intitule(),
                    List.of(), epreuve));
            List<VersionDocument.Situation> situations = list(epreuve.situations());
            for (int s = 0; s < situations.size(); s++) {
                VersionDocument.Situation situation = situations.get(s);
                out.add(element(at + "/situations/" + s, ElementKind.SITUATION, situation.id(),
                        epreuve.code() + "/" + situation.code(), epreuve.id(), s + 1, situation.description(), List.of(),
                        situation));
            }
        }
    }

    private static FlatElement element(String pointer, ElementKind kind, UUID id, String code, UUID parent, int ordre,
                                       String libelle, List<String> extraTerms, Object record, String... childFields) {
        ObjectNode payload = (ObjectNode) DocumentJson.toTree(record);
        for (String child : childFields) {
            payload.remove(child);
        }
        String text = Stream.concat(Stream.of(nullToEmpty(code), nullToEmpty(libelle)), extraTerms.stream())
                .map(TextNormalizer::normalize)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" | "));
        return new FlatElement(kind, id, code, parent, ordre, libelle, text, payload, pointer);
    }

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
