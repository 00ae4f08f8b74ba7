package fr.bts.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What a scenario measured, printed as one line {@code CHAOS <case> name=value…} and appended to
 * {@code <state>/chaos-figures.txt}, so that a run leaves its figures next to its logs (the README quotes them).
 */
final class Figures {

    private final String scenario;
    private final Map<String, Object> values = new TreeMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

    Figures(String scenario) {
        this.scenario = scenario;
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    void status(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    String statuses() {
        return new TreeMap<>(statuses).entrySet().stream().map(e -> (e.getKey() == 0 ? "no-answer" : e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    void report() {
        String line = "CHAOS " + scenario + " " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")) + (statuses.isEmpty() ? "" : " statuses=" + statuses());
        System.out.println(line);
        try {
            Files.createDirectories(ChaosStack.STATE);
            Files.writeString(ChaosStack.STATE.resolve("chaos-figures.txt"), Instant.now() + " " + line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not keep the figures: " + e);
        }
    }
}
