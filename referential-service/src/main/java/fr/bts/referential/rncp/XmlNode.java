package fr.bts.referential.rncp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed XML element: name, text content (entities decoded) and child elements. */
public record XmlNode(String name, StringBuilder text, List<XmlNode> children) {

    XmlNode(String name) {
        this(name, new StringBuilder(), new ArrayList<>());
    }

    public Optional<XmlNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public List<XmlNode> all(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Trimmed text of a child, or null when absent or blank. */
    public String text(String childName) {
        return child(childName).map(c -> c.text.toString().trim()).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** Text of a child exactly as published (HTML fragments are escaped text in the export). */
    public String raw(String childName) {
        return child(childName).map(c -> c.text.toString()).filter(s -> !s.isBlank()).orElse(null);
    }
}
