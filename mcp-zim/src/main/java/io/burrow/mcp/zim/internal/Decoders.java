package io.burrow.mcp.zim.internal;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.Compression;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import java.io.IOException;
import java.io.InputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Stream decoders of compressed clusters: xz with {@code org.tukaani:xz}, zstd with the pure-Java
 * decoder of {@code io.airlift:aircompressor} (no native code; see docs/zim-reader.md for the
 * measurement behind the choice). Both are bounded: the xz decoder by a memory limit, zstd by a
 * check of the frame's window size before decoding.
 */
public final class Decoders {

    private static final int ZSTD_MAGIC = 0xFD2FB528;

    private Decoders() {
    }

    /**
     * Opens a decoder over the compressed bytes {@code [from, to)} of the archive.
     *
     * @param what names the cluster in error messages
     */
    public static InputStream open(Compression compression, Storage storage, long from, long to,
            long maxDecoderMemory, String what) {
        InputStream raw = storage.stream(from, to);
        try {
            return switch (compression) {
                case XZ -> new SingleXZInputStream(raw, (int) Math.min(Integer.MAX_VALUE, maxDecoderMemory >>> 10));
                case ZSTD -> {
                    checkZstdFrame(storage, from, to, maxDecoderMemory, what);
                    yield new io.airlift.compress.zstd.ZstdInputStream(raw);
                }
                default -> throw new IllegalArgumentException(compression.name());
            };
        } catch (org.tukaani.xz.MemoryLimitException e) {
            throw new ZimException(ErrorCodes.TOO_LARGE, what + " needs " + (e.getMemoryNeeded() >> 10)
                    + " MiB of xz decoder memory, above the limit", e);
        } catch (IOException | RuntimeException e) {
            throw failure(what, e);
        }
    }

    /** A decoder failure as a typed exception. */
    public static ZimException failure(String what, Throwable e) {
        if (e instanceof ZimException z) {
            return z;
        }
        if (e instanceof org.tukaani.xz.MemoryLimitException m) {
            return new ZimException(ErrorCodes.TOO_LARGE, what + " needs " + (m.getMemoryNeeded() >> 10)
                    + " MiB of xz decoder memory, above the limit", m);
        }
        String kind = e instanceof IOException ? "bad compressed stream" : "undecodable compressed stream";
        return new ZimFormatException(what + ": " + kind, e);
    }

    /**
     * Validates the zstd frame header at {@code from}: magic, and a window (or single-segment
     * content) size within {@code maxDecoderMemory}, so that no hostile frame makes the decoder
     * allocate more.
     */
    static void checkZstdFrame(Storage s, long from, long to, long maxDecoderMemory, String what) {
        if (to - from < 6) {
            throw new ZimFormatException(what + ": zstd stream too short");
        }
        if ((int) s.u32(from) != ZSTD_MAGIC) {
            throw new ZimFormatException(what + ": not a zstd frame");
        }
        int fhd = s.u8(from + 4);
        boolean singleSegment = (fhd & 0x20) != 0;
        long window;
        if (!singleSegment) {
            int wd = s.u8(from + 5);
            int exponent = wd >>> 3;
            int mantissa = wd & 7;
            long base = 1L << (10 + exponent);
            window = base + (base / 8) * mantissa;
        } else {
            int dictIdFlag = fhd & 3;
            int fcsFlag = fhd >>> 6;
            int dictBytes = dictIdFlag == 0 ? 0 : 1 << (dictIdFlag - 1);
            long p = from + 5 + dictBytes;
            window = switch (fcsFlag) {
                case 0 -> s.u8(p);
                case 1 -> s.u16(p) + 256L;
                case 2 -> s.u32(p);
                default -> s.u64(p);
            };
        }
        if (window < 0 || window > maxDecoderMemory) {
            throw new ZimException(ErrorCodes.TOO_LARGE, what + ": zstd window of " + window
                    + " bytes is above the decoder memory limit");
        }
    }
}
