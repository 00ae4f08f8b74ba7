package fr.bts.dossier.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import fr.bts.dossier.model.IdempotencyRecord;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * First answers given to idempotency keys. A record created before the cutoff the caller passes is expired: it is
 * never replayed, a new claim of its key takes it over, and the purge deletes it. A record without
 * {@code createdAt} cannot be dated and counts as expired (the service has always written it, so only a
 * hand-made record lacks it).
 */
@ApplicationScoped
public class IdempotencyRepository implements PanacheMongoRepositoryBase<IdempotencyRecord, String> {

    void indexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending("createdAt"), new IndexOptions().name("created_at"));
    }

    /** Claims the key for a request; empty when claimed, else the live record already there. */
    public Optional<IdempotencyRecord> claim(String id, String requestHash, Instant expiredBefore) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = id;
        record.requestHash = requestHash;
        record.createdAt = Instant.now();
        try {
            persist(record);
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // the key is taken: by an expired record, which this request takes over as if the key were new...
        long takenOver = mongoCollection().updateOne(Filters.and(Filters.eq("_id", id), expired(expiredBefore)),
                Updates.combine(Updates.set("requestHash", requestHash), Updates.set("status", 0), Updates.set("createdAt", record.createdAt),
                        Updates.unset("body"), Updates.unset("resourceId"), Updates.unset("etag"))).getModifiedCount();
        if (takenOver == 1) {
            return Optional.empty();
        }
        // ...or by a live one; if it went away meanwhile (a failed first request, the purge), claim again
        return findByIdOptional(id).or(() -> claim(id, requestHash, expiredBefore));
    }

    public void complete(String id, int status, String body, String resourceId, String etag) {
        mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", status), Updates.set("body", body),
                Updates.set("resourceId", resourceId), Updates.set("etag", etag)));
    }

    public void release(String id) {
        deleteById(id);
    }

    /**
     * Deletes up to {@code limit} records created before {@code expiredBefore} (or undated).
     *
     * @return how many were deleted
     */
    public long deleteExpired(Instant expiredBefore, int limit) {
        List<Object> ids = mongoCollection().find(expired(expiredBefore), Document.class).projection(Projections.include("_id"))
                .limit(limit).map(d -> d.get("_id")).into(new ArrayList<>());
        if (ids.isEmpty()) {
            return 0;
        }
        // expiry checked again: a claim may have taken one of them over since it was read
        return mongoCollection().deleteMany(Filters.and(Filters.in("_id", ids), expired(expiredBefore))).getDeletedCount();
    }

    private static Bson expired(Instant expiredBefore) {
        return Filters.or(Filters.lt("createdAt", expiredBefore), Filters.eq("createdAt", null));
    }
}
