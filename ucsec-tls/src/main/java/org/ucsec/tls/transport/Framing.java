package org.ucsec.tls.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.ucsec.core.UcsecException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link TlsTransport} cuts the decrypted byte stream into messages. A message larger than the bound closes the
 * connection ({@code connection.message-too-large}); nothing is buffered between messages.
 */
public sealed interface Framing {
    int maxMessageBytes();

    /** Lines ending in LF (a CR before it is dropped); the message excludes the line end. */
    static Framing lines(int maxMessageBytes) { return new Lines(check(maxMessageBytes)); }

    /**
     * SIP over a stream (RFC 3261 18.3): the start line and headers up to the empty line, then {@code Content-Length}
     * (or {@code l}) bytes of body; CRLF keep-alives between messages are skipped. The message includes headers and body.
     */
    static Framing sip(int maxMessageBytes) { return new Sip(check(maxMessageBytes)); }

    /**
     * HTTP/1.1 request heads (RFC 9112), for servers that take no request body (GET, HEAD): the request line and header
     * fields up to the empty line, at most {@code maxHeadBytes} bytes. The message is the head; {@link HttpRequestHead#parse}
     * reads it. What the framing refuses is answered, then the connection closed (no resynchronisation on a stream
     * whose framing is in doubt): a request line longer than the bound 414, a longer head or more than
     * {@link HttpRequestHead#MAX_FIELDS} fields 431, a body announced (Content-Length other than 0, Transfer-Encoding)
     * 413, anything malformed 400, an unknown HTTP version 505. Pipelined requests are framed one at a time, in order; while the
     * connection's outbound buffer is above its high-water mark (a client that sends requests but does not read the
     * answers) reading stops, so neither side buffers without bound. After a request that ends the connection
     * ({@code Connection: close}, HTTP/1.0 without keep-alive) the rest of the stream is discarded.
     */
    static Framing http(int maxHeadBytes) { return new Http(check(maxHeadBytes)); }

    /** A new decoder for one connection (package-private: the transport's pipeline). */
    ChannelHandler newDecoder();

    private static int check(int n) {
        if (n < 64) throw new UcsecException("transport.invalid", "a message bound below 64 bytes cannot carry a SIP message: " + n);
        return n;
    }

    record Lines(int maxMessageBytes) implements Framing {
        @Override public ChannelHandler newDecoder() { return new LineBasedFrameDecoder(maxMessageBytes, true, true); }
    }

    record Sip(int maxMessageBytes) implements Framing {
        @Override public ChannelHandler newDecoder() { return new SipDecoder(maxMessageBytes); }
    }

    record Http(int maxMessageBytes) implements Framing {
        @Override public ChannelHandler newDecoder() { return new HttpDecoder(maxMessageBytes); }
    }

    /**
     * What a framing refuses, with the answer the peer gets before the connection is closed ({@code code} is counted in
     * the transport's rejections and logged with the reason).
     */
    final class Refused extends Exception {
        private final String code;
        private final int status;
        private final transient byte[] answer;

        public Refused(String code, int status, String reason, String message) {
            super(message, null, false, false);
            this.code = code;
            this.status = status;
            this.answer = HttpResponse.error(status, reason, message);
        }

        static Refused bad(String message) { return new Refused("request.bad", 400, "Bad Request", message); }

        static Refused body(String what) {
            return new Refused("request.body-refused", 413, "Content Too Large", "this server takes no request body (" + what + ")");
        }

        public String code() { return code; }
        public int status() { return status; }
        byte[] answer() { return answer; }
    }

    /** HTTP/1.1 request-head framing (see {@link #http}). */
    final class HttpDecoder extends ByteToMessageDecoder {
        private final int max;
        private boolean done, paused;

        HttpDecoder(int max) { this.max = max; }

