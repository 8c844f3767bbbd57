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
