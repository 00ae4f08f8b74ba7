package fr.bts.referential.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Differences between two versions of a certification: elements added and removed (by their stable UUID),
 * and for elements present in both, every field whose value changed. Sections without identifiers (result
 * rules, languages, dispenses, correspondences, candidate categories, access routes) compare as one
 * pseudo-element each, kind {@code section}.
 */
public final class DocumentDiff {

    public record Ref(UUID id, String kind, String code) {
    }

    public record FieldChange(String field, JsonNode from, JsonNode to) {
    }

    public record Changed(UUID id, String kind, String code, List<FieldChange> changes) {
    }

    public record Result(List<Ref> added, List<Ref> removed, List<Changed> changed) {
    }

    private static final List<String> SECTIONS = List.of("categoriesCandidats", "voiesAcces", "reglesResultat",
            "langues", "dispenses", "correspondances", "conflits", "dispositions");

    private DocumentDiff() {
    }

    public static Result between(VersionDocument from, VersionDocument to) {
        Map<UUID, FlatElement> before = index(DocumentElements.flatten(from));
        Map<UUID, FlatElement> after = index(DocumentElements.flatten(to));
        List<Ref> added = new ArrayList<>();
        List<Ref> removed = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        for (FlatElement e : after.values()) {
            if (!before.containsKey(e.id())) {
                added.add(new Ref(e.id(), e.kind().key(), e.code()));
            }
        }
        for (FlatElement e : before.values()) {
            FlatElement other = after.get(e.id());
            if (other == null) {
                removed.add(new Ref(e.id(), e.kind().key(), e.code()));
                continue;
            }
            List<FieldChange> changes = fields(e.payload(), other.payload());
            if (e.parentId() != null && !e.parentId().equals(other.parentId())) {
                changes.add(new FieldChange("parentId", DocumentJson.toTree(e.parentId()),
                        DocumentJson.toTree(other.parentId())));
            }
            if (!changes.isEmpty()) {
                changed.add(new Changed(e.id(), e.kind().key(), e.code(), changes));
            }
        }
        JsonNode fromTree = DocumentJson.toTree(from);
        JsonNode toTree = DocumentJson.toTree(to);
        for (String section : SECTIONS) {
            JsonNode a = fromTree.path(section);
            JsonNode b = toTree.path(section);
            if (!a.equals(b)) {
                changed.add(new Changed(null, "section", section, List.of(new FieldChange(section, a, b))));
            }
        }
        return new Result(added, removed, changed);
    }

    private static List<FieldChange> fields(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        List<FieldChange> changes = new ArrayList<>();
        for (String name : names) {
            if (name.equals("id")) {
                continue;
            }
            JsonNode x = a.has(name) ? a.get(name) : NullNode.getInstance();
            JsonNode y = b.has(name) ? b.get(name) : NullNode.getInstance();
            if (!x.equals(y)) {
                changes.add(new FieldChange(name, x, y));
            }
        }
        return changes;
    }

    private static Map<UUID, FlatElement> index(List<FlatElement> elements) {
        Map<UUID, FlatElement> map = new LinkedHashMap<>();
        for (FlatElement e : elements) {
            map.putIfAbsent(e.id(), e);
        }
        return map;
    }

}
