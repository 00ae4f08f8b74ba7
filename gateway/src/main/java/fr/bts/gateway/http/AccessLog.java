package fr.bts.gateway.http;

import fr.bts.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log's writer: the event loops hand it finished lines (no lock, no thread wake-up), and one
 * thread writes what has gathered every {@code gateway.access-log.flush-interval} on the {@value #CATEGORY}
 * category, several lines per log record (each record ends with a line break), so that a busy gateway
 * makes a few writes a second instead of one per request, which cost as much as proxying itself. Bounded:
 * when the output cannot keep up, lines past {@code gateway.access-log.max-pending} are dropped and their
 * number is reported as a warning rather than letting memory grow.
 */
@ApplicationScoped
public class AccessLog {

    public static final String CATEGORY = "fr.bts.gateway.access";

    private static final Logger ACCESS = Logger.getLogger(CATEGORY);
    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    /** A record stays below the size a pipe writes atomically, so that lines of other loggers never cut into it. */
    private static final int MAX_RECORD_CHARS = 4000;

    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final int maxPending;
    private final long intervalNanos;
    private volatile boolean running;
    private Thread writer;

    @Inject
    AccessLog(GatewayConfig config) {
        this(config.accessLog().maxPending(), config.accessLog().flushInterval());
    }

    AccessLog(int maxPending, Duration flushInterval) {
        this.maxPending = maxPending;
        this.intervalNanos = flushInterval.toNanos();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        writer = new Thread(this::run, "gateway-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            LockSupport.unpark(writer);
            writer.join(TimeUnit.SECONDS.toMillis(2));
        }
        flush();
    }

    /** Whether lines are wanted at all (the category may be turned off in the configuration). */
    public boolean enabled() {
        return ACCESS.isInfoEnabled();
    }

    /** Queues one complete line (without line break); never blocks. */
    public void record(String line) {
        if (size.incrementAndGet() > maxPending) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        pending.offer(line);
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(intervalNanos);
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Access-log lines could not be written");
            }
        }
    }

    /** Writes every queued line now. */
    synchronized void flush() {
        StringBuilder record = new StringBuilder(MAX_RECORD_CHARS + 512);
        String line;
        while ((line = pending.poll()) != null) {
            size.decrementAndGet();
            if (!record.isEmpty() && record.length() + 1 + line.length() > MAX_RECORD_CHARS) {
                ACCESS.info(record.toString());
                record.setLength(0);
            }
            if (!record.isEmpty()) {
                record.append('\n');
            }
            record.append(line);
        }
        if (!record.isEmpty()) {
            ACCESS.info(record.toString());
        }
        long lost = dropped.sumThenReset();
        if (lost > 0) {
            LOG.warn(lost + " access-log lines dropped: the log output did not keep up");
        }
    }
}
