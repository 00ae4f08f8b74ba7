package fr.bts.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 request decoder of Vert.x with two rules it lacks, one instance per connection
 * ({@link ConnectionGuard}):
 * <ul>
 *   <li>a request with both {@code Content-Length} and {@code Transfer-Encoding} is invalid (RFC 9112 §6.1:
 *       the two framings may disagree, which is how requests are smuggled past a proxy); Netty would drop the
 *       {@code Content-Length} and go on, here the request fails to decode, so that it is answered 400 and
 *       the connection closed before anything of it is forwarded;</li>
 *   <li>a request head must be whole within {@code gateway.limits.header-timeout} of its first byte; past
 *       it, {@code timedOut} (a complete 408 answer) is written and the connection closed, however slowly
 *       the bytes keep coming.</li>
 * </ul>
 */
final class GuardedRequestDecoder extends VertxHttpRequestDecoder {

    /** Why a request with two framings is refused; the invalid-request handler answers it as a 400 problem. */
    static final class ConflictingFraming extends IllegalArgumentException {
        ConflictingFraming() {
            super("Content-Length and Transfer-Encoding together (RFC 9112 §6.1)");
        }
    }

    private final long headerTimeoutNanos;
    private final byte[] timedOut;
    private boolean inMessage;
    /** A request was refused for its framing: nothing after its head is decoded (a smuggled request least of all). */
    private boolean refused;
    private ScheduledFuture<?> headTimer;
    /** Bytes of a request head came and the head is not decoded whole yet. */
    private boolean headBegun;

    GuardedRequestDecoder(HttpServerOptions options, long headerTimeoutNanos, byte[] timedOut) {
        super(options);
        this.headerTimeoutNanos = headerTimeoutNanos;
        this.timedOut = timedOut;
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        message.setDecoderResult(DecoderResult.failure(new ConflictingFraming()));
        refused = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (refused) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (!inMessage && buffer.isReadable()) {
            headBegun = true;
        }
        int before = out.size();
        super.decode(ctx, buffer, out);
        if (refused) {
            // the refused request ends here for the connection; its body and whatever follows are dropped
            cancelHeadTimer();
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                cancelHeadTimer();
                headBegun = false;
                inMessage = true;
            }
            if (decoded instanceof LastHttpContent) {
                inMessage = false;
            }
        }
        // armed only for a head still unfinished once what came is decoded: a head that arrived whole in one
        // read (nearly every request) costs no timer scheduled and cancelled
        if (headBegun && headTimer == null) {
            startHeadTimer(ctx);
        }
    }

    private void startHeadTimer(ChannelHandlerContext ctx) {
        headTimer = ctx.executor().schedule(() -> {
            headTimer = null;
            if (headBegun && !inMessage && ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(timedOut)).addListener(ChannelFutureListener.CLOSE);
            }
        }, headerTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancelHeadTimer() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        cancelHeadTimer();
        super.handlerRemoved0(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelHeadTimer();
        super.channelInactive(ctx);
    }
}
