package peerchat.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into frames at their 4-byte length prefix, refusing a length over the limit
 * before buffering any of it, and reporting a frame cut short by the end of the stream.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (length < 1 || length > maxFrameBytes) {
                in.skipBytes(in.readableBytes());
                throw new ProtocolException("frame length " + Integer.toUnsignedString(length)
                        + " outside 1.." + maxFrameBytes);
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            out.add(in.readRetainedSlice(length));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (in.isReadable()) {
            int got = in.readableBytes();
            in.skipBytes(got);
            throw new ProtocolException("truncated frame: the stream ended " + got + " bytes into a frame");
        }
    }
}
