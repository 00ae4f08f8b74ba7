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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of bench/dossier-import: reads back the documents the API stored for a session and inserts the
 * same documents with the official driver's insertMany into fresh collections of the same wire server — once
 * into a bare collection, once into a collection with the service's unique index — after a warm-up.
 * Each line also gives the CPU time the wire server (process {@code <wire-server-pid>}) spent on the insert, which
 * does not depend on who else shares the machine, and its split by thread kind (workers, JIT compilers, GC).
 * Usage: java -cp <driver jars> InsertManyBaseline.java <mongodb-uri> <session> <warmup-session> <wire-server-pid>
 */
public class InsertManyBaseline {

    /** User + system CPU seconds of a process, from /proc/<pid>/stat. */
    static double cpuSeconds(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** CPU seconds of a process's live threads by kind: its workers (mongo-server-*), the JIT compilers, the GC. */
    static double[] cpuByKind(String pid) {
        double[] kinds = new double[3];
        try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;   // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                int kind = name.startsWith("mongo-server") ? 0 : name.contains("Compiler") ? 1
                        : name.startsWith("GC ") || name.startsWith("G1 ") ? 2 : -1;
                if (kind >= 0) {
                    kinds[kind] += cpu;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of process " + pid, e);
        }
        return kinds;
    }

    static String split(double[] before, double[] after) {
        return String.format(" (workers %.2f jit %.2f gc %.2f)", after[0] - before[0], after[1] - before[1], after[2] - before[2]);
    }

    public static void main(String[] args) {
        String pid = args[3];
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoDatabase db = client.getDatabase("dossiers");
            List<Document> docs = db.getCollection("dossiers").find(Filters.eq("session", args[1])).into(new ArrayList<>());
            List<Document> warm = db.getCollection("dossiers").find(Filters.eq("session", args[2])).into(new ArrayList<>());
            db.getCollection("bench_warmup").insertMany(warm);

            MongoCollection<Document> bare = db.getCollection("bench_insertmany_bare");
            bare.drop();
            double c0 = cpuSeconds(pid);
            double[] k0 = cpuByKind(pid);
            long t0 = System.nanoTime();
            bare.insertMany(docs);
            double bareSeconds = (System.nanoTime() - t0) / 1e9;
            double bareCpu = cpuSeconds(pid) - c0;
            String bareSplit = split(k0, cpuByKind(pid));

            MongoCollection<Document> indexed = db.getCollection("bench_insertmany_indexed");
            indexed.drop();
            indexed.createIndex(Indexes.ascending("academie", "session", "candidateNumber"), new IndexOptions().unique(true));
            double c1 = cpuSeconds(pid);
            double[] k1 = cpuByKind(pid);
            long t1 = System.nanoTime();
            indexed.insertMany(docs);
            double indexedSeconds = (System.nanoTime() - t1) / 1e9;
            double indexedCpu = cpuSeconds(pid) - c1;
            String indexedSplit = split(k1, cpuByKind(pid));

            MongoCollection<Document> asService = db.getCollection("bench_insertmany_as_service")
                    .withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(true));
            asService.drop();
            asService.createIndex(Indexes.ascending("academie", "session", "candidateNumber"), new IndexOptions().unique(true));
            double c2 = cpuSeconds(pid);
            double[] k2 = cpuByKind(pid);
            long t2 = System.nanoTime();
            asService.insertMany(docs, new InsertManyOptions().ordered(false));
            double asServiceSeconds = (System.nanoTime() - t2) / 1e9;
            double asServiceCpu = cpuSeconds(pid) - c2;
            String asServiceSplit = split(k2, cpuByKind(pid));

            System.out.printf("insertmany_docs %d%n", docs.size());
            System.out.printf("insertmany_as_service_seconds %.3f wire_server_cpu %.2f%s%n", asServiceSeconds, asServiceCpu, asServiceSplit);
            System.out.printf("insertmany_bare_seconds %.3f wire_server_cpu %.2f%s%n", bareSeconds, bareCpu, bareSplit);
            System.out.printf("insertmany_indexed_seconds %.3f wire_server_cpu %.2f%s%n", indexedSeconds, indexedCpu, indexedSplit);
        }
    }
}
