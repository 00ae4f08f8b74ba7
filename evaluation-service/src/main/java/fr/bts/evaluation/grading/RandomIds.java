package fr.bts.evaluation.grading;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs drawn for a whole batch at once: the same generator as {@link UUID#randomUUID()} (a
 * {@link SecureRandom}), asked once for every id of the batch instead of once per id. Each call of
 * {@code UUID.randomUUID()} takes the generator's lock and reads from it on its own, and the grade batches of every
 * request thread queued on that one lock (a fiftieth of a batch's CPU).
 */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;
    private int next;

    private RandomIds(int count) {
        bytes = new byte[16 * count];
        RANDOM.nextBytes(bytes);
    }

    /** Room for {@code count} ids, drawn now. */
    public static RandomIds of(int count) {
        return new RandomIds(count);
    }

    /** The next id, laid out as {@link UUID#randomUUID()} lays out its bytes (version 4, IETF variant). */
    public UUID next() {
        if (next == bytes.length) {
            throw new IllegalStateException("all " + bytes.length / 16 + " ids drawn");
        }
        int at = next;
        next += 16;
        bytes[at + 6] = (byte) ((bytes[at + 6] & 0x0f) | 0x40);
        bytes[at + 8] = (byte) ((bytes[at + 8] & 0x3f) | 0x80);
        return new UUID(longAt(at), longAt(at + 8));
    }

    private long longAt(int at) {
        long value = 0;
        for (int i = at; i < at + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
