package fr.bts.devstack;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting on something a test observes (a gauge, a counter, a header) instead of sleeping (issue 15): the probe is
 * asked again as soon as it answered, until it shows what the test waits for. Each probe is a request to a running
 * application, whose answer paces the loop. The patience only turns a behaviour that never comes into a failure
 * instead of a hung build; it is far longer than the behaviour takes, so a loaded machine does not fail the test.
 */
public final class Await {

    private Await() {
    }

    /** Probes until {@code reached} holds for what {@code probe} answers, and returns that answer. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<? super T> reached, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        T seen = probe.get();
        while (!reached.test(seen)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": still " + seen + " after " + patience.toSeconds() + " s");
            }
            seen = probe.get();
        }
        return seen;
    }
}
