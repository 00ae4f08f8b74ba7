package fr.bts.devstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A write the MongoDB wire server acknowledged is in its file (issue 10: with H2's one-second auto-commit, 11 of 42
 * registrations and 12 of 42 attachments were lost by a {@code kill -9} within a second of their answers).
 */
class MongoWireServerDurabilityTest {

    private static final int WRITES = 150;
    private static final String CONNECTION = "mongodb://127.0.0.1:%d/?w=majority&journal=true&wtimeoutMS=5000&serverSelectionTimeoutMS=5000";

    @Test
    void acknowledgedWritesSurviveAKill(@TempDir Path dir) throws Exception {
        String file = dir.resolve("dossiers.mv").toString();
        int port = StoreProcess.freePort();
        List<ObjectId> attachments = new ArrayList<>();
        try (StoreProcess server = StoreProcess.start(MongoWireServerLauncher.class, file, Integer.toString(port));
             MongoClient client = MongoClients.create(CONNECTION.formatted(port))) {
            MongoCollection<Document> files = client.getDatabase("dossiers").getCollection("files");
            GridFSBucket bucket = GridFSBuckets.create(client.getDatabase("dossiers"), "attachments");
            for (int i = 0; i < WRITES; i++) {
                files.insertOne(new Document("_id", i).append("version", 0));
                files.updateOne(Filters.eq("_id", i), Updates.set("version", i + 1));
                if (i % 10 == 0) {
                    attachments.add(bucket.uploadFromStream("piece-" + i + ".pdf", new ByteArrayInputStream(piece(i))));
                }
            }
            server.killHard();
        }
        try (StoreProcess restarted = StoreProcess.start(MongoWireServerLauncher.class, file, Integer.toString(port));
             MongoClient client = MongoClients.create(CONNECTION.formatted(port))) {
            MongoCollection<Document> files = client.getDatabase("dossiers").getCollection("files");
            assertEquals(WRITES, files.countDocuments(), "acknowledged inserts after the crash");
            assertEquals(WRITES, files.countDocuments(new Document("$expr", new Document("$eq",
                    List.of("$version", new Document("$add", List.of("$_id", 1)))))), "acknowledged updates after the crash");
            GridFSBucket bucket = GridFSBuckets.create(client.getDatabase("dossiers"), "attachments");
            for (int i = 0; i < attachments.size(); i++) {
                assertArrayEquals(piece(i * 10), bucket.openDownloadStream(attachments.get(i)).readAllBytes(),
                        "acknowledged attachment " + i + " after the crash");
            }
        }
    }

    @Test
    void theHealthCheckPingsOverTheWire(@TempDir Path dir) throws Exception {
        int port = StoreProcess.freePort();
        try (StoreProcess server = StoreProcess.start(MongoWireServerLauncher.class, dir.resolve("h.mv").toString(), Integer.toString(port))) {
            DevstackCheck.mongo(port, 2000);
        }
    }

    private static byte[] piece(int i) {
        return ("%PDF-1.4\n% piece " + i + "\n" + "x".repeat(300 * 1024) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }
}
