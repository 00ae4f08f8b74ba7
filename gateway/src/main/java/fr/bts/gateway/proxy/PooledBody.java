package fr.bts.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pooled direct buffer returned to the pool exactly once: when the socket write that carries it has
 * completed, or when the exchange ends without it being handed to the response. Once handed over, only
 * the write's completion releases it: Netty may still be writing it when the exchange's end handlers run.
 */
final class PooledBody {
    /** Buffers taken and not yet returned: 0 whenever no answer is in flight (a metric, and what the tests check). */
    static final AtomicInteger IN_USE = new AtomicInteger();

    private final ByteBuf bytes;
    private boolean handedOver;
    private boolean released;

    PooledBody(int length) {
        this.bytes = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
        IN_USE.incrementAndGet();
    }

    void append(Buffer chunk) {
        if (!released && !handedOver) {
            bytes.writeBytes(chunk.getByteBuf());
        }
    }

    /** A view for the response (Vert.x does not release it after writing). */
    Buffer handOver() {
        handedOver = true;
        return Buffer.buffer(bytes);
    }

    void written() {
        release();
    }

    void abandon() {
        if (!handedOver) {
            release();
        }
    }

    private void release() {
        if (!released) {
            released = true;
            bytes.release();
            IN_USE.decrementAndGet();
        }
    }
}
