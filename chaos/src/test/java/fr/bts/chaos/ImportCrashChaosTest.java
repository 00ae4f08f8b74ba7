package fr.bts.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static fr.bts.chaos.ChaosStack.Answer;
import static fr.bts.chaos.ChaosStack.postJson;
import static fr.bts.chaos.SamFixture.DOSSIERS;
import static fr.bts.chaos.SamFixture.RECTORAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Import crash of issue 10: dossier-service is killed with {@code kill -9} while it stores a 2,000-row import; after
 * {@code ./suite up} the rectorat resends the same request with the same {@code Idempotency-Key} (waiting as
 * {@code Retry-After} says while the crashed run's lease runs out). The retry must end with exactly the 2,000
 * requested registrations, answer the report an uncrashed run answers (2,000 created), and replay that answer byte
 * for byte. Before the fix 1,000 rows were stored and the key answered 409 for the whole retention. The chaos stack's
 * dossier-service writes an import's files 50 per command, one command at a time ({@code chaos_env} in {@code suite}),
 * so the kill, sent as soon as the first files are visible, lands with most of them still to write.
 */
class ImportCrashChaosTest {

    private static final int ROWS = 2000;
    private static final Duration CONVERGE_WITHIN = Duration.parse(ChaosStack.env("CHAOS_IMPORT_CONVERGE", "PT3M"));

    @Test
    void aCrashedImportConvergesWithTheSameKey() throws Exception {
        Figures figures = new Figures("import-crash");
        SamFixture sam = new SamFixture();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            rows.add(sam.registration(i, null));
        }
        String key = sam.run + "-import";
        CompletableFuture<Answer> crashed = CompletableFuture.supplyAsync(() -> postJson(RECTORAT, DOSSIERS + "/imports",
                Map.of("Idempotency-Key", key), rows));
        Instant deadline = Instant.now().plusSeconds(120);
        while (sam.registered() == 0 && !crashed.isDone() && Instant.now().isBefore(deadline)) {
            ChaosStack.pause(Duration.ofMillis(50));
        }
        assertFalse(crashed.isDone(), () -> "the import ended before the kill: " + crashed.join().status());
        Instant killedAt = ChaosStack.kill9("dossier");
        Answer first = crashed.join();

        ChaosStack.up();
        Instant restarted = Instant.now();
        long storedAtKill = sam.registered();   // what the crashed run left
        figures.put("rowsLeftByTheCrash", storedAtKill).put("answerOfTheCrashedRequest", first.status());
        Instant until = restarted.plus(CONVERGE_WITHIN);
        Answer retry;
        int retries = 0;
        while (true) {
            retry = postJson(RECTORAT, DOSSIERS + "/imports", Map.of("Idempotency-Key", key), rows);
            retries++;
            figures.status(retry.status());
            if (retry.status() == 200 || Instant.now().isAfter(until)) {
                break;
            }
            String after = retry.header("Retry-After");
            ChaosStack.pause(Duration.ofSeconds(after != null && after.matches("\\d+") ? Math.min(Long.parseLong(after), 10) : 1));
        }
        Instant converged = Instant.now();
        long stored = sam.registered();
        int duplicates = sam.duplicatedCandidateNumbers();
        JsonNode report = retry.status() == 200 ? retry.json() : null;
        Answer replay = postJson(RECTORAT, DOSSIERS + "/imports", Map.of("Idempotency-Key", key), rows);
        figures.put("retries", retries).put("finalStatus", retry.status()).put("registered", stored).put("duplicates", duplicates)
                .put("reportCreated", report == null ? "-" : report.path("created").asText())
                .put("reportTotal", report == null ? "-" : report.path("total").asText())
                .put("replayIdentical", retry.status() == 200 && Arrays.equals(retry.body(), replay.body()))
                .put("killToConvergedMs", Duration.between(killedAt, converged).toMillis()).report();

        assertEquals(200, retry.status(), () -> "the same-key retry converged within " + CONVERGE_WITHIN + ": " + figures.statuses());
        assertTrue(first.status() != 200, "the crashed request was not acknowledged (the kill came before its answer)");
        assertEquals(ROWS, stored, "exactly the requested registrations");
        assertEquals(0, duplicates, "no registration twice");
        assertEquals(ROWS, report.path("total").asInt());
        assertEquals(ROWS, report.path("created").asInt(), "the report an uncrashed run answers");
        assertEquals(0, report.path("rejected").asInt());
        assertEquals(200, replay.status());
        assertArrayEquals(retry.body(), replay.body(), "the replay is the converged answer, byte for byte");
    }
}
