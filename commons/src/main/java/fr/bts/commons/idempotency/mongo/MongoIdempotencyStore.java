package fr.bts.commons.idempotency.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import fr.bts.commons.idempotency.IdempotencyScope;
import fr.bts.commons.idempotency.IdempotencyStore;
import fr.bts.commons.idempotency.Reply;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Idempotency records in a MongoDB collection, one document per scope ({@code _id} = {@link IdempotencyScope#id()}).
 * Atomicity comes from single documents: the claim is an insert on the unique {@code _id}, and a takeover or an
 * expiry a conditional update of that one document, so two instances never both claim a key. Fields:
 * {@code fingerprint}, {@code runId}, {@code createdAt}; while in progress {@code owner} and {@code leaseUntil};
 * once answered {@code status}, {@code headers}, {@code body}. A record without {@code createdAt} cannot be dated
 * and counts as expired.
 */
public class MongoIdempotencyStore implements IdempotencyStore {

    private final MongoCollection<Document> records;

    public MongoIdempotencyStore(MongoCollection<Document> records) {
        this.records = records;
    }

    /** The index the purge reads by (idempotent: the same index is created once). */
    public void createIndexes() {
        records.createIndex(Indexes.ascending("createdAt"), new IndexOptions().name("created_at"));
    }

    @Override
    public Claim claim(IdempotencyScope scope, String fingerprint, String owner, String newRunId, Instant now, Instant leaseUntil,
                       Instant expiredBefore) {
        String id = scope.id();
        try {
            records.insertOne(new Document("_id", id).append("academie", scope.academie()).append("subject", scope.subject())
                    .append("key", scope.key()).append("fingerprint", fingerprint).append("runId", newRunId)
                    .append("owner", owner).append("leaseUntil", Date.from(leaseUntil)).append("createdAt", Date.from(now)));
            return new Claim.Claimed(newRunId, false);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // an expired record (not one still running under a live lease): the key is new again
        long renewed = records.updateOne(Filters.and(Filters.eq("_id", id), expired(expiredBefore), notLive(now)),
                Updates.combine(Updates.set("fingerprint", fingerprint), Updates.set("runId", newRunId), Updates.set("owner", owner),
                        Updates.set("leaseUntil", Date.from(leaseUntil)), Updates.set("createdAt", Date.from(now)),
                        Updates.unset("status"), Updates.unset("headers"), Updates.unset("body"))).getModifiedCount();
        if (renewed == 1) {
            return new Claim.Claimed(newRunId, false);
        }
        // the same request left in progress by a worker whose lease ran out: take its run over
        Document dead = records.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("status", null),
                        Filters.eq("fingerprint", fingerprint), Filters.lt("leaseUntil", Date.from(now))),
                Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", Date.from(leaseUntil))));
        if (dead != null) {
            return new Claim.Claimed(dead.getString("runId"), true);
        }
        Document held = records.find(Filters.eq("_id", id)).first();
        return new Claim.Taken(held == null ? null : record(held));
    }

    @Override
    public boolean renew(IdempotencyScope scope, String owner, Instant leaseUntil) {
        return records.updateOne(Filters.and(Filters.eq("_id", scope.id()), Filters.eq("owner", owner), Filters.eq("status", null)),
                Updates.set("leaseUntil", Date.from(leaseUntil))).getMatchedCount() == 1;
    }

    @Override
    public boolean complete(IdempotencyScope scope, String owner, Reply reply) {
        return records.updateOne(Filters.and(Filters.eq("_id", scope.id()), Filters.eq("owner", owner), Filters.eq("status", null)),
                Updates.combine(Updates.set("status", reply.status()), Updates.set("headers", reply.headerLines()),
                        Updates.set("body", reply.body()), Updates.unset("owner"), Updates.unset("leaseUntil"))).getMatchedCount() == 1;
    }

    @Override
    public void release(IdempotencyScope scope, String owner) {
        records.deleteOne(Filters.and(Filters.eq("_id", scope.id()), Filters.eq("owner", owner), Filters.eq("status", null)));
    }

    @Override
    public long purge(Instant createdBefore, Instant now, int limit) {
        Bson purgeable = Filters.and(expired(createdBefore), notLive(now));
        List<Object> ids = records.find(purgeable).projection(Projections.include("_id")).limit(limit)
                .map(d -> d.get("_id")).into(new ArrayList<>());
        if (ids.isEmpty()) {
            return 0;
        }
        // the condition again, at the delete: a claim may have taken one of them over since it was read
        return records.deleteMany(Filters.and(Filters.in("_id", ids), purgeable)).getDeletedCount();
    }

    private static Bson expired(Instant expiredBefore) {
        return Filters.or(Filters.lt("createdAt", Date.from(expiredBefore)), Filters.eq("createdAt", null));
    }

    /** Answered, or in progress under a lease that ran out. */
    private static Bson notLive(Instant now) {
        return Filters.or(Filters.ne("status", null), Filters.eq("leaseUntil", null), Filters.lt("leaseUntil", Date.from(now)));
    }

    private static Record record(Document d) {
        Number status = d.get("status", Number.class);
        Date leaseUntil = d.getDate("leaseUntil");
        return new Record(d.getString("fingerprint"),
                status == null ? null : Reply.stored(status.intValue(), d.getString("headers"), d.getString("body")),
                leaseUntil == null ? null : leaseUntil.toInstant());
    }
}
