package fr.bts.referential.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.DocumentValidator;
import fr.bts.referential.document.ElementIds;
import fr.bts.referential.document.ElementKind;
import fr.bts.referential.document.VersionDocument;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialVersion;
import fr.bts.referential.model.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The life cycle of versions, for {@code referential-admin}: create a certification, open a draft (a copy of
 * the latest published version), edit it (If-Match on the version's ETag), validate, publish, deprecate.
 * Public versions are immutable: any write to one is a 409.
 */
@ApplicationScoped
public class VersionAdminService {

    public static final ProblemType VERSION_IMMUTABLE = ProblemType.custom("version-immutable",
            "Published versions are immutable", 409);
    public static final ProblemType VERSION_STATE = ProblemType.custom("version-state",
            "Operation not allowed in this version state", 409);
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{1,38}");

    @Inject
    VersionStorage storage;


    @Inject
    ReferentialQueryService queries;

    /** Creates a certification from its identity; its first version is opened as an empty draft. */
    @Transactional
    public ReferentialVersion createCertification(byte[] body) throws JsonProcessingException {
        JsonNode tree = DocumentJson.readTree(body);
        String code = tree.path("code").asText("");
        if (!CODE.matcher(code).matches()) {
            throw ProblemException.invalid("code", "must be 2 to 40 capitals, digits, '.', '_' or '-' (e.g. BTS-NDRC)");
        }
        if (Certification.findByCodeOrRncp(code).isPresent()
                || (tree.path("rncp").isTextual() && Certification.findByCodeOrRncp(tree.path("rncp").asText()).isPresent())) {
            throw ProblemException.conflict("A certification " + code + " (or with this RNCP number) already exists");
        }
        ObjectNode document = DocumentJson.mapper().createObjectNode();
        document.set("certification", tree);
        VersionDocument parsed = DocumentJson.toDocument(document, code);
        VersionDocument empty = new VersionDocument(parsed.certification(),
                new VersionDocument.VersionInfo(1, VersionStatus.DRAFT.name(), null, null, List.of()),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, List.of(), List.of(), List.of(),
                List.of());
        requireValid(DocumentValidator.validate(empty, code));
        Instant now = now();
        Certification certification = new Certification();
        certification.id = ElementIds.of(code, ElementKind.CERTIFICATION, code);
        certification.code = code;
        certification.createdAt = now;
        VersionStorage.syncCertification(certification, empty.certification());
        certification.persist();
        return newVersion(certification, 1, empty, now);
    }

    /** Opens the next version as a draft copied from the latest published one; one open draft at a time. */
    @Transactional
    public ReferentialVersion openDraft(String codeOrRncp, String libelle) {
        Certification certification = queries.certificationOrThrow(codeOrRncp);
        ReferentialVersion latest = ReferentialVersion.latest(certification).orElseThrow();
        if (!latest.status.isPublic()) {
            throw new ProblemException(VERSION_STATE, "Version " + latest.number + " is still " + latest.status
                    + "; publish it or edit it instead of opening another draft");
        }
        ReferentialVersion base = ReferentialVersion.latestPublished(certification).orElse(latest);
        VersionDocument source = DocumentJson.fromCanonical(base.document);
        int number = latest.number + 1;
        VersionDocument draft = Documents.withVersion(source, new VersionDocument.VersionInfo(number,
                VersionStatus.DRAFT.name(), null, libelle, source.version() == null ? List.of() : source.version().sources()));
        return newVersion(certification, number, draft, now());
    }

    /** Replaces the whole document of a draft (ids are derived again, the certification code cannot change). */
    @Transactional
    public ReferentialVersion replaceDocument(String codeOrRncp, String versionRef, String ifMatch, byte[] body)
            throws JsonProcessingException {
        ReferentialVersion version = editable(codeOrRncp, versionRef, ifMatch);
        JsonNode tree = DocumentJson.readTree(body);
        return save(version, tree);
    }

    /** Checks every rule; a valid draft becomes VALIDATED, otherwise 422 lists every violation. */
    @Transactional
    public ReferentialVersion validate(String codeOrRncp, String versionRef) {
        ReferentialVersion version = queries.version(codeOrRncp, versionRef, Visibility.ADMIN);
        if (version.status.isPublic()) {
            throw new ProblemException(VERSION_IMMUTABLE, "Version " + version.number + " is " + version.status);
        }
        VersionDocument document = DocumentJson.fromCanonical(version.document);
        requireValid(DocumentValidator.validate(document, version.certification.code));
        if (version.status == VersionStatus.DRAFT) {
            version.status = VersionStatus.VALIDATED;
            version.validatedAt = now();
            storage.store(version, withStatus(document, version));
        }
        return version;
    }

    /** Publishes a VALIDATED version: from then on public and immutable, and {@code current}. */
    @Transactional
    public ReferentialVersion publish(String codeOrRncp, String versionRef) {
        ReferentialVersion version = queries.version(codeOrRncp, versionRef, Visibility.ADMIN);
        if (version.status.isPublic()) {
            throw new ProblemException(VERSION_IMMUTABLE, "Version " + version.number + " is already " + version.status);
        }
        if (version.status != VersionStatus.VALIDATED) {
            throw new ProblemException(VERSION_STATE, "Version " + version.number + " must be validated before it is published");
        }
        VersionDocument document = DocumentJson.fromCanonical(version.document);
        requireValid(DocumentValidator.validate(document, version.certification.code));
        version.status = VersionStatus.PUBLISHED;
        version.publishedAt = now();
        storage.store(version, withStatus(document, version));
        VersionStorage.syncCertification(version.certification, document.certification());
        return version;
    }

    /** Marks a published version deprecated; it stays readable. */
    @Transactional
    public ReferentialVersion deprecate(String codeOrRncp, String versionRef) {
        ReferentialVersion version = queries.version(codeOrRncp, versionRef, Visibility.ADMIN);
        if (version.status != VersionStatus.PUBLISHED) {
            throw new ProblemException(VERSION_STATE, "Only a published version can be deprecated; version "
                    + version.number + " is " + version.status);
        }
        version.status = VersionStatus.DEPRECATED;
        version.deprecatedAt = now();
        storage.store(version, withStatus(DocumentJson.fromCanonical(version.document), version));
        return version;
    }

    /** A draft or validated version whose ETag is {@code ifMatch} (428 without, 412 when stale). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReferentialVersion editableVersion(String codeOrRncp, String versionRef, String ifMatch) {
        return editable(codeOrRncp, versionRef, ifMatch);
    }

    /** Stores {@code tree} as the document of an editable version (strictly parsed; back to DRAFT). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReferentialVersion saveDocument(ReferentialVersion version, JsonNode tree) throws JsonProcessingException {
        return save(version, tree);
    }

    ReferentialVersion editable(String codeOrRncp, String versionRef, String ifMatch) {
        ReferentialVersion version = queries.version(codeOrRncp, versionRef, Visibility.ADMIN);
        if (version.status.isPublic()) {
            throw new ProblemException(VERSION_IMMUTABLE, "Version " + version.number + " is " + version.status
                    + " and cannot change; open a draft to supply a new version");
        }
        ETags.requireIfMatch(ifMatch, new EntityTag(version.etag));
        return version;
    }

    /** Parses {@code tree} strictly as this version's document and stores it; the version goes back to DRAFT. */
    ReferentialVersion save(ReferentialVersion version, JsonNode tree) throws JsonProcessingException {
        String code = version.certification.code;
        if (tree.path("certification").path("code").isMissingNode()
                || !code.equals(tree.path("certification").path("code").asText())) {
            throw ProblemException.invalid("certification.code", "must stay " + code);
        }
        VersionDocument parsed = DocumentJson.toDocument(tree, code);
        version.status = VersionStatus.DRAFT;
        version.validatedAt = null;
        storage.store(version, withStatus(parsed, version));
        VersionStorage.syncCertification(version.certification, parsed.certification());
        return version;
    }

    private ReferentialVersion newVersion(Certification certification, int number, VersionDocument document, Instant now) {
        ReferentialVersion version = new ReferentialVersion();
        version.certification = certification;
        version.number = number;
        version.status = VersionStatus.DRAFT;
        version.createdAt = now;
        storage.store(version, document);
        return version;
    }

    private static VersionDocument withStatus(VersionDocument document, ReferentialVersion version) {
        VersionDocument.VersionInfo info = document.version();
        return Documents.withVersion(document, new VersionDocument.VersionInfo(version.number, version.status.name(),
                version.publishedAt, info == null ? null : info.libelle(),
                info == null || info.sources() == null ? List.of() : info.sources()));
    }

    static void requireValid(List<Problem.Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.size() == 1 ? "1 rule is violated"
                    : violations.size() + " rules are violated", violations);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
