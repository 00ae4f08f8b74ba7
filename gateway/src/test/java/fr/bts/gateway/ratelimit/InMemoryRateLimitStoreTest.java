package fr.bts.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryRateLimitStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(3, now::get);

    @Test
    void allowsABurstUpToTheBudgetThenRefusesWithTheWaitForOneRequest() {
        for (int i = 0; i < 6; i++) {
            RateLimitDecision decision = store.take("ip:1", 6, Duration.ofMinutes(1));
            assertTrue(decision.allowed());
            assertEquals(5 - i, decision.remaining());
        }
        RateLimitDecision refused = store.take("ip:1", 6, Duration.ofMinutes(1));
        assertFalse(refused.allowed());
        assertEquals(10, refused.retryAfterSeconds(), "6 a minute: one back every 10 s");
    }

    @Test
    void refillsEvenlyOverThePeriod() {
        for (int i = 0; i < 6; i++) {
            store.take("ip:1", 6, Duration.ofMinutes(1));
        }
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertFalse(store.take("ip:1", 6, Duration.ofMinutes(1)).allowed());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(store.take("ip:1", 6, Duration.ofMinutes(1)).allowed());
        assertFalse(store.take("ip:1", 6, Duration.ofMinutes(1)).allowed());
    }

    @Test
    void keysHaveTheirOwnBudgets() {
        store.take("ip:1", 1, Duration.ofMinutes(1));
        assertFalse(store.take("ip:1", 1, Duration.ofMinutes(1)).allowed());
        assertTrue(store.take("ip:2", 1, Duration.ofMinutes(1)).allowed());
    }

    @Test
    void dropsBucketsOfQuietClientsWhenFull() {
        store.take("a", 10, Duration.ofSeconds(10));
        store.take("b", 10, Duration.ofSeconds(10));
        store.take("c", 10, Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        store.take("c", 10, Duration.ofSeconds(10));
        store.take("d", 10, Duration.ofSeconds(10));
        assertEquals(2, store.tracked(), "a and b were full again and dropped; c is still counting");
    }

    @Test
    void retryAfterIsNeverZero() {
        assertEquals(1, new RateLimitDecision(false, 1, 0, Duration.ofMillis(1)).retryAfterSeconds());
    }
}
