package fr.bts.dossier.repository;

import fr.bts.dossier.model.Campaign;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Dossier campaigns, one per académie, session and certification. */
@ApplicationScoped
public class CampaignRepository implements PanacheMongoRepositoryBase<Campaign, String> {

    public Optional<Campaign> of(String academie, String session, String certification) {
        return findByIdOptional(Campaign.idOf(academie, session, certification));
    }
}
