package fr.bts.dossier.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.bts.dossier.model.IdempotencyRecord;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** First answers given to idempotency keys. */
@ApplicationScoped
public class IdempotencyRepository implements PanacheMongoRepositoryBase<IdempotencyRecord, String> {

    /** Claims the key for a request; empty when claimed, else the record already there. */
    public Optional<IdempotencyRecord> claim(String id, String requestHash) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.id = id;
        record.requestHash = requestHash;
        record.createdAt = Instant.now();
        try {
            persist(record);
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return findByIdOptional(id);
            }
            throw e;
        }
    }

    public void complete(String id, int status, String body, String resourceId, String etag) {
        mongoCollection().updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", status), Updates.set("body", body),
                Updates.set("resourceId", resourceId), Updates.set("etag", etag)));
    }

    public void release(String id) {
        deleteById(id);
    }
}
