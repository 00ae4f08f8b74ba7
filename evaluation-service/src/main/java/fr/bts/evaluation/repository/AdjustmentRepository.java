package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.Adjustment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** The president's adjustments of a session. */
@ApplicationScoped
public class AdjustmentRepository implements PanacheRepositoryBase<Adjustment, UUID> {

    public Optional<Adjustment> find(UUID sessionId, UUID candidateId, String epreuve) {
        return find("sessionId = ?1 and candidateId = ?2 and epreuve = ?3", sessionId, candidateId, epreuve).firstResultOptional();
    }

    /** Whether an adjustment was there to remove. */
    public boolean remove(UUID sessionId, UUID candidateId, String epreuve) {
        return delete("sessionId = ?1 and candidateId = ?2 and epreuve = ?3", sessionId, candidateId, epreuve) > 0;
    }
}
