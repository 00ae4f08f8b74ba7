package fr.bts.referential.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.referential.casepackage.CaseChangeTimes;
import fr.bts.referential.casepackage.CaseDates;
import fr.bts.referential.casepackage.CaseException;
import fr.bts.referential.casepackage.CaseLinks;
import fr.bts.referential.casepackage.CasePackageBuilder;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialElement;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.VersionSourceDate;
import fr.bts.referential.model.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The CASE 1.1 read API over the public (published and deprecated) versions of each certification: the current
 * version is the CFDocument/CFPackage whose identifier is the certification's UUID, and every public version is also
 * a CFDocument/CFPackage of its own ({@link CasePackageBuilder#versionDocumentId}). Every {@code lastChangeDateTime}
 * is when the node really changed ({@link CaseChangeTimes}): the publication of the version that last changed it —
 * for a seed, the date its source gives ({@link VersionSourceDate}) — and for a document, its deprecation when later.
 * Packages are built once per state of the certification's public versions (their ETags) and base URI, and kept
 * ({@link ReadCaches}) until a version write commits through this instance.
 */
@ApplicationScoped
@Transactional
public class CaseService {

    private static final List<VersionStatus> PUBLIC = Visibility.PUBLIC.statuses();

    /** Built packages, keyed by document, base URI and the ETags of the public versions up to it. */
    @Inject
    ReadCaches caches;

    /** A public version shown as a CFDocument: the version, and the identifier it is shown under. */
    private record Target(ReferentialVersion version, UUID documentId) {
    }

    /**
     * Every CFDocument (CFDocumentSetDType), in their default order: by certification code, the current version
     * (identifier: the certification's UUID) first, then each public version under its own identifier, newest first.
     */
    public ObjectNode documents(String baseUri) {
        ObjectNode answer = DocumentJson.mapper().createObjectNode();
        ArrayNode documents = answer.putArray("CFDocuments");
        List<ReferentialVersion> all = ReferentialVersion.list("from ReferentialVersion v join fetch v.certification c "
                + "where v.status in ?1 order by c.code, v.number desc", PUBLIC);
        Certification certification = null;
        for (ReferentialVersion v : all) {
            if (!v.certification.equals(certification)) {
                certification = v.certification;
                Optional<ReferentialVersion> current = currentOf(certification);
                if (current.isPresent()) {
                    documents.add(CaseLinks.standaloneDocument(packageOf(new Target(current.get(), certification.id), baseUri), baseUri));
                }
            }
            documents.add(CaseLinks.standaloneDocument(packageOf(versionTarget(v), baseUri), baseUri));
        }
        return answer;
    }

    public ObjectNode document(UUID id, String baseUri) {
        return CaseLinks.standaloneDocument(packageOf(target(id), baseUri), baseUri);
    }

    public ObjectNode cfPackage(UUID id, String baseUri) {
        return packageOf(target(id), baseUri);
    }

    /** The CFItem from the latest public version holding it (the current package when it is the current version). */
    public ObjectNode item(UUID id, String baseUri) {
        ObjectNode pkg = packageHolding(id, baseUri);
        JsonNode item = CaseLinks.withIdentifier(pkg.path("CFItems"), id).orElseThrow(() -> CaseException.unknown("No CFItem " + id));
        return CaseLinks.withDocumentUri(item, pkg);
    }

    /** CFAssociationSetDType: the CFItem and every association of its package it is the origin or destination of. */
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

    /**
     * One CFAssociation with the {@code CFDocumentURI} of the document it belongs to: looked for in the current
     * packages first, then in the packages of every public version (newest first).
     */
    public ObjectNode association(UUID id, String baseUri) {
        Found found = inSearchOrder("CFAssociations", id, baseUri)
                .orElseThrow(() -> CaseException.unknown("No CFAssociation " + id));
        return CaseLinks.withDocumentUri(found.node(), found.pkg());
    }

    /** One CFRubric (the critères de performance of a competency), from the current packages first. */
    public ObjectNode rubric(UUID id, String baseUri) {
        return inSearchOrder("CFRubrics", id, baseUri).map(found -> found.node().<ObjectNode>deepCopy())
                .orElseThrow(() -> CaseException.unknown("No CFRubric " + id));
    }

    /** A node found in a package's list, with the package. */
    private record Found(ObjectNode pkg, JsonNode node) {
    }

    /** The first node of the packages' {@code list} whose identifier is {@code id}, in {@link #searchOrder}. */
    private Optional<Found> inSearchOrder(String list, UUID id, String baseUri) {
        for (ObjectNode pkg : searchOrder(baseUri)) {
            Optional<JsonNode> node = CaseLinks.withIdentifier(pkg.path(list), id);
            if (node.isPresent()) {
                return Optional.of(new Found(pkg, node.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * CFItemTypeSetDType holding one CFItemType (one of our element kinds); its lastChangeDateTime is the earliest
     * date any current package gives it (the kinds are this service's, the same in every package).
     */
    public ObjectNode itemType(UUID id, String baseUri) {
        for (ElementKind kind : CasePackageBuilder.itemKinds()) {
            if (CasePackageBuilder.itemTypeId(kind).equals(id)) {
                Instant earliest = null;
                for (ReferentialVersion current : ReferentialVersion.latestPublishedOfEach()) {
                    ObjectNode pkg = packageOf(new Target(current, current.certification.id), baseUri);
                    for (JsonNode type : pkg.at("/CFDefinitions/CFItemTypes")) {
                        if (type.get("identifier").asText().equals(id.toString())) {
                            Instant at = Instant.parse(type.get("lastChangeDateTime").asText());
                            earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                        }
                    }
                }
                if (earliest == null) {
                    break;
                }
                ObjectNode answer = DocumentJson.mapper().createObjectNode();
                answer.putArray("CFItemTypes").add(CasePackageBuilder.itemType(kind, baseUri, earliest));
                return answer;
            }
        }
        throw CaseException.unknown("No CFItemType " + id);
    }

    /** The packages an identifier is looked for in: the current ones, then every public version's, newest first. */
    private List<ObjectNode> searchOrder(String baseUri) {
        List<ObjectNode> order = new ArrayList<>();
        for (ReferentialVersion current : ReferentialVersion.latestPublishedOfEach()) {
            order.add(packageOf(new Target(current, current.certification.id), baseUri));
        }
        List<ReferentialVersion> all = ReferentialVersion.list("from ReferentialVersion v join fetch v.certification c "
                + "where v.status in ?1 order by c.code, v.number desc", PUBLIC);
        for (ReferentialVersion v : all) {
            order.add(packageOf(versionTarget(v), baseUri));
        }
        return order;
    }

    private ObjectNode packageHolding(UUID elementId, String baseUri) {
        List<ReferentialElement> rows = ReferentialElement.find(
                "from ReferentialElement e join fetch e.version v join fetch v.certification "
                        + "where e.elementId = ?1 and v.status in ?2 order by v.number desc",
                elementId, PUBLIC).page(0, 1).list();
        if (rows.isEmpty()) {
            throw CaseException.unknown("No CFItem " + elementId);
        }
        ReferentialVersion holding = rows.get(0).version;
        Optional<ReferentialVersion> current = currentOf(holding.certification);
        if (current.isPresent() && current.get().id.equals(holding.id)) {
            return packageOf(new Target(holding, holding.certification.id), baseUri);
        }
        return packageOf(versionTarget(holding), baseUri);
    }

    /** The certification's UUID names its current version; a version's own identifier names that version. */
    private Target target(UUID documentId) {
        Optional<Certification> certification = Certification.findByIdOptional(documentId);
        if (certification.isPresent()) {
            return currentOf(certification.get()).map(v -> new Target(v, documentId))
                    .orElseThrow(() -> CaseException.unknown("No CFDocument " + documentId));
        }
        List<ReferentialVersion> all = ReferentialVersion.list("from ReferentialVersion v join fetch v.certification c "
                + "where v.status in ?1", PUBLIC);
        for (ReferentialVersion v : all) {
            if (CasePackageBuilder.versionDocumentId(v.certification.code, v.number).equals(documentId)) {
                return new Target(v, documentId);
            }
        }
        throw CaseException.unknown("No CFDocument " + documentId);
    }

    private static Target versionTarget(ReferentialVersion v) {
        return new Target(v, CasePackageBuilder.versionDocumentId(v.certification.code, v.number));
    }

    private static Optional<ReferentialVersion> currentOf(Certification c) {
        return ReferentialVersion.latestPublished(c);
    }

    private ObjectNode packageOf(Target target, String baseUri) {
        ReferentialVersion version = target.version();
        List<ReferentialVersion> upTo = new ArrayList<>();
        StringBuilder key = new StringBuilder(target.documentId().toString()).append('|').append(baseUri);
        for (ReferentialVersion v : ReferentialVersion.<ReferentialVersion>list(
                "certification = ?1 and status in ?2 and number <= ?3 order by number", version.certification, PUBLIC,
                version.number)) {
            upTo.add(v);
            key.append('|').append(v.number).append(':').append(v.etag);
        }
        ObjectNode cached = caches.casePackages().getIfPresent(key.toString());
        if (cached != null) {
            return cached;
        }
        List<CaseChangeTimes.Dated> dated = new ArrayList<>();
        for (ReferentialVersion v : upTo) {
            dated.add(new CaseChangeTimes.Dated(DocumentJson.fromCanonical(v.document), CaseDates.content(v).at()));
        }
        Instant contentDate = CaseDates.content(version).at();
        CaseDates.Basis documentBasis = CaseDates.document(version);
        ObjectNode built = CasePackageBuilder.build(dated.get(dated.size() - 1).document(), target.documentId(), baseUri,
                documentBasis.at(), CaseChangeTimes.lookup(CaseChangeTimes.ofLast(dated), contentDate));
        ObjectNode extensions = (ObjectNode) built.get("CFDocument").get("extensions");
        extensions.put("versionNumber", version.number);
        extensions.put("versionStatus", version.status.name());
        documentBasis.writeTo(extensions.putObject("lastChangeDateTimeSource"));
        caches.casePackages().put(key.toString(), built);
        return built;
    }
}
