package fr.bts.referential.api;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read models answered by the public API (besides the version document itself, served as canonical bytes). */
public final class Views {

    private Views() {
    }

    public record CertificationSummary(UUID id, String code, String rncp, String intitule, String niveau, String etat,
                                       Integer currentVersion) {
    }

    public record VersionSummary(int number, String status, String libelle, Instant createdAt, Instant validatedAt,
                                 Instant publishedAt, Instant deprecatedAt, String etag, String sha256) {

        public static VersionSummary of(fr.bts.referential.model.ReferentialVersion v) {
            return new VersionSummary(v.number, v.status.name(), v.libelle, v.createdAt, v.validatedAt, v.publishedAt,
                    v.deprecatedAt, v.etag, v.sha256);
        }
    }

    public record CertificationDetail(UUID id, String code, String rncp, String intitule, String niveau, String etat,
                                      Integer currentVersion, List<VersionSummary> versions) {
    }

    public record Item(UUID id, String kind, String code, UUID parentId, int ordre, String certification,
                       int version, String versionStatus,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                               description = "The element as it is in the version document (an épreuve, a bloc, a task…)") @JsonRawValue String element) {
    }

    public record SearchHit(UUID id, String kind, String code, String libelle, String certification, int version,
                            UUID parentId, int rank) {
    }

    /**
     * A file derived from a version (e.g. the Moodle CSV), with what its download and caching headers need: the
     * version's status and when its document last changed.
     */
    public record Export(String certification, int version, fr.bts.referential.model.VersionStatus status,
                         Instant lastChange, byte[] body) {
    }

    /**
     * What a version leaves null ({@code missing}), the conflicts between sources it records (their fields stay null
     * until settled), and where every rule value it gives comes from ({@code provenances}; {@code sansProvenance}
     * counts the ones nothing covers, which a valid version never has).
     */
    public record Completeness(String certification, int version, int missingCount,
                               List<fr.bts.referential.document.MissingFacts.Missing> missing,
                               List<fr.bts.referential.document.VersionDocument.Conflit> conflits,
                               int sansProvenance,
                               List<Provenance> provenances) {
    }

    /** One rule value and its provenance, as completeness lists them. */
    public record Provenance(String path, String kind, String code, String field, com.fasterxml.jackson.databind.JsonNode value,
                             String nature, String source, String section, String citation, String texte,
                             String note) {
    }

    public record Diff(String certification, int from, int to,
                       List<fr.bts.referential.document.DocumentDiff.Ref> added,
                       List<fr.bts.referential.document.DocumentDiff.Ref> removed,
                       List<fr.bts.referential.document.DocumentDiff.Changed> changed) {
    }
}
