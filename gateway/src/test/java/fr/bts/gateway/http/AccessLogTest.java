package fr.bts.gateway.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {

    private final List<LogRecord> access = new ArrayList<>();
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler accessCapture = capture(access);
    private final Handler warningCapture = capture(warnings);

    @BeforeEach
    void listen() {
        Logger.getLogger(AccessLog.CATEGORY).addHandler(accessCapture);
        Logger.getLogger(AccessLog.class.getName()).addHandler(warningCapture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(AccessLog.CATEGORY).removeHandler(accessCapture);
        Logger.getLogger(AccessLog.class.getName()).removeHandler(warningCapture);
    }

    @Test
    void gathersQueuedLinesIntoFewRecordsInArrivalOrder() {
        AccessLog log = new AccessLog(1000, Duration.ofSeconds(1));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String line = "{\"requestId\":\"r" + i + "\",\"path\":\"" + "x".repeat(150) + "\"}";
            sent.add(line);
            log.record(line);
        }
        log.flush();

        List<String> written = new ArrayList<>();
        for (LogRecord record : access) {
            assertTrue(record.getMessage().length() <= 4000, "a record fits in one atomic pipe write");
            written.addAll(List.of(record.getMessage().split("\n")));
        }
        assertEquals(sent, written);
        assertTrue(access.size() > 1 && access.size() < 10, "lines are gathered, " + access.size() + " records");
    }

    @Test
    void dropsLinesPastTheBoundAndSaysHowMany() {
        AccessLog log = new AccessLog(2, Duration.ofSeconds(1));
        log.record("{\"n\":1}");
        log.record("{\"n\":2}");
        log.record("{\"n\":3}");
        log.flush();

        assertEquals(List.of("{\"n\":1}\n{\"n\":2}"), access.stream().map(LogRecord::getMessage).toList());
        assertEquals(1, warnings.size());
        assertEquals(Level.WARNING, warnings.get(0).getLevel());
        assertTrue(warnings.get(0).getMessage().startsWith("1 access-log lines dropped"), warnings.get(0).getMessage());

        log.record("{\"n\":4}");
        log.flush();
        assertEquals("{\"n\":4}", access.get(access.size() - 1).getMessage(), "room again once written");
    }

    private static Handler capture(List<LogRecord> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
