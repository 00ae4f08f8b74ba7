package fr.bts.referential.casepackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.document.DocumentJson;

import java.util.Optional;
import java.util.UUID;

/** The links between CASE objects: a CFDocument's {@code CFPackageURI}, an object's {@code CFDocumentURI}. */
public final class CaseLinks {

    private CaseLinks() {
    }

    /** CFDocumentDType: the package's CFDocument with its {@code CFPackageURI}. */
    public static ObjectNode standaloneDocument(ObjectNode pkg, String baseUri) {
        ObjectNode document = pkg.get("CFDocument").deepCopy();
        ObjectNode link = document.putObject("CFPackageURI");
        link.put("title", document.get("title").asText());
        link.put("identifier", document.get("identifier").asText());
        link.put("uri", trim(baseUri) + CasePackageBuilder.PATH + "CFPackages/" + document.get("identifier").asText());
        return document;
    }

    public static ObjectNode documentLink(ObjectNode pkg) {
        JsonNode d = pkg.get("CFDocument");
        ObjectNode link = DocumentJson.mapper().createObjectNode();
        link.put("title", d.get("title").asText());
        link.put("identifier", d.get("identifier").asText());
        link.put("uri", d.get("uri").asText());
        return link;
    }

    /** A copy of the node with the {@code CFDocumentURI} of the package it belongs to. */
    public static ObjectNode withDocumentUri(JsonNode node, ObjectNode pkg) {
        ObjectNode copy = node.deepCopy();
        copy.set("CFDocumentURI", documentLink(pkg));
        return copy;
    }

    /** The object of a package's list (CFItems, CFAssociations, CFRubrics…) that this identifier names. */
    public static Optional<JsonNode> withIdentifier(JsonNode list, UUID id) {
        String wanted = id.toString();
        for (JsonNode node : list) {
            if (node.path("identifier").asText().equals(wanted)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    private static String trim(String baseUri) {
        return baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    }
}
