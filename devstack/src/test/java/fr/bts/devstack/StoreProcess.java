package fr.bts.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of the devstack launchers run as its own JVM, as {@code ./suite up} runs it, so that a test can
 * {@code kill -9} it (or the postmaster it started) and start it again on the same data.
 */
final class StoreProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final Process process;
    private final List<String> output = new ArrayList<>();

    private StoreProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with {@code args} and waits until it prints its "ready" line. */
    static StoreProcess start(Class<?> mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        StoreProcess store = new StoreProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        store.awaitReady();
        return store;
    }

    private void awaitReady() throws Exception {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("PostgreSQL ready on port") || line.startsWith("MongoDB wire server ready on")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.complete(false);
        }, "store-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the store exited before it was ready: " + output());
        }
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** {@code kill -9}, as an operator's crash would, and waits until the process is gone. */
    void killHard() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for the process to exit on its own and returns its status. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the store did not exit within " + within + ": " + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
