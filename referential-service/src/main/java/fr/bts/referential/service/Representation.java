package fr.bts.referential.service;

import fr.bts.referential.model.VersionStatus;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.EntityTag;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The canonical bytes of one version document with their strong ETag (hash of the bytes, the same on every instance)
 * and the date they last changed ({@code Last-Modified}). {@link #buffer()} holds the same bytes once, off-heap: every
 * answer of the fast path writes a read-only slice of it to the socket without copying the document per request
 * (Vert.x hands out unreleasable slices of a buffer built on a direct ByteBuf).
 */
public record Representation(String certificationCode, int number, VersionStatus status, byte[] body, EntityTag etag,
                             Instant lastModified, Buffer buffer) {

    public Representation(String certificationCode, int number, VersionStatus status, byte[] body, EntityTag etag,
                          Instant lastModified) {
        this(certificationCode, number, status, body, etag, lastModified, direct(body));
    }

    /**
     * Whether these bytes never change: a deprecated version is final (a published one still changes once, its
     * document saying DEPRECATED from then on).
     */
    public boolean immutable() {
        return status == VersionStatus.DEPRECATED;
    }

    private static Buffer direct(byte[] body) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(body.length);
        bytes.put(body).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
    }
}
