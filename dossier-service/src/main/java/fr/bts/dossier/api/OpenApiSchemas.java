package fr.bts.dossier.api;


import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Schemas of the answers this service writes itself rather than as a Java value: the dossier page (with its Link
 * headers) and the registration snapshot of docs/contracts.md (streamed by {@code SnapshotService}).
 */
public final class OpenApiSchemas {

    private OpenApiSchemas() {
    }

    @Schema(name = "DossierPage", description = "One page of files, with the total count (Link and X-Total-Count headers too)")
    public record DossierPage(int page, int size, long totalItems, int totalPages, List<DossierSummary> items) {
    }

    @Schema(name = "RegistrationSnapshot", description = "Every registration of a session and certification in the caller's académie")
    public record RegistrationSnapshot(String academie, String session, String certification,
                                @Schema(nullable = true) Integer referentialVersion, Instant generatedAt,
                                List<SnapshotCandidate> candidates) {
    }

    @Schema(name = "SnapshotCandidate")
    public record SnapshotCandidate(String registrationId, String candidateNumber, String lastName, String firstName,
                             @Schema(nullable = true) LocalDate birthDate, String account, String status,
                             int referentialVersion, String categorie, String voie, String forme, List<String> unites,
                             List<String> unitesFacultatives,
                             @Schema(description = "unit code → language") Map<String, String> langues,
                             List<SnapshotDispense> dispenses, List<SnapshotBenefice> benefices,
                             List<SnapshotEpreuve> epreuves) {
    }

    @Schema(name = "SnapshotDispense")
    public record SnapshotDispense(String unite, String diplome) {
    }

    @Schema(name = "SnapshotBenefice")
    public record SnapshotBenefice(String unite, String note, String session, @Schema(nullable = true) LocalDate dateObtention) {
    }

    @Schema(name = "SnapshotEpreuve", description = "A professional dossier's status as the jury sees it; nv: not valid (non-conform or absent)")
    public record SnapshotEpreuve(String epreuve, String dossier, boolean nv) {
    }
}
