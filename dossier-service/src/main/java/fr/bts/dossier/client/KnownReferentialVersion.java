package fr.bts.dossier.client;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * A referential version as this service last read it, kept in MongoDB so that a restarted instance can still work
 * while the referential is unreachable (issue 10): {@code id} is {@code CODE/number} with the version document as
 * JSON, or {@code CODE/current} with only the number last known behind {@code current}.
 */
@MongoEntity(collection = "referential_versions")
public class KnownReferentialVersion {

    @BsonId
    public String id;
    public String certification;
    public int number;
    /** The version document (ReferentialVersion as JSON); null for a {@code current} pointer. */
    public String document;
    public Instant savedAt;
}
