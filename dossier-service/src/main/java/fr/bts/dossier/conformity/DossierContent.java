package fr.bts.dossier.conformity;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the candidate has put in one professional dossier, as the engine sees it: the fiches (missions,
 * analysis fiches, project fiches, veille reports…), the context elements filled in and the pieces present.
 *
 * @param domaines activity codes of each domain of the referential version, keyed by domain number and code
 *                 (e.g. {@code "1"} and {@code "D1"}), for {@code COUVERTURE_DOMAINE}
 */
public record DossierContent(List<Fiche> fiches, Map<String, String> elementsContexte, Set<String> pieces,
                             Map<String, List<String>> domaines) {

    public DossierContent {
        fiches = fiches == null ? List.of() : List.copyOf(fiches);
        elementsContexte = elementsContexte == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(elementsContexte));
        pieces = pieces == null ? Set.of() : Set.copyOf(pieces);
        domaines = domaines == null ? Map.of() : Map.copyOf(domaines);
    }

    /**
     * One fiche.
     *
     * @param lien the id of the fiche this one refers to (a veille report tied to a project), or null
     */
    public record Fiche(String id, String type, List<String> activites, Set<String> drapeaux,
                        Map<String, String> champs, String lien) {
        public Fiche {
            activites = activites == null ? List.of() : List.copyOf(activites);
            drapeaux = drapeaux == null ? Set.of() : Set.copyOf(drapeaux);
            champs = champs == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(champs));
        }
    }
}
