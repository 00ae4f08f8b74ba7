import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import fr.bts.devstack.DurableH2Backend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What "acknowledged means durable" costs (README, "Durability"): single-row writes per second on PostgreSQL with
 * {@code synchronous_commit} off and on (fsync on in both), and on the MongoDB wire server with the plain H2 backend
 * (H2's one-second auto-commit) and with {@link DurableH2Backend} (commit and sync before each answer). Each
 * configuration runs twice; the first runs warm the JVM. Run with {@code chaos/cost/run.sh [writes] [clients]}.
 */
public class DurabilityCost {

    private static final int WRITES = Integer.parseInt(System.getProperty("writes", "2000"));
    private static final int CLIENTS = Integer.parseInt(System.getProperty("clients", "1"));

    interface Work {
        void run(int client) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        for (String synchronousCommit : new String[] {"off", "on", "off", "on"}) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("cost-pg"))
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", synchronousCommit).start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t (id int primary key, v text)");
            }
            double rate = perSecond(client -> {
                try (Connection c = pg.getPostgresDatabase().getConnection();
                     PreparedStatement insert = c.prepareStatement("insert into t values (?, ?)")) {
                    for (int k = client; k < WRITES; k += CLIENTS) {
                        insert.setInt(1, k);
                        insert.setString(2, "x");
                        insert.executeUpdate();
                    }
                }
            });
            System.out.printf("postgres synchronous_commit=%s clients=%d: %.0f commits/s%n", synchronousCommit, CLIENTS, rate);
            pg.close();
        }
        for (boolean durable : new boolean[] {false, true, false, true}) {
            String file = Files.createTempDirectory("cost-mongo").resolve("m.mv").toString();
            H2Backend backend = durable ? new DurableH2Backend(file) : new H2Backend(file);
            MongoServer server = new MongoServer(backend);
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                MongoCollection<Document> collection = client.getDatabase("d").getCollection("c");
                collection.insertOne(new Document("_id", -1));
                double rate = perSecond(c -> {
                    for (int k = c; k < WRITES; k += CLIENTS) {
                        collection.insertOne(new Document("_id", k).append("v", "x".repeat(500)));
                    }
                });
                System.out.printf("wire server %s clients=%d: %.0f inserts/s%n",
                        durable ? "DurableH2Backend" : "H2Backend", CLIENTS, rate);
            }
            server.shutdown();
            backend.close();
        }
    }

    private static double perSecond(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            clients.add(pool.submit(() -> {
                work.run(client);
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        return WRITES / ((System.nanoTime() - start) / 1e9);
    }
}
