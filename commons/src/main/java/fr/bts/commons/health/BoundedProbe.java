package fr.bts.commons.health;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A readiness probe of a store that always answers within its bound: the check runs on a thread of its own and a
 * check that has not finished in time reports DOWN ("no answer within …") instead of holding the health request.
 * At most one check runs at a time: while a slow one is still in flight (it ends at the store's own timeouts) the
 * next readiness request waits for that one, again within the bound, so a dead store never piles up threads.
 */
public final class BoundedProbe implements AutoCloseable {

    /** The outcome of one readiness request: up, or down with the reason. */
    public record Outcome(boolean up, String detail) {
    }

    private final String name;
    private final ExecutorService executor;
    private final AtomicReference<CompletableFuture<String>> inFlight = new AtomicReference<>();

    public BoundedProbe(String name) {
        this.name = name;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "readiness-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code check} (which answers a short detail or throws) and waits for it at most {@code bound}. */
    public Outcome check(Callable<String> check, Duration bound) {
        CompletableFuture<String> running = inFlight.get();
        if (running == null || running.isDone()) {
            CompletableFuture<String> next = new CompletableFuture<>();
            if (inFlight.compareAndSet(running, next)) {
                executor.execute(() -> {
                    try {
                        next.complete(check.call());
                    } catch (Throwable e) {
                        next.completeExceptionally(e);
                    }
                });
                running = next;
            } else {
                running = inFlight.get();
            }
        }
        try {
            return new Outcome(true, running.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Outcome(false, name + " did not answer within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(false, name + " is unreachable: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + firstLine(cause.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, name + " check interrupted");
        }
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
