package fr.bts.commons.idempotency;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import fr.bts.commons.idempotency.jdbc.JdbcIdempotencyStore;
import fr.bts.commons.idempotency.mongo.MongoIdempotencyStore;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mechanism on each real store, as two instances of a service use it: two store objects over their own
 * connections (a MongoDB wire server over TCP with the official driver; an embedded PostgreSQL with the table of
 * evaluation-service's migrations), each with its own runner and lease threads.
 */
class IdempotencyStoresTest {

    /** A short lease, so that a run lasting longer than one lease proves the renewals. */
    private static final IdempotencySettings SETTINGS = new IdempotencySettings() {
        public Duration retention() { return Duration.ofHours(24); }
        public Duration purgeEvery() { return Duration.ofMinutes(15); }
        public int purgeBatch() { return 3; }
        public Duration lease() { return Duration.ofMillis(600); }
        public Duration renewEvery() { return Duration.ofMillis(100); }
        public Duration retryAfter() { return Duration.ofSeconds(1); }
    };

    private static EmbeddedPostgres postgres;
    private static MongoServer mongo;
    private static final List<MongoClient> clients = new ArrayList<>();
    private static final ScheduledExecutorService renewals = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // the table as evaluation-service's migrations V1–V3 leave it
            s.execute("create table idempotency_record (academie varchar(64) not null, caller varchar(255) not null, "
                    + "idem_key varchar(255) not null, request_hash varchar(64) not null, run_id varchar(36) not null, "
                    + "owner varchar(36), lease_until timestamptz, status integer, headers text, body text, "
                    + "created_at timestamptz not null, primary key (academie, caller, idem_key))");
        }
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.forEach(MongoClient::close);
        mongo.shutdown();
        postgres.close();
        renewals.shutdownNow();
    }

    /** The store of one instance: its own connections to the shared database. */
    private static IdempotencyStore instance(String kind) {
        if (kind.equals("jdbc")) {
            // autocommit connections: every statement is its own transaction, and none rolls back
            return new JdbcIdempotencyStore(postgres.getPostgresDatabase(), new JdbcIdempotencyStore.Transactions() {
                public <T> T separate(java.util.function.Supplier<T> work) {
                    return work.get();
                }

                public void afterRollback(Runnable action) {
                }
            });
        }
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort());
        clients.add(client);
        MongoIdempotencyStore store = new MongoIdempotencyStore(client.getDatabase("test").getCollection("idempotency", Document.class));
        store.createIndexes();
        return store;
    }

    private static Idempotency runner(IdempotencyStore store) {
        return new Idempotency(store, SETTINGS, renewals, Clock.systemUTC());
    }

    private static IdempotencyScope scope(String name) {
        return new IdempotencyScope("versailles", "sub-" + name, name + "-" + UUID.randomUUID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "jdbc"})
    void theSameKeySentToTwoInstancesAtOnceRunsOnceAndEveryCallerEndsWithTheFirstAnswer(String kind) throws Exception {
        Idempotency[] instances = {runner(instance(kind)), runner(instance(kind))};
        IdempotencyScope scope = scope("together");
        int callers = 8;
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch othersToldToWait = new CountDownLatch(callers - 1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Reply>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Idempotency instance = instances[i % 2];
                Callable<Reply> caller = () -> {
                    start.await();
                    boolean toldToWait = false;
                    for (int attempt = 0; attempt < 1000; attempt++) {
                        try {
                            return instance.run(scope, "fingerprint", run -> {
                                runs.incrementAndGet();
                                // runs until every other caller was answered 409, then past its first lease: only the
                                // renewals keep the others from taking it over
                                await(othersToldToWait);
                                Instant end = Instant.now().plus(SETTINGS.lease().multipliedBy(3));
                                while (Instant.now().isBefore(end)) {
                                    pause();
                                }
                                return Reply.json(200, "{\"run\":\"" + run.runId() + "\"}");
                            });
                        } catch (IdempotencyInProgress e) {
                            assertEquals(1, e.retryAfterSeconds());
                            if (!toldToWait) {
                                toldToWait = true;
                                othersToldToWait.countDown();
                            }
                            pause();
                        }
                    }
                    throw new AssertionError("still in progress after 1000 attempts");
                };
                answers.add(pool.submit(caller));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            int firstAnswers = 0;
            for (Future<Reply> answer : answers) {
                Reply reply = answer.get(60, TimeUnit.SECONDS);
                bodies.add(reply.status() + " " + reply.headers() + " " + reply.body());
                firstAnswers += reply.replayed() ? 0 : 1;
            }
            assertEquals(1, runs.get(), "the work ran once");
            assertEquals(1, firstAnswers);
            assertEquals(1, bodies.size(), "every caller has the same answer");
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "jdbc"})
    void aDeadWorkersKeyAnswers409UntilItsLeaseRanOutThenTheSameRequestTakesItsRunOver(String kind) {
        IdempotencyStore store = instance(kind);
        Idempotency other = runner(instance(kind));
        Instant now = Instant.now();
        IdempotencyScope live = scope("live");
        assertEquals(new IdempotencyStore.Claim.Claimed("run-live", false),
                store.claim(live, "fp", "worker-1", "run-live", now, now.plusSeconds(30), now.minus(SETTINGS.retention())));
        assertThrows(IdempotencyInProgress.class, () -> other.run(live, "fp", run -> Reply.json(200, "{}")));
        ProblemException reused = assertThrows(ProblemException.class, () -> other.run(live, "other-fp", run -> Reply.json(200, "{}")));
        assertEquals(ProblemType.IDEMPOTENCY_KEY_REUSED.uri(), reused.problem().type());

        IdempotencyScope dead = scope("dead");
        store.claim(dead, "fp", "worker-1", "run-dead", now, now.minusMillis(1), now.minus(SETTINGS.retention()));
        assertThrows(ProblemException.class, () -> other.run(dead, "other-fp", run -> Reply.json(200, "{}")),
                "another request is still a reuse of the key");
        Reply taken = other.run(dead, "fp", run -> {
            assertEquals("run-dead", run.runId());
            assertTrue(run.takeover());
            return Reply.json(201, "{\"id\":\"" + run.idFor("file") + "\"}").withLocation("/files/" + run.idFor("file"));
        });
        assertFalse(taken.replayed());
        assertFalse(store.complete(dead, "worker-1", Reply.json(200, "{\"late\":true}")), "the dead worker never records its answer");
        assertFalse(store.renew(dead, "worker-1", Instant.now().plusSeconds(30)));
        Reply replay = other.run(dead, "fp", run -> {
            throw new AssertionError("a completed key never runs again");
        });
        assertTrue(replay.replayed());
        assertEquals(taken.headers(), replay.headers());
        assertEquals(taken.body(), replay.body());
        assertEquals(201, replay.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "jdbc"})
    void aFailedRunFreesTheKeyAndAnExpiredAnswerRunsAsANewRequest(String kind) {
        IdempotencyStore store = instance(kind);
        Idempotency idempotency = runner(store);
        IdempotencyScope scope = scope("failed");
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> idempotency.run(scope, "fp", run -> {
            runs.incrementAndGet();
            throw new IllegalStateException("the store refused");
        }));
        Reply second = idempotency.run(scope, "fp", run -> Reply.json(200, "{\"n\":" + runs.incrementAndGet() + "}"));
        assertEquals("{\"n\":2}", second.body());

        IdempotencyScope old = scope("old");
        Instant longAgo = Instant.now().minus(SETTINGS.retention()).minusSeconds(60);
        store.claim(old, "fp", "w", "run-old", longAgo, longAgo.plusSeconds(30), longAgo.minus(SETTINGS.retention()));
        assertTrue(store.complete(old, "w", Reply.json(200, "{\"old\":true}")));
        Reply renewed = idempotency.run(old, "another-fp", run -> {
            assertFalse(run.takeover());
            assertFalse(run.runId().equals("run-old"), "an expired key starts a new run");
            return Reply.json(200, "{\"old\":false}");
        });
        assertEquals("{\"old\":false}", renewed.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mongo", "jdbc"})
    void thePurgeOnTwoInstancesAtOnceDeletesEachExpiredRecordOnceAndKeepsLiveOnes(String kind) throws Exception {
        IdempotencyStore seed = instance(kind);
        Instant longAgo = Instant.now().minus(SETTINGS.retention()).minusSeconds(3600);
        Instant cutoff = Instant.now().minus(SETTINGS.retention());
        String batch = UUID.randomUUID().toString();
        int expired = 10;
        for (int i = 0; i < expired; i++) {
            IdempotencyScope s = new IdempotencyScope("purge-" + batch, "sub", "expired-" + i);
            seed.claim(s, "fp", "w", "r", longAgo, longAgo.plusSeconds(30), longAgo.minus(SETTINGS.retention()));
            assertTrue(seed.complete(s, "w", Reply.json(200, "{}")));
        }
        IdempotencyScope running = new IdempotencyScope("purge-" + batch, "sub", "running");
        seed.claim(running, "fp", "w", "r", longAgo, Instant.now().plusSeconds(60), longAgo.minus(SETTINGS.retention()));
        IdempotencyScope fresh = new IdempotencyScope("purge-" + batch, "sub", "fresh");
        seed.claim(fresh, "fp", "w", "r", Instant.now(), Instant.now().plusSeconds(60), cutoff);

        Idempotency[] instances = {runner(instance(kind)), runner(instance(kind))};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> a = pool.submit(() -> instances[0].purgeOlderThan(cutoff));
            Future<Long> b = pool.submit(() -> instances[1].purgeOlderThan(cutoff));
            long deleted = a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS);
            assertTrue(deleted >= expired, "at least the expired records of this test: " + deleted);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < expired; i++) {
            IdempotencyScope s = new IdempotencyScope("purge-" + batch, "sub", "expired-" + i);
            // a record still there would hold the key against a claim that does not consider it expired
            assertInstanceOf(IdempotencyStore.Claim.Claimed.class, seed.claim(s, "other", "w2", "r2", Instant.now(),
                    Instant.now().plusSeconds(30), longAgo.minus(Duration.ofDays(1))), "purged: the key is free");
        }
        IdempotencyStore.Claim stillRunning = seed.claim(running, "fp", "w3", "r3", Instant.now(), Instant.now().plusSeconds(30), cutoff);
        assertInstanceOf(IdempotencyStore.Claim.Taken.class, stillRunning);
        assertTrue(((IdempotencyStore.Claim.Taken) stillRunning).record().inProgress(), "a live lease is never purged");
        assertInstanceOf(IdempotencyStore.Claim.Taken.class, seed.claim(fresh, "fp", "w3", "r3", Instant.now(),
                Instant.now().plusSeconds(30), cutoff));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "every other caller is answered 409 meanwhile");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
