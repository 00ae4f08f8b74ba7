package fr.bts.dossier.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import fr.bts.commons.http.PageRequest;
import fr.bts.dossier.model.DossierCandidat;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dossiers in MongoDB. Every query is scoped by académie; updates replace the whole document only if its
 * {@code version} is still the one read (optimistic concurrency on a single document).
 */
@ApplicationScoped
public class DossierRepository implements PanacheMongoRepositoryBase<DossierCandidat, String> {

    void indexes(@Observes StartupEvent start) {
        mongoCollection().createIndex(Indexes.ascending("academie", "session", "candidateNumber"),
                new IndexOptions().unique(true).name("candidate_number_per_academie_session"));
        mongoCollection().createIndex(Indexes.ascending("academie", "session", "certification"),
                new IndexOptions().name("academie_session_certification"));
        mongoCollection().createIndex(Indexes.ascending("academie", "account"), new IndexOptions().name("academie_account"));
    }

    public Optional<DossierCandidat> findInAcademie(String id, String academie) {
        return Optional.ofNullable(mongoCollection().find(Filters.and(Filters.eq("_id", id), Filters.eq("academie", academie))).first());
    }

    /**
     * Replaces the document if nobody changed it since {@code expectedVersion}; its version is then one more. A write
     * that is no idempotent submit: it clears {@link DossierCandidat#versionRun}.
     */
    public boolean replaceIfVersion(DossierCandidat dossier, long expectedVersion) {
        return replaceIfVersion(dossier, expectedVersion, null);
    }

    /**
     * The same, recording {@code run} as the run that wrote the new version ({@link DossierCandidat#versionRun}, null
     * for none). Every replace of a dossier comes here, so the marker of a submit never outlives the next write.
     */
    public boolean replaceIfVersion(DossierCandidat dossier, long expectedVersion, String run) {
        String previousRun = dossier.versionRun;
        dossier.version = expectedVersion + 1;
        dossier.versionRun = run;
        long matched = mongoCollection().replaceOne(
                Filters.and(Filters.eq("_id", dossier.id), Filters.eq("version", expectedVersion)), dossier).getMatchedCount();
        if (matched == 0) {
            dossier.version = expectedVersion;
            dossier.versionRun = previousRun;
        }
        return matched == 1;
    }

    public record Criteria(String academie, String account, String session, String certification, String status,
                           String candidateNumber) {
    }

    public List<DossierCandidat> search(Criteria criteria, PageRequest page) {
        List<DossierCandidat> out = new ArrayList<>();
        mongoCollection().find(filter(criteria)).sort(Sorts.ascending("session", "candidateNumber", "_id"))
                .skip(page.offset()).limit(page.size()).into(out);
        return out;
    }

    public long count(Criteria criteria) {
        return mongoCollection().countDocuments(filter(criteria));
    }

    /** Every dossier matching, in candidate-number order, read as a cursor (exports, snapshots). */
    public MongoCursor<DossierCandidat> stream(Criteria criteria) {
        return mongoCollection().find(filter(criteria)).sort(Sorts.ascending("candidateNumber")).batchSize(500).iterator();
    }

    /**
     * The candidate numbers an académie's session holds, each with its file's id: read projected, so that a bulk
     * import never asks the server to match thousands of values per document.
     */
    public Map<String, String> candidateNumbers(String academie, String session) {
        Map<String, String> ids = new HashMap<>();
        mongoCollection().withDocumentClass(Document.class)
                .find(Filters.and(Filters.eq("academie", academie), Filters.eq("session", session)))
                .projection(Projections.include("candidateNumber"))
                .forEach(d -> ids.put(d.getString("candidateNumber"), d.getString("_id")));
        return ids;
    }

    /**
     * The dossiers of an académie having these ids (as {@link #candidateNumbers} answered them), by candidate number.
     * The query names {@code _id} alone (a server without compound-query planning then still reads by the primary
     * index); the académie is checked on what it answers.
     */
    public Map<String, DossierCandidat> filesByNumber(String academie, Collection<String> ids) {
        List<String> wanted = List.copyOf(ids);
        Map<String, DossierCandidat> out = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += 1000) {
            mongoCollection().find(Filters.in("_id", wanted.subList(from, Math.min(wanted.size(), from + 1000))))
                    .forEach(d -> {
                        if (academie.equals(d.academie)) {
                            out.put(d.candidateNumber, d);
                        }
                    });
        }
        return out;
    }

    /** Inserts all, unordered; answers the indexes in {@code dossiers} that were refused as duplicates. */
    public Set<Integer> insertAll(List<DossierCandidat> dossiers) {
        if (dossiers.isEmpty()) {
            return Set.of();
        }
        try {
            mongoCollection().insertMany(dossiers, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            Set<Integer> refused = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                refused.add(error.getIndex());
            }
            return refused;
        }
    }

    /** Replaces each document at its expected version; answers the indexes that had changed meanwhile. */
    public Set<Integer> replaceAllIfVersion(List<DossierCandidat> dossiers, List<Long> expectedVersions) {
        Set<Integer> refused = new HashSet<>();
        for (int i = 0; i < dossiers.size(); i++) {
            if (!replaceIfVersion(dossiers.get(i), expectedVersions.get(i))) {
                refused.add(i);
            }
        }
        return refused;
    }

    private static Bson filter(Criteria c) {
        List<Bson> parts = new ArrayList<>();
        parts.add(Filters.eq("academie", c.academie()));
        if (c.account() != null) {
            parts.add(Filters.eq("account", c.account()));
        }
        if (c.session() != null) {
            parts.add(Filters.eq("session", c.session()));
        }
        if (c.certification() != null) {
            parts.add(Filters.eq("certification", c.certification()));
        }
        if (c.status() != null) {
            parts.add(Filters.eq("status", c.status()));
        }
        if (c.candidateNumber() != null) {
            parts.add(Filters.eq("candidateNumber", c.candidateNumber()));
        }
        return Filters.and(parts);
    }
}
