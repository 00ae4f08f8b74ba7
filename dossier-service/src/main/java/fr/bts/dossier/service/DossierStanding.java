package fr.bts.dossier.service;

import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import fr.bts.dossier.conformity.ExigencesDossier;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.model.StatutDossier;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Where a professional dossier stands for whoever reads it at {@code now}: its stored status, except that a dossier
 * still in DRAFT once its campaign's deadline has passed is ABSENT, NV when the épreuve's requirements say a missing
 * dossier is (domain-brief R13: SAM E4/E5 {@code consequenceAbsence: "NV"}; GPME E4 has none, its shortfalls are
 * penalties, R14), with the deadline it missed. The one place this rule lives: the registration snapshot and every
 * read of a file or a list use it. Nothing of it is stored, so moving a deadline later brings the DRAFT back.
 *
 * @param deadline the deadline an ABSENT dossier missed; null otherwise
 */
public record DossierStanding(StatutDossier status, boolean nv, Instant deadline) {

    /**
     * @param campaign the campaign of the file's académie, session and certification, or null when none is set
     * @param version  the file's referential version, asked only when the dossier is absent; null when the
     *                 referential does not have it (the absence then counts as NV, as the snapshot always did)
     */
    public static DossierStanding of(DossierProfessionnel dossier, Campaign campaign, Instant now,
                                     Supplier<ReferentialVersion> version) {
        if (dossier.status != StatutDossier.DRAFT || campaign == null || !campaign.isPast(now)) {
            return new DossierStanding(dossier.status, false, null);
        }
        return new DossierStanding(StatutDossier.ABSENT, absenceIsNv(version.get(), dossier.epreuve), campaign.dossierDeadline);
    }

    public boolean absent() {
        return status == StatutDossier.ABSENT;
    }

    private static boolean absenceIsNv(ReferentialVersion version, String epreuve) {
        return version == null || version.epreuve(epreuve).flatMap(ReferentialVersions::exigences)
                .map(ExigencesDossier::absenceIsNv).orElse(true);
    }
}
