package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.Commission;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The commissions of a session. */
@ApplicationScoped
public class CommissionRepository implements PanacheRepositoryBase<Commission, UUID> {

    /** The session's commissions by code. */
    public List<Commission> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by code", sessionId);
    }

    public Optional<Commission> byCode(UUID sessionId, String code) {
        return find("sessionId = ?1 and code = ?2", sessionId, code).firstResultOptional();
    }
}
