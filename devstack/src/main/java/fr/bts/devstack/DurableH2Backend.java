package fr.bts.devstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 file backend of the MongoDB wire server, made to keep the suite's promise "a 2xx is durable": a command
 * that changed the store is committed to the file and forced to the disk before its answer is sent.
 *
 * <p>mongo-java-server answers a command when {@code handleCommand} returns (its {@code MongoDatabaseHandler} writes
 * the reply after the backend call, and every OP_MSG and {@code $cmd} query goes through this method). The plain
 * {@link H2Backend} leaves its MVStore on H2's auto-commit timer (one second by default), so a {@code kill -9}
 * within that second lost acknowledged inserts (issue 10). Here H2's auto-commit is off, and after each command the
 * MVStore is committed (a synchronous write of the new chunk) then {@link MVStore#sync() synced}
 * ({@code FileChannel.force}) before returning. If either fails the exception becomes an error answer, so the
 * write is never acknowledged.
 *
 * <p>All stores of the MVStore happen under {@link #disk}: with auto-commit off nothing else stores, so a thread
 * that finds no unsaved change under that lock knows that the thread which stored its change has also synced it.
 */
public class DurableH2Backend extends H2Backend {

    private final MVStore store;
    private final Object disk = new Object();

    public DurableH2Backend(String fileName) {
        this(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
    }

    private DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
        commitToDisk();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            commitToDisk();
        }
    }

    @Override
    public void dropDatabase(String databaseName) {
        super.dropDatabase(databaseName);
        commitToDisk();
    }

    private void commitToDisk() {
        synchronized (disk) {
            if (store.hasUnsavedChanges()) {
                store.commit();
                store.sync();
            }
        }
    }
}
