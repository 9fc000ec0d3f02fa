package peerchat.engine.net;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Frames to bytes and back. {@link #encode} writes the length prefix too; {@link #decode} takes one
 * frame without it (as {@link FrameDecoder} cut it) and copies what it keeps, so the buffer can be
 * released as soon as it returns.
 */
final class FrameCodec {
    private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FrameCodec() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, Frame frame) {
        if (frame instanceof Frame.Data) {
            Frame.Data d = (Frame.Data) frame;
            ByteBuf buf = alloc.buffer(4 + WireConstants.DATA_OVERHEAD + d.body().length);
            buf.writeInt(WireConstants.DATA_OVERHEAD + d.body().length).writeByte(WireConstants.DATA)
                    .writeLong(d.seq()).writeBytes(d.body());
            return buf;
        }
        if (frame instanceof Frame.Ack) {
            return alloc.buffer(13).writeInt(9).writeByte(WireConstants.ACK).writeLong(((Frame.Ack) frame).upTo());
        }
        if (frame instanceof Frame.Heartbeat) {
            return alloc.buffer(5).writeInt(1).writeByte(WireConstants.HEARTBEAT);
        }
        if (frame instanceof Frame.Bye bye) {
            byte[] words = bye.words().getBytes(StandardCharsets.UTF_8);
            if (words.length > WireConstants.MAX_PARTING_BYTES) {
                throw new IllegalArgumentException("parting words of " + words.length + " bytes");
            }
            return alloc.buffer(5 + words.length).writeInt(1 + words.length).writeByte(WireConstants.BYE).writeBytes(words);
        }
        ByteBuf buf = alloc.buffer();
        buf.writeInt(0);
        if (frame instanceof Frame.Hello) {
            buf.writeByte(WireConstants.HELLO).writeInt(WireConstants.PROTOCOL_VERSION);
        } else if (frame instanceof Frame.Proof) {
            buf.writeByte(WireConstants.PROOF);
        } else if (frame instanceof Frame.Gossip) {
            buf.writeByte(WireConstants.GOSSIP);
        } else {
            buf.release();
            throw new IllegalArgumentException("not a frame: " + frame);
        }
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
            SMILE.writeValue((java.io.OutputStream) out, frame);
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        }
        buf.setInt(0, buf.readableBytes() - 4);
        return buf;
    }

    /** @throws ProtocolException with a reason fit for the log when the frame is malformed */
    static Frame decode(ByteBuf buf) {
        if (!buf.isReadable()) {
            throw new ProtocolException("empty frame");
        }
        byte type = buf.readByte();
        switch (type) {
            case WireConstants.DATA:
                need(buf, 8, type);
                long seq = buf.readLong();
                byte[] body = new byte[buf.readableBytes()];
                buf.readBytes(body);
                return new Frame.Data(seq, body);
            case WireConstants.ACK:
                need(buf, 8, type);
                long upTo = buf.readLong();
                exhausted(buf, type);
                return new Frame.Ack(upTo);
            case WireConstants.HEARTBEAT:
                exhausted(buf, type);
                return Frame.Heartbeat.INSTANCE;
            case WireConstants.BYE:
                return bye(buf);
            case WireConstants.HELLO:
                need(buf, 4, type);
                int version = buf.readInt();
                if (version != WireConstants.PROTOCOL_VERSION) {
                    throw new ProtocolException("unsupported protocol version " + version
                            + " (this node speaks " + WireConstants.PROTOCOL_VERSION + ")");
                }
                return smile(buf, Frame.Hello.class, type);
            case WireConstants.PROOF:
                return smile(buf, Frame.Proof.class, type);
            case WireConstants.GOSSIP:
                return smile(buf, Frame.Gossip.class, type);
            default:
                throw new ProtocolException("unknown frame type " + (type & 0xff));
        }
    }

    private static <T extends Frame> T smile(ByteBuf buf, Class<T> kind, byte type) {
        try {
            T value = SMILE.readValue((java.io.InputStream) new ByteBufInputStream(buf), kind);
            if (value == null) {
                throw new ProtocolException("empty " + WireConstants.typeName(type) + " body");
            }
            return value;
        } catch (JacksonException e) {
            throw new ProtocolException("malformed " + WireConstants.typeName(type) + " body: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolException("unreadable " + WireConstants.typeName(type) + " body: " + e.getMessage());
        }
    }

    private static Frame.Bye bye(ByteBuf buf) {
        if (buf.readableBytes() > WireConstants.MAX_PARTING_BYTES) {
            throw new ProtocolException("BYE with " + buf.readableBytes() + " bytes of parting words (at most "
                    + WireConstants.MAX_PARTING_BYTES + ")");
        }
        try {
            return new Frame.Bye(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf.nioBuffer()).toString());
        } catch (CharacterCodingException e) {
            throw new ProtocolException("BYE whose parting words are not UTF-8");
        }
    }

    private static void need(ByteBuf buf, int bytes, byte type) {
        if (buf.readableBytes() < bytes) {
            throw new ProtocolException(WireConstants.typeName(type) + " frame too short");
        }
    }

    private static void exhausted(ByteBuf buf, byte type) {
        if (buf.isReadable()) {
            throw new ProtocolException(WireConstants.typeName(type) + " frame has " + buf.readableBytes()
                    + " trailing bytes");
        }
    }
}
