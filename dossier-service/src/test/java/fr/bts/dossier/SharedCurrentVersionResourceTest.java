package fr.bts.dossier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import fr.bts.devstack.MongoTestResource;
import fr.bts.dossier.client.KnownReferentialVersions;
import fr.bts.dossier.client.ReferentialVersions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The number behind {@code current} is one for every instance (issue 14): a publication that one instance read from
 * the referential is what this instance answers at once, before its own TTL ran out, and a read begun before the
 * publication never puts the older number back, also when the two writes race. Uses certifications of its own
 * (BTS-SCALE…, copies of the SAM fixture) so that no other test's pointer moves.
 */
@QuarkusTest
class SharedCurrentVersionResourceTest {

    private static final String VERSIONS = "/api/referential/v1/certifications/";

    @Inject
    ReferentialVersions versions;

    @Inject
    KnownReferentialVersions known;

    private static void publish(String code, int number, boolean current) throws IOException {
        String body;
        try (InputStream in = SharedCurrentVersionResourceTest.class.getResourceAsStream("/referential/BTS-SAM-1.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"BTS-SAM\"", "\"" + code + "\"").replaceFirst("\"number\": 1,", "\"number\": " + number + ",");
        }
        ReferentialWireMock.server().stubFor(get(urlEqualTo(VERSIONS + code + "/versions/" + number)).atPriority(1).willReturn(okJson(body)));
        if (current) {
            ReferentialWireMock.server().stubFor(get(urlEqualTo(VERSIONS + code + "/versions/current")).atPriority(1).willReturn(okJson(body)));
        }
    }

    private static Document pointer(String code) {
        try (MongoClient mongo = MongoClients.create(MongoTestResource.connectionString())) {
            MongoCollection<Document> kept = mongo.getDatabase("dossiers").getCollection("referential_versions");
            return kept.find(new Document("_id", code + "/current")).first();
        }
    }

    @Test
    void aPublicationReadByAnotherInstanceIsCurrentHereAtOnce() throws IOException {
        publish("BTS-SCALE", 1, true);
        assertEquals(1, versions.get("BTS-SCALE", null).orElseThrow().number());
        assertEquals(1, pointer("BTS-SCALE").getInteger("number"));

        // version 2 is published; another instance reads it (its read is what it records in the shared pointer)
        publish("BTS-SCALE", 2, true);
        assertTrue(known.keepCurrent("BTS-SCALE", 2, Instant.now()));
        assertEquals(2, versions.get("BTS-SCALE", null).orElseThrow().number(),
                "this instance follows the other one's read, within its own TTL");
        int asked = ReferentialWireMock.requests(VERSIONS + "BTS-SCALE/versions/current");
        assertEquals(2, versions.get("BTS-SCALE", null).orElseThrow().number());
        assertEquals(asked, ReferentialWireMock.requests(VERSIONS + "BTS-SCALE/versions/current"), "a fresh pointer is answered as it is");
    }

    @Test
    void aReadBegunBeforeAPublicationNeverPutsTheOlderNumberBack() {
        Instant beforePublication = Instant.now();
        Instant afterPublication = beforePublication.plusMillis(50);
        assertTrue(known.keepCurrent("BTS-SCALE-ORDER", 2, afterPublication));
        assertFalse(known.keepCurrent("BTS-SCALE-ORDER", 1, beforePublication), "the slower, older read ends last and loses");
        assertEquals(2, pointer("BTS-SCALE-ORDER").getInteger("number"));
        assertTrue(known.keepCurrent("BTS-SCALE-ORDER", 3, afterPublication.plusMillis(50)));
        assertEquals(3, pointer("BTS-SCALE-ORDER").getInteger("number"));
    }

    @Test
    void instancesRacingToRecordTheirReadsEndOnTheLatestRead() throws Exception {
        Instant base = Instant.now();
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> writes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int number = i + 1;
                writes.add(pool.submit(() -> {
                    start.await();
                    // read number n began at base + n ms: the latest read is the highest number
                    return known.keepCurrent("BTS-SCALE-RACE", number, base.plusMillis(number));
                }));
            }
            start.countDown();
            for (Future<Boolean> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers, pointer("BTS-SCALE-RACE").getInteger("number"));
    }
}
