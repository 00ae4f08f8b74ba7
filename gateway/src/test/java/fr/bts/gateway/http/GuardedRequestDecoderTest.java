package fr.bts.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request decoder of each gateway connection, fed bytes as a socket would. */
class GuardedRequestDecoderTest {

    private static final byte[] TIMED_OUT = "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new GuardedRequestDecoder(new HttpServerOptions(), TimeUnit.SECONDS.toNanos(3), TIMED_OUT));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static List<Object> drain(EmbeddedChannel channel) {
        List<Object> all = new ArrayList<>();
        Object message;
        while ((message = channel.readInbound()) != null) {
            all.add(message);
        }
        return all;
    }

    @Test
    void decodesPipelinedRequestsOneAfterTheOther() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}"
                + "GET /third HTTP/1.1\r\nHost: a\r\n\r\n"));
        List<Object> decoded = drain(channel);
        List<String> uris = decoded.stream().filter(m -> m instanceof HttpRequest).map(m -> ((HttpRequest) m).uri()).toList();
        assertEquals(List.of("/first", "/second", "/third"), uris);
        decoded.stream().filter(m -> m instanceof HttpRequest)
                .forEach(m -> assertTrue(((HttpRequest) m).decoderResult().isSuccess(), m.toString()));
        decoded.forEach(ReferenceCountUtil::release);
        assertTrue(channel.isActive());
        channel.finishAndReleaseAll();
    }

    @Test
    void bothFramingsMakeTheRequestInvalidAndNothingAfterItIsDecoded() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"));
        channel.writeInbound(bytes("GET /later HTTP/1.1\r\nHost: a\r\n\r\n"));
        List<Object> decoded = drain(channel);
        HttpRequest request = assertInstanceOf(HttpRequest.class, decoded.get(0));
        assertInstanceOf(GuardedRequestDecoder.ConflictingFraming.class, request.decoderResult().cause());
        assertEquals(2, decoded.size(), "the refused request and its end, nothing else: " + decoded);
        assertInstanceOf(LastHttpContent.class, decoded.get(1));
        decoded.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeadNotWholeInTimeGetsThe408AndTheConnectionClosed() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("GET /slow HTTP/1.1\r\nHost: a\r\n"));
        assertTrue(drain(channel).isEmpty());
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.writeInbound(bytes("X-Trickle: 1\r\n"));
        assertNull(channel.readOutbound(), "still within the time limit");
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        ByteBuf answer = channel.readOutbound();
        assertEquals("HTTP/1.1 408", answer.toString(StandardCharsets.US_ASCII).substring(0, 12));
        answer.release();
        assertFalse(channel.isActive());
    }

    @Test
    void aBodyTakingItsTimeIsNotAHeadTimeout() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(bytes("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nab"));
        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertNull(channel.readOutbound());
        channel.writeInbound(bytes("cd"));
        List<Object> decoded = drain(channel);
        assertTrue(decoded.stream().anyMatch(m -> m instanceof LastHttpContent));
        assertTrue(decoded.stream().anyMatch(m -> m instanceof HttpContent));
        decoded.forEach(ReferenceCountUtil::release);
        assertTrue(channel.isActive());
        channel.finishAndReleaseAll();
    }
}
