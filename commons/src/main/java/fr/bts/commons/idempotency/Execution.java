package fr.bts.commons.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One run of a request under a key, as the work sees it. {@link #runId()} names the logical run: it is new when the
 * key is claimed fresh and the same when a worker takes over a run whose worker died. Work that writes several
 * documents without a transaction derives the ids of what it creates from it ({@link #idFor(String)}), so that a
 * takeover rewrites the same documents instead of adding others, and recognises what the dead worker already wrote.
 * A request without key runs under a random run id.
 */
public record Execution(String runId, boolean takeover) {

    public static Execution unkeyed() {
        return new Execution(UUID.randomUUID().toString(), false);
    }

    /** A UUID that depends only on the run and {@code part} (e.g. a row number): stable across takeovers. */
    public String idFor(String part) {
        return UUID.nameUUIDFromBytes((runId + "/" + part).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
