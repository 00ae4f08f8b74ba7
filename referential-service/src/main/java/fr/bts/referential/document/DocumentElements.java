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

    public static List<FlatElement> flatten(VersionDocument doc) {
        List<FlatElement> out = new ArrayList<>();
        UUID root = doc.certification().id();
        out.add(element(ElementKind.CERTIFICATION, root, doc.certification().code(), null, 0,
                doc.certification().intitule(), List.of(nullToEmpty(doc.certification().rncp())), doc.certification()));
        int b = 0;
        for (Bloc bloc : list(doc.blocs())) {
            out.add(element(ElementKind.BLOC, bloc.id(), bloc.code(), root, ++b, bloc.intitule(), List.of(), bloc,
                    "competences"));
            int c = 0;
            for (Competence competence : list(bloc.competences())) {
                out.add(element(ElementKind.COMPETENCE, competence.id(), competence.code(), bloc.id(),
                        competence.ordre() != null ? competence.ordre() : ++c, competence.libelle(),
                        list(competence.variantes()), competence));
                c = Math.max(c, competence.ordre() != null ? competence.ordre() : c);
            }
        }
        int d = 0;
        for (Domaine domaine : list(doc.domaines())) {
            out.add(element(ElementKind.DOMAINE, domaine.id(), domaine.code(), root, ++d, domaine.intitule(),
                    List.of(), domaine, "activites"));
            int a = 0;
            for (Activite activite : list(domaine.activites())) {
                out.add(element(ElementKind.ACTIVITE, activite.id(), activite.code(), domaine.id(), ++a,
                        activite.intitule(), list(activite.variantes()), activite, "taches"));
                int t = 0;
                for (Tache tache : list(activite.taches())) {
                    out.add(element(ElementKind.TACHE, tache.id(), tache.code(), activite.id(), ++t, tache.libelle(),
                            List.of(nullToEmpty(tache.codeSource())), tache));
                }
            }
        }
        int u = 0;
        for (Unite unite : list(doc.unites())) {
            // a unit certifies a bloc (field "bloc") but is not part of the competency hierarchy
            out.add(element(ElementKind.UNITE, unite.id(), unite.code(), root, ++u, unite.intitule(), List.of(), unite));
        }
        Map<String, UUID> epreuveIds = list(doc.epreuves()).stream()
                .collect(Collectors.toMap(Epreuve::code, Epreuve::id, (x, y) -> x));
        int e = 0;
        for (Epreuve epreuve : list(doc.epreuves())) {
            UUID parent = epreuve.parent() != null && epreuveIds.containsKey(epreuve.parent())
                    ? epreuveIds.get(epreuve.parent()) : root;
            out.add(element(ElementKind.EPREUVE, epreuve.id(), epreuve.code(), parent, ++e, epreuve.intitule(),
                    List.of(), epreuve));
            int s = 0;
            for (VersionDocument.Situation situation : list(epreuve.situations())) {
                out.add(element(ElementKind.SITUATION, situation.id(), epreuve.code() + "/" + situation.code(),
                        epreuve.id(), ++s, situation.description(), List.of(), situation));
            }
        }
        return out;
    }

    private static FlatElement element(ElementKind kind, UUID id, String code, UUID parent, int ordre, String libelle,
                                       List<String> extraTerms, Object record, String... childFields) {
        ObjectNode payload = (ObjectNode) DocumentJson.toTree(record);
        for (String child : childFields) {
            payload.remove(child);
        }
        String text = Stream.concat(Stream.of(nullToEmpty(code), nullToEmpty(libelle)), extraTerms.stream())
                .map(TextNormalizer::normalize)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" | "));
        return new FlatElement(kind, id, code, parent, ordre, libelle, text, payload);
    }

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
