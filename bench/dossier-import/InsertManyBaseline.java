import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of bench/dossier-import: reads back the documents the API stored for a session and inserts the
 * same documents with the official driver's insertMany into fresh collections of the same wire server — once
 * into a bare collection, once into a collection with the service's unique index — after a warm-up.
 * Usage: java -cp <driver jars> InsertManyBaseline.java <mongodb-uri> <session> <warmup-session>
 */
public class InsertManyBaseline {

    public static void main(String[] args) {
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoDatabase db = client.getDatabase("dossiers");
            List<Document> docs = db.getCollection("dossiers").find(Filters.eq("session", args[1])).into(new ArrayList<>());
            List<Document> warm = db.getCollection("dossiers").find(Filters.eq("session", args[2])).into(new ArrayList<>());
            db.getCollection("bench_warmup").insertMany(warm);

            MongoCollection<Document> bare = db.getCollection("bench_insertmany_bare");
            bare.drop();
            long t0 = System.nanoTime();
            bare.insertMany(docs);
            double bareSeconds = (System.nanoTime() - t0) / 1e9;

            MongoCollection<Document> indexed = db.getCollection("bench_insertmany_indexed");
            indexed.drop();
            indexed.createIndex(Indexes.ascending("academie", "session", "candidateNumber"), new IndexOptions().unique(true));
            long t1 = System.nanoTime();
            indexed.insertMany(docs);
            double indexedSeconds = (System.nanoTime() - t1) / 1e9;

            MongoCollection<Document> asService = db.getCollection("bench_insertmany_as_service")
                    .withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(true));
            asService.drop();
            asService.createIndex(Indexes.ascending("academie", "session", "candidateNumber"), new IndexOptions().unique(true));
            long t2 = System.nanoTime();
            asService.insertMany(docs, new InsertManyOptions().ordered(false));
            double asServiceSeconds = (System.nanoTime() - t2) / 1e9;

            System.out.printf("insertmany_docs %d%n", docs.size());
            System.out.printf("insertmany_as_service_seconds %.3f%n", asServiceSeconds);
            System.out.printf("insertmany_bare_seconds %.3f%n", bareSeconds);
            System.out.printf("insertmany_indexed_seconds %.3f%n", indexedSeconds);
        }
    }
}
