package fr.bts.referential.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of addressable elements of a version document; {@link #key()} is the {@code <kind>} part of the
 * name hashed into an element's UUID.
 */
public enum ElementKind {
    CERTIFICATION("certification"),
    BLOC("bloc"),
    COMPETENCE("competence"),
    DOMAINE("domaine"),
    ACTIVITE("activite"),
    TACHE("tache"),
    UNITE("unite"),
    EPREUVE("epreuve"),
    /** Element code {@code "<épreuve code>/<situation code>"}: situation codes repeat across épreuves. */
    SITUATION("situation");

    private final String key;

    ElementKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ElementKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equalsIgnoreCase(key)).findFirst();
    }
}
