package fr.bts.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The request body as it arrives, chunk by chunk, with a size bound: a body without {@code Content-Length}
 * (chunked) cannot be refused up front, so it is counted as it streams and {@code onTooLarge} runs once
 * the bound is passed; nothing past the bound is forwarded. It also notes when the last chunk came, for the
 * body timeouts of {@code ProxyExchange}.
 */
final class LimitedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long max;
    private final Runnable onTooLarge;
    private final Handler<Throwable> onBroken;
    private long seen;
    private boolean exceeded;
    private boolean ended;
    /** {@link System#nanoTime()} of the last chunk (or of the start), for the body timeouts. */
    private long lastChunk = System.nanoTime();

    /**
     * @param onBroken runs first when the caller's body cannot be read (a bad chunk, the caller gone): the
     *                 caller's fault, never the backend's
     */
    LimitedBody(ReadStream<Buffer> source, long max, Runnable onTooLarge, Handler<Throwable> onBroken) {
        this.source = source;
        this.max = max;
        this.onTooLarge = onTooLarge;
        this.onBroken = onBroken;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return;
            }
            seen += chunk.length();
            lastChunk = System.nanoTime();
            if (seen > max) {
                exceeded = true;
                onTooLarge.run();
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    long lastChunk() {
        return lastChunk;
    }

    /** Whether the body has arrived whole or was cut for its size: no timeout applies any more. */
    boolean finished() {
        return ended || exceeded;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(e -> {
            onBroken.handle(e);
            if (handler != null) {
                handler.handle(e);
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            ended = true;
            if (!exceeded) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
