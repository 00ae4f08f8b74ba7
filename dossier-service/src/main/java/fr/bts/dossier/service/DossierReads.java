package fr.bts.dossier.service;

import fr.bts.commons.http.ETags;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.DossierProfessionnel;
import fr.bts.dossier.repository.CampaignRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files as their readers see them: each professional dossier with its {@link DossierStanding} at the time of the
 * read (a DRAFT past its campaign's deadline is ABSENT, with {@code nv} and the missed {@code deadline}), and an
 * ETag that changes whenever that standing does. Campaigns and referential versions are looked up once per
 * {@link Reading}, so that a page of a list costs one lookup per campaign, not per file.
 */
@ApplicationScoped
public class DossierReads {

    @Inject
    CampaignRepository campaigns;

    @Inject
    ReferentialVersions referential;

    /** A reading at this instant. */
    public Reading now() {
        return new Reading(Instant.now());
    }

    /** A file as shown and its ETag. */
    public record Shown(DossierCandidat candidat, EntityTag tag) {
    }

    public final class Reading {

        private final Instant at;
        private final Map<String, Optional<Campaign>> campaignsById = new HashMap<>();
        private final Map<String, Optional<ReferentialVersion>> versions = new HashMap<>();

        private Reading(Instant at) {
            this.at = at;
        }

        public DossierStanding standing(DossierCandidat candidat, DossierProfessionnel dossier) {
            Campaign campaign = campaignsById.computeIfAbsent(Campaign.idOf(candidat.academie, candidat.session, candidat.certification),
                    key -> campaigns.of(candidat.academie, candidat.session, candidat.certification)).orElse(null);
            return DossierStanding.of(dossier, campaign, at, () -> versions.computeIfAbsent(
                    candidat.certification + "/" + candidat.referentialVersion,
                    key -> referential.get(candidat.certification, candidat.referentialVersion)).orElse(null));
        }

        /**
         * Writes the standings into the file's dossiers ({@code status}, {@code nv}, {@code deadline}) for the answer,
         * with the ETag of what is shown. Only on a file about to be answered, never on one about to be stored:
         * ABSENT is not a stored status.
         */
        public Shown show(DossierCandidat candidat) {
            List<DossierStanding> standings = standings(candidat);
            EntityTag tag = tag(candidat, standings);
            for (int i = 0; i < candidat.dossiers.size(); i++) {
                apply(candidat.dossiers.get(i), standings.get(i));
            }
            return new Shown(candidat, tag);
        }

        public DossierProfessionnel show(DossierCandidat candidat, DossierProfessionnel dossier) {
            return apply(dossier, standing(candidat, dossier));
        }

        /**
         * The ETag of the file as shown: {@code "v<version>"} while no dossier reads as ABSENT (what it always was),
         * else that version followed by a digest of the deadline and of the absent dossiers with their NV, so that a
         * passing deadline (or a deadline moved) changes the tag although the stored document did not change.
         * Of a file as stored (before {@link #show(DossierCandidat)}).
         */
        public EntityTag tag(DossierCandidat candidat) {
            return tag(candidat, standings(candidat));
        }

        private List<DossierStanding> standings(DossierCandidat candidat) {
            return candidat.dossiers.stream().map(dossier -> standing(candidat, dossier)).toList();
        }

        private EntityTag tag(DossierCandidat candidat, List<DossierStanding> standings) {
            StringBuilder absences = new StringBuilder();
            for (int i = 0; i < standings.size(); i++) {
                DossierStanding standing = standings.get(i);
                if (standing.absent()) {
                    absences.append(candidat.dossiers.get(i).epreuve).append(standing.nv() ? ":NV:" : ":-:")
                            .append(standing.deadline()).append('|');
                }
            }
            if (absences.isEmpty()) {
                return ETags.ofVersion(candidat.version);
            }
            return new EntityTag("v" + candidat.version + "-" + ETags.sha256Hex(absences.toString()).substring(0, 16));
        }

        private static DossierProfessionnel apply(DossierProfessionnel dossier, DossierStanding standing) {
            dossier.status = standing.status();
            dossier.nv = standing.nv();
            dossier.deadline = standing.deadline();
            return dossier;
        }
    }
}
