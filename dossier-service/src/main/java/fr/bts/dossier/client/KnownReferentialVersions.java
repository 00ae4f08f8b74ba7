package fr.bts.dossier.client;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The last-known referential versions ({@link KnownReferentialVersion}), collection {@code referential_versions},
 * shared by every instance of the service. The {@code CODE/current} pointer is what all instances answer for
 * {@code current} until it is older than the TTL, so that two instances never resolve {@code current} to different
 * versions; it is replaced only by a read of the referential that began later than the one it records.
 */
@ApplicationScoped
public class KnownReferentialVersions implements PanacheMongoRepositoryBase<KnownReferentialVersion, String> {

    /** The number behind {@code current} as an instance last read it, with {@code savedAt} when that read began. */
    public Optional<KnownReferentialVersion> current(String certification) {
        return findByIdOptional(currentId(certification));
    }

    /**
     * Records that the referential answered {@code number} for {@code current} to a read begun at {@code readAt},
     * unless a read begun at that instant or later is recorded already: one conditional upsert, so that instances
     * racing with reads made before and after a publication end on the later read. Returns whether it was recorded.
     */
    public boolean keepCurrent(String certification, int number, Instant readAt) {
        try {
            mongoCollection().updateOne(
                    Filters.and(Filters.eq("_id", currentId(certification)),
                            Filters.or(Filters.exists("savedAt", false), Filters.lt("savedAt", Date.from(readAt)))),
                    Updates.combine(Updates.set("certification", certification), Updates.set("number", number),
                            Updates.set("savedAt", Date.from(readAt)), Updates.unset("document")),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                // the pointer exists and records a later read: it stays
                return false;
            }
            throw e;
        }
    }

    private static String currentId(String certification) {
        return certification + "/current";
    }
}
