package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.document.VersionDocument;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When each node of a CASE package really last changed (its {@code lastChangeDateTime}). A node (item, association,
 * item type, rubric, criterion) of version n keeps the date of version n−1 when it is the same there, field for
 * field, and takes the date at which version n became public otherwise: an item untouched since version 1 still
 * says version 1's date in version 3's package. Nodes are compared through the package built with fixed
 * placeholders for everything that is not their content (base URI, document identifier, dates).
 */
public final class CaseChangeTimes {

    private static final String PLACEHOLDER_BASE = "https://case.invalid";

    /** A public version: its document and the instant its content became public. */
    public record Dated(VersionDocument document, Instant changedAt) {
    }

    private CaseChangeTimes() {
    }

    /** For the last of {@code versions} (the public versions of one certification, oldest first): node key → date. */
    public static Map<String, Instant> ofLast(List<Dated> versions) {
        Map<String, String> previousSignatures = Map.of();
        Map<String, Instant> previousTimes = Map.of();
        for (Dated version : versions) {
            Map<String, String> signatures = signatures(version.document());
            Map<String, Instant> times = new HashMap<>();
            for (Map.Entry<String, String> node : signatures.entrySet()) {
                boolean same = node.getValue().equals(previousSignatures.get(node.getKey()));
                times.put(node.getKey(), same ? previousTimes.get(node.getKey()) : version.changedAt());
            }
            previousSignatures = signatures;
            previousTimes = times;
        }
        return previousTimes;
    }

    /** Node key → its content in the package of {@code document}, without its dates. */
    static Map<String, String> signatures(VersionDocument document) {
        UUID fixedDocument = document.certification().id();
        ObjectNode pkg = CasePackageBuilder.build(document, fixedDocument, PLACEHOLDER_BASE, Instant.EPOCH, key -> Instant.EPOCH);
        Map<String, String> signatures = new HashMap<>();
        for (JsonNode item : pkg.path("CFItems")) {
            signatures.put("CFItem/" + item.get("identifier").asText(), content(item));
        }
        for (JsonNode a : pkg.path("CFAssociations")) {
            String destination = a.at("/destinationNodeURI/identifier").asText();
            signatures.put("CFAssociation/" + a.get("associationType").asText() + "/" + a.at("/originNodeURI/identifier").asText()
                    + "/" + (destination.equals(fixedDocument.toString()) ? "document" : destination), content(a));
        }
        for (JsonNode type : pkg.at("/CFDefinitions/CFItemTypes")) {
            signatures.put("CFItemType/" + type.get("hierarchyCode").asText(), content(type));
        }
        for (JsonNode rubric : pkg.path("CFRubrics")) {
            signatures.put("CFRubric/" + rubric.get("identifier").asText(), content(rubric));
            for (JsonNode criterion : rubric.path("CFRubricCriteria")) {
                signatures.put("CFRubricCriterion/" + criterion.get("identifier").asText(), content(criterion));
            }
        }
        return signatures;
    }

    private static String content(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove("lastChangeDateTime");
        return copy.toString();
    }

    /** The dates as the lookup {@link CasePackageBuilder#build} takes; a node missing from them takes {@code fallback}. */
    public static CasePackageBuilder.ChangeTimes lookup(Map<String, Instant> times, Instant fallback) {
        Map<String, Instant> copy = new HashMap<>(times);
        return key -> copy.getOrDefault(key, fallback);
    }
}
