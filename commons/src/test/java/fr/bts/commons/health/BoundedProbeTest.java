package fr.bts.commons.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedProbeTest {

    private static final Duration BOUND = Duration.ofMillis(200);

    /**
     * Asks {@code probe} from another thread and waits for its outcome at most three times {@code bound}: a probe that
     * waited for the check instead of its bound would never answer here (the check hangs until released), and fails
     * the test by that wait rather than by a measured elapsed time.
     */
    private static BoundedProbe.Outcome askedWithin(BoundedProbe probe, Callable<String> check, Duration bound) throws Exception {
        CompletableFuture<BoundedProbe.Outcome> outcome = CompletableFuture.supplyAsync(() -> probe.check(check, bound));
        try {
            return outcome.get(bound.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the probe did not answer within three times its bound of " + bound.toMillis() + " ms", e);
        }
    }

    @Test
    void aHangingCheckIsDownWithinTheBoundAndIsNotStartedTwice() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (BoundedProbe probe = new BoundedProbe("store")) {
            BoundedProbe.Outcome first = askedWithin(probe, () -> {
                started.incrementAndGet();
                release.await();
                return "ok";
            }, BOUND);
            BoundedProbe.Outcome second = askedWithin(probe, () -> {
                started.incrementAndGet();
                return "ok";
            }, BOUND);
            assertFalse(first.up());
            assertFalse(second.up());
            assertEquals("store did not answer within 200 ms", first.detail(), "DOWN by the bound");
            assertEquals("store did not answer within 200 ms", second.detail(), "the check in flight, again DOWN by the bound");
            assertEquals(1, started.get(), "the second request waits for the check in flight");
            release.countDown();
            assertTrue(probe.check(() -> "fresh", Duration.ofSeconds(2)).up(), "up again once the store answers");
        }
    }

    @Test
    void aFailingCheckIsDownWithItsReason() {
        try (BoundedProbe probe = new BoundedProbe("db")) {
            BoundedProbe.Outcome outcome = probe.check(() -> {
                throw new java.sql.SQLException("Connection refused");
            }, Duration.ofSeconds(1));
            assertFalse(outcome.up());
            assertTrue(outcome.detail().contains("Connection refused"), outcome.detail());
            assertTrue(probe.check(() -> "up", Duration.ofSeconds(1)).up());
        }
    }
}