        @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Refused {
            if (done) { in.skipBytes(in.readableBytes()); return; }
            // RFC 9112 2.2: empty lines before a request line are ignored
            while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) in.skipBytes(1);
            if (!in.isReadable()) return;
            if (!ctx.channel().isWritable()) {
                // the peer does not read its answers: stop reading until it does (channelWritabilityChanged)
                paused = true;
                ctx.channel().config().setAutoRead(false);
                return;
            }
            int start = in.readerIndex();
            int limit = Math.min(in.writerIndex(), start + max);
            int end = headEnd(in, start, limit);
            if (end < 0) {
                if (in.readableBytes() < max) return;
                done = true;
                if (in.indexOf(start, limit, (byte) '\n') < 0)
                    throw new Refused("request.uri-too-long", 414, "URI Too Long", "the request line is longer than " + max + " bytes");
                throw new Refused("request.headers-too-large", 431, "Request Header Fields Too Large", "the request head is longer than " + max + " bytes");
            }
            byte[] head = new byte[end - start];
            in.readBytes(head);
            HttpRequestHead h;
            try {
                h = HttpRequestHead.parse(head, head.length);
            } catch (Refused r) {
                done = true;
                throw r;
            }
            if (!h.keepAlive()) done = true;
            out.add(head); // one request per call: the decoder loop hands it on and calls again
        }

        /** Index just after the CRLFCRLF (or LFLF) ending the head within [from, to), or -1. */
        private static int headEnd(ByteBuf in, int from, int to) {
            for (int i = from; i < to; i++) {
                if (in.getByte(i) != '\n') continue;
                if (i + 1 < to && in.getByte(i + 1) == '\n') return i + 2;
                if (i + 2 < to && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') return i + 3;
            }
            return -1;
        }

        @Override public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            if (paused) { ctx.fireChannelReadComplete(); return; } // no read() while paused
            super.channelReadComplete(ctx);
        }

        @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (paused && ctx.channel().isWritable()) {
                paused = false;
                ctx.channel().config().setAutoRead(true);
                channelRead(ctx, io.netty.buffer.Unpooled.EMPTY_BUFFER); // decode what is buffered
            }
            super.channelWritabilityChanged(ctx);
        }
    }

    /** SIP message framing over a stream. */
    final class SipDecoder extends ByteToMessageDecoder {
        private final int max;

        SipDecoder(int max) { this.max = max; }

        @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (true) {
                // CRLF keep-alives (RFC 5626 3.5.1) between messages
                while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) in.skipBytes(1);
                if (!in.isReadable()) return;
                int start = in.readerIndex();
                int end = indexOfHeaderEnd(in, start);
                if (end < 0) {
                    if (in.readableBytes() > max) throw new TooLongFrameException("SIP headers longer than " + max + " bytes");
                    return;
                }
                int headerLen = end - start;
                int body = contentLength(in.toString(start, headerLen, StandardCharsets.UTF_8));
                if (body < 0) throw new TooLongFrameException("SIP Content-Length is not a number");
                long total = (long) headerLen + body;
                if (total > max) throw new TooLongFrameException("SIP message of " + total + " bytes exceeds " + max);
                if (in.readableBytes() < total) return;
                byte[] msg = new byte[(int) total];
                in.readBytes(msg);
                out.add(msg);
            }
        }

        /** Index just after the CRLFCRLF (or LFLF) ending the headers, or -1. */
        private static int indexOfHeaderEnd(ByteBuf in, int from) {
            int to = in.writerIndex();
            for (int i = from; i < to; i++) {
                if (in.getByte(i) != '\n') continue;
                if (i + 1 < to && in.getByte(i + 1) == '\n') return i + 2;
                if (i + 2 < to && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') return i + 3;
            }
            return -1;
        }

        private static int contentLength(String headers) {
            for (String line : headers.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length") || name.equals("l")) {
                    try {
                        int n = Integer.parseInt(line.substring(colon + 1).trim());
                        return n < 0 ? -1 : n;
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
            return 0;
        }
    }
}
