package fr.bts.commons.referential;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The types of the dossier-conformity rules a referential version may state (docs/contracts.md, "Dossier
 * requirements"), listed once for the two services that read them: the referential's {@code DocumentValidator}
 * accepts only these in a version it validates, and the dossier's {@code ConformityEngine} implements each (its switch
 * over this type is exhaustive, so a type added here without an implementation there does not compile). The wire name
 * of each is its constant's name.
 */
public enum ConformityRuleType {
    NOMBRE_FICHES,
    COUVERTURE_ACTIVITES,
    ACTIVITES_DISTINCTES,
    ACTIVITE_REQUISE,
    FICHES_AVEC_DRAPEAU,
    CHAMPS_COMPLETS,
    PIECE_PRESENTE,
    ELEMENTS_CONTEXTE_COMPLETS,
    COUVERTURE_DOMAINE,
    LIEN_FICHES;

    private static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).sorted().toList();

    /** The type named {@code name} exactly as on the wire, if it is one. */
    public static Optional<ConformityRuleType> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ConformityRuleType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Every wire name, sorted (for messages listing what is accepted). */
    public static List<String> names() {
        return NAMES;
    }
}
