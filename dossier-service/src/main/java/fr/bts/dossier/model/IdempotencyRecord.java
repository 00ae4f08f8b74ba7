package fr.bts.dossier.model;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * The first answer given to an {@code Idempotency-Key} of an académie: replayed for the same request, refused
 * (422) for another. Id {@code academie/operation/key}; {@code status} 0 while the first request is running.
 */
@MongoEntity(collection = "idempotency")
public class IdempotencyRecord {
    @BsonId
    public String id;
    public String requestHash;
    public int status;
    public String body;
    /** Id of the created or changed resource, for the {@code Location} of a replayed answer. */
    public String resourceId;
    public String etag;
    public Instant createdAt;
}
