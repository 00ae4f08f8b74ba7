package fr.bts.evaluation.repository;

import fr.bts.evaluation.model.JuryMember;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The jury of a session. */
@ApplicationScoped
public class JuryMemberRepository implements PanacheRepositoryBase<JuryMember, UUID> {

    /** The jury, president first, then by name. */
    public List<JuryMember> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by president desc, name", sessionId);
    }

    public boolean isPresident(UUID sessionId, String account) {
        return count("sessionId = ?1 and account = ?2 and president = true", sessionId, account) > 0;
    }

    /** Removes the session's jury and flushes, so that a new jury can be inserted in the same transaction. */
    public void replaceable(UUID sessionId) {
        delete("sessionId", sessionId);
        getEntityManager().flush();
    }
}
