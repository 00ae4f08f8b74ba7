package fr.bts.dossier.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.model.Campaign;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.repository.CampaignRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** The dossier campaign of an académie, session and certification: its deadline, after which no dossier is edited. */
@ApplicationScoped
public class CampaignService {

    @Inject
    CampaignRepository campaigns;

    @Inject
    DossierAccess access;

    @Inject
    Caller caller;

    public Campaign setCampaign(String session, String certification, Instant deadline) {
        String academie = access.academie();
        Campaign campaign = campaigns.of(academie, session, certification).orElseGet(Campaign::new);
        campaign.id = Campaign.idOf(academie, session, certification);
        campaign.academie = academie;
        campaign.session = session;
        campaign.certification = certification;
        campaign.dossierDeadline = deadline;
        campaign.setBy = caller.username();
        campaign.updatedAt = Instant.now();
        campaigns.persistOrUpdate(campaign);
        return campaign;
    }

    public Campaign campaign(String session, String certification) {
        return campaigns.of(access.academie(), session, certification)
                .orElseThrow(() -> ProblemException.notFound("No campaign for " + session + " " + certification));
    }

    /** 409 dossier-deadline-passed once the deadline of the file's campaign has passed. */
    void requireOpen(DossierCandidat candidat) {
        Campaign campaign = campaigns.of(candidat.academie, candidat.session, candidat.certification).orElse(null);
        if (campaign != null && campaign.isPast(Instant.now())) {
            throw new ProblemException(DossierProblems.DEADLINE_PASSED, "The dossier deadline of session " + candidat.session
                    + " was " + campaign.dossierDeadline);
        }
    }
}
