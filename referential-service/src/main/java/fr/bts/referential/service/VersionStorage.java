package fr.bts.referential.service;

import fr.bts.commons.http.ETags;
import fr.bts.referential.document.DocumentElements;
import fr.bts.referential.document.DocumentJson;
import fr.bts.referential.document.FlatElement;
import fr.bts.referential.document.TextNormalizer;
import fr.bts.referential.document.VersionDocument;
import fr.bts.referential.model.Certification;
import fr.bts.referential.model.ReferentialElement;
import fr.bts.referential.model.ReferentialVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes a version document into its version row: canonical bytes, hash, strong ETag, and the flattened
 * element rows rebuilt from it. Also keeps the certification row in step with the document's identity. Every
 * store moves the shared generation ({@link VersionWrites}) on in its transaction, which retires what the read caches
 * of every instance hold once it commits.
 */
@ApplicationScoped
public class VersionStorage {

    @Inject
    VersionWrites writes;

    @Transactional(Transactional.TxType.MANDATORY)
    public void store(ReferentialVersion version, VersionDocument document) {
        writes.written();
        byte[] canonical = DocumentJson.canonicalBytes(document);
        version.document = new String(canonical, StandardCharsets.UTF_8);
        version.sha256 = ETags.sha256Hex(canonical);
        version.etag = ETags.ofBytes(canonical).getValue();
        version.libelle = document.version() == null ? null : document.version().libelle();
        version.updatedAt = Instant.now();
        if (version.id == null) {
            version.persist();
        }
        ReferentialElement.deleteOfVersion(version);
        for (FlatElement element : DocumentElements.flatten(document)) {
            ReferentialElement row = new ReferentialElement();
            row.version = version;
            row.elementId = element.id();
            row.kind = element.kind().key();
            row.code = element.code();
            row.parentId = element.parentId();
            row.ordre = element.ordre();
            row.libelle = element.libelle();
            row.searchText = element.searchText();
            row.payload = element.payload().toString();
            row.persist();
        }
    }

    /** Copies the identity of the document onto the certification row (code never changes). */
    public static void syncCertification(Certification certification, VersionDocument.CertificationInfo info) {
        certification.rncp = info.rncp() == null ? null : info.rncp().toUpperCase(Locale.ROOT);
        certification.intitule = info.intitule();
        certification.niveau = info.niveau();
        certification.etat = info.etat();
        certification.searchText = TextNormalizer.normalize(String.join(" | ", certification.code,
                info.rncp() == null ? "" : info.rncp(), info.intitule() == null ? "" : info.intitule()));
    }

    public static Representation representation(ReferentialVersion version) {
        return new Representation(version.certification.code, version.number, version.status,
                version.document.getBytes(StandardCharsets.UTF_8), new jakarta.ws.rs.core.EntityTag(version.etag),
                lastChange(version));
    }

    /** When the document of a version last changed: its deprecation, its publication, or its last edit. */
    public static Instant lastChange(ReferentialVersion version) {
        return version.deprecatedAt != null ? version.deprecatedAt
                : version.publishedAt != null ? version.publishedAt : version.updatedAt;
    }
}
