package fr.bts.dossier.model;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * The dossier campaign of one académie, session and certification, set by the rectorat: after
 * {@link #dossierDeadline} candidates can no longer edit or submit, and a dossier still in draft counts as absent.
 * Its id is {@code academie/session/certification}.
 */
@MongoEntity(collection = "campaigns")
public class Campaign {
    @BsonId
    public String id;
    public String academie;
    public String session;
    public String certification;
    public Instant dossierDeadline;
    public String setBy;
    public Instant updatedAt;

    public static String idOf(String academie, String session, String certification) {
        return academie + "/" + session + "/" + certification;
    }

    public boolean isPast(Instant now) {
        return dossierDeadline != null && now.isAfter(dossierDeadline);
    }
}
