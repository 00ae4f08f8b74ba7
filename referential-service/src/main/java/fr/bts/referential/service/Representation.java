package fr.bts.referential.service;

import fr.bts.referential.model.VersionStatus;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.EntityTag;

import java.nio.ByteBuffer;

/**
 * The canonical bytes of one version document with their strong ETag. {@link #buffer()} holds the same bytes
 * once, off-heap: every answer of the fast path writes a read-only slice of it to the socket without copying
 * the document per request (Vert.x hands out unreleasable slices of a buffer built on a direct ByteBuf).
 */
public record Representation(String certificationCode, int number, VersionStatus status, byte[] body, EntityTag etag,
                             Buffer buffer, String etagHeader) {

    public Representation(String certificationCode, int number, VersionStatus status, byte[] body, EntityTag etag) {
        this(certificationCode, number, status, body, etag, direct(body), "\"" + etag.getValue() + "\"");
    }

    private static Buffer direct(byte[] body) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(body.length);
        bytes.put(body).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes));
    }
}
