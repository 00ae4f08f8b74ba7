package fr.bts.commons.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedProbeTest {

    @Test
    void aHangingCheckIsDownWithinTheBoundAndIsNotStartedTwice() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (BoundedProbe probe = new BoundedProbe("store")) {
            long t0 = System.nanoTime();
            BoundedProbe.Outcome first = probe.check(() -> {
                started.incrementAndGet();
                release.await();
                return "ok";
            }, Duration.ofMillis(200));
            BoundedProbe.Outcome second = probe.check(() -> {
                started.incrementAndGet();
                return "ok";
            }, Duration.ofMillis(200));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(first.up());
            assertFalse(second.up());
            assertTrue(first.detail().contains("within 200 ms"), first.detail());
            assertTrue(elapsedMs < 1000, "two bounded checks took " + elapsedMs + " ms");
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
