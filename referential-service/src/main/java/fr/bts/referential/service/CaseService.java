package fr.bts.referential.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.casepackage.CaseException;
import fr.bts.referential.casepackage.CasePackageBuilder;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialElement;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CASE 1.1 read API over the current published version of each certification: documents, packages,
 * items, associations and item types. Packages are built once per version ETag and base URI.
 */
@ApplicationScoped
@Transactional
public class CaseService {

    private final Map<String, ObjectNode> packages = new ConcurrentHashMap<>();

    public ObjectNode documents(String baseUri) {
        ObjectNode answer = DocumentJson.mapper().createObjectNode();
        ArrayNode documents = answer.putArray("CFDocuments");
        for (ReferentialVersion v : ReferentialVersion.latestPublishedOfEach()) {
            documents.add(withPackageUri((ObjectNode) packageOf(v, baseUri).get("CFDocument").deepCopy(), baseUri));
        }
        return answer;
    }

    public ObjectNode document(UUID id, String baseUri) {
        ReferentialVersion version = currentOf(id);
        return withPackageUri((ObjectNode) packageOf(version, baseUri).get("CFDocument").deepCopy(), baseUri);
    }

    public ObjectNode cfPackage(UUID id, String baseUri) {
        return packageOf(currentOf(id), baseUri);
    }

    public ObjectNode item(UUID id, String baseUri) {
        ObjectNode pkg = packageHolding(id, baseUri);
        for (JsonNode item : pkg.get("CFItems")) {
            if (item.get("identifier").asText().equals(id.toString())) {
                ObjectNode copy = item.deepCopy();
                copy.set("CFDocumentURI", documentLink(pkg));
                return copy;
            }
        }
        throw CaseException.unknown("No CFItem " + id);
    }

    public ObjectNode itemAssociations(UUID id, String baseUri) {
        ObjectNode item = item(id, baseUri);
        ObjectNode pkg = packageHolding(id, baseUri);
        ObjectNode answer = DocumentJson.mapper().createObjectNode();
        answer.set("CFItem", item);
        ArrayNode list = answer.putArray("CFAssociations");
        for (JsonNode a : pkg.get("CFAssociations")) {
            if (a.at("/originNodeURI/identifier").asText().equals(id.toString())
                    || a.at("/destinationNodeURI/identifier").asText().equals(id.toString())) {
                list.add(a);
            }
        }
        return answer;
    }

    public ObjectNode association(UUID id, String baseUri) {
        for (ReferentialVersion current : ReferentialVersion.latestPublishedOfEach()) {
            ObjectNode pkg = packageOf(current, baseUri);
            for (JsonNode a : pkg.get("CFAssociations")) {
                if (a.get("identifier").asText().equals(id.toString())) {
                    ObjectNode copy = a.deepCopy();
                    copy.set("CFDocumentURI", documentLink(pkg));
                    return copy;
                }
            }
        }
        throw CaseException.unknown("No CFAssociation " + id);
    }

    public ObjectNode itemType(UUID id, String baseUri) {
        for (ElementKind kind : CasePackageBuilder.itemKinds()) {
            if (CasePackageBuilder.itemTypeId(kind).equals(id)) {
                return CasePackageBuilder.itemType(kind, baseUri, Instant.parse("2024-01-01T00:00:00Z"));
            }
        }
        throw CaseException.unknown("No CFItemType " + id);
    }

    private ObjectNode packageHolding(UUID elementId, String baseUri) {
        List<ReferentialElement> rows = ReferentialElement.find(
                "from ReferentialElement e join fetch e.version v join fetch v.certification "
                        + "where e.elementId = ?1 and v.status = ?2 order by v.number desc",
                elementId, VersionStatus.PUBLISHED).page(0, 1).list();
        if (rows.isEmpty()) {
            throw CaseException.unknown("No CFItem " + elementId);
        }
        ReferentialVersion current = ReferentialVersion.latestPublished(rows.get(0).version.certification).orElseThrow();
        return packageOf(current, baseUri);
    }

    private ReferentialVersion currentOf(UUID documentId) {
        Certification c = Certification.<Certification>findByIdOptional(documentId)
                .orElseThrow(() -> CaseException.unknown("No CFDocument " + documentId));
        return ReferentialVersion.latestPublished(c).orElseThrow(() -> CaseException.unknown("No CFDocument " + documentId));
    }

    ObjectNode packageOf(ReferentialVersion version, String baseUri) {
        String key = version.etag + "|" + baseUri;
        ObjectNode cached = packages.get(key);
        if (cached != null) {
            return cached;
        }
        if (packages.size() > 64) {
            packages.clear();
        }
        Instant changed = version.publishedAt != null ? version.publishedAt : version.updatedAt;
        ObjectNode built = CasePackageBuilder.build(DocumentJson.fromCanonical(version.document), baseUri, changed);
        packages.put(key, built);
        return built;
    }

    private static ObjectNode withPackageUri(ObjectNode document, String baseUri) {
        ObjectNode link = document.putObject("CFPackageURI");
        link.put("title", document.get("title").asText());
        link.put("identifier", document.get("identifier").asText());
        link.put("uri", trim(baseUri) + CasePackageBuilder.PATH + "CFPackages/" + document.get("identifier").asText());
        return document;
    }

    private static ObjectNode documentLink(ObjectNode pkg) {
        JsonNode d = pkg.get("CFDocument");
        ObjectNode link = DocumentJson.mapper().createObjectNode();
        link.put("title", d.get("title").asText());
        link.put("identifier", d.get("identifier").asText());
        link.put("uri", d.get("uri").asText());
        return link;
    }

    private static String trim(String baseUri) {
        return baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    }
}
