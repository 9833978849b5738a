package io.burrow.mcp.zim.internal;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.Compression;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Decoders of compressed clusters: xz with {@code org.tukaani:xz} as a stream (decoded lazily, its
 * buffers recycled through {@link BasicArrayCache}), zstd with the pure-Java one-shot decoder of
 * {@code io.airlift:aircompressor} (no native code; see docs/zim-reader.md for the measurements
 * behind the choice) into pooled scratch buffers. Both are bounded: xz by a memory limit, zstd by the
 * cluster size limit (the output buffer never grows past it).
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
                case XZ -> new SingleXZInputStream(raw, (int) Math.min(Integer.MAX_VALUE, maxDecoderMemory >>> 10),
                        true, BasicArrayCache.getInstance());
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

    private static final int SCRATCH_BYTES = 8 << 20;
    private static final int POOLED = 4;
    private static final ConcurrentLinkedQueue<byte[]> SCRATCH = new ConcurrentLinkedQueue<>();

    /**
     * Decodes the zstd frame starting at {@code from} (bounded by {@code to}) completely and returns
     * exactly its bytes. The pure-Java streaming decoder allocates the frame's whole window (8 MiB for
     * libzim's clusters) per stream, which costs more than decoding a 2 MiB cluster; the one-shot
     * decoder writes into a pooled scratch buffer instead, grown (up to {@code maxBytes}) only when a
     * cluster does not fit.
     */
    public static byte[] decodeZstd(Storage s, long from, long to, long maxBytes, String what) {
        ByteBuffer in = compressed(s, from, to, what);
        long[] frame = zstdFrame(in, what);
        return decodeZstd(in.slice(0, (int) frame[0]), frame[1], maxBytes, what);
    }

    /**
     * The compressed bytes {@code [from, to)} as one buffer, read once: a view of an archive in memory, one
     * positional read of a file (the frame walk and every prefix decode then read memory, not the file).
     */
    private static ByteBuffer compressed(Storage s, long from, long to, String what) {
        if (to - from > Integer.MAX_VALUE - 16) {
            throw new ZimException(ErrorCodes.TOO_LARGE, what + ": compressed cluster too large");
        }
        return s.decoderInput(from, (int) (to - from)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** Decodes the whole zstd frame {@code input} (declared content size {@code contentSize}, or -1). */
    private static byte[] decodeZstd(ByteBuffer input, long contentSize, long maxBytes, String what) {
        if (contentSize > maxBytes) {
            throw new ZimException(ErrorCodes.TOO_LARGE, what + ": decompressed size " + contentSize
                    + " bytes is above the cluster limit of " + maxBytes);
        }
        byte[] scratch = contentSize >= 0 ? new byte[(int) contentSize] : SCRATCH.poll();
        if (scratch == null) {
            scratch = new byte[(int) Math.min(SCRATCH_BYTES, maxBytes)];
        }
        try {
            while (true) {
                try {
                    ByteBuffer out = ByteBuffer.wrap(scratch);
                    new ZstdDecompressor().decompress(input.duplicate(), out);
                    int n = out.position();
                    return n == scratch.length && contentSize >= 0 ? scratch : Arrays.copyOf(scratch, n);
                } catch (MalformedInputException e) {
                    String m = String.valueOf(e.getMessage());
                    if (!m.contains("Output buffer too small") || contentSize >= 0) {
                        throw failure(what, e);
                    }
                    if (scratch.length >= maxBytes) {
                        throw new ZimException(ErrorCodes.TOO_LARGE, what + ": decompressed size is above the cluster limit of "
                                + maxBytes + " bytes", e);
                    }
                    recycle(scratch);
                    scratch = new byte[(int) Math.min(maxBytes, 2L * scratch.length)];
                } catch (RuntimeException e) {
                    throw failure(what, e);
                }
            }
        } finally {
            if (contentSize < 0) {
                recycle(scratch);
            }
        }
    }

    /**
     * {@code -Dburrow.zim.zstdOneShot=true} decodes zstd clusters by one-shot prefixes even when the resumable block
     * decoder ({@link ZstdBlocks}) is available (for comparisons; the block decoder is the default).
     */
    static final boolean ONE_SHOT = Boolean.getBoolean("burrow.zim.zstdOneShot");

    /** Room left after a partial zstd decode: no sequence or block produces more than 128 KiB. */
    private static final int ZSTD_MARGIN = (128 << 10) + 1024;

    /**
     * A prefix decoder of the zstd frame at {@code from}: a request for {@code need} bytes decodes
     * one-shot into a buffer of {@code need} + 129 KiB; the decoder refuses ("output buffer too
     * small") only at a sequence or block that does not fit, so every byte before {@code need} has
     * been written. Requests for everything decode the whole frame. When aircompressor's block decoder can be
     * reached ({@link ZstdBlocks}), the frame is decoded block by block instead, each request resuming where the
     * last one stopped.
     */
    public static ClusterData.PrefixSource zstdPrefixes(Storage s, long from, long to, long maxBytes, String what) {
        ByteBuffer in = compressed(s, from, to, what);
        long[] frame = zstdFrame(in, what);
        if (frame[1] > maxBytes) {
            throw new ZimException(ErrorCodes.TOO_LARGE, what + ": decompressed size " + frame[1]
                    + " bytes is above the cluster limit of " + maxBytes);
        }
        if (ZstdBlocks.AVAILABLE && !ONE_SHOT) {
            return new ZstdBlocks(in, frame, maxBytes, what);
        }
        int len = (int) frame[0];
        ByteBuffer input = in.slice(0, len);
        return need -> {
            if (need < 0 || frame[1] >= 0 || need + ZSTD_MARGIN >= maxBytes) {
                return new ClusterData.Prefix(decodeZstd(input.duplicate(), frame[1], maxBytes, what), true);
            }
            int limit = (int) (need + ZSTD_MARGIN);
            byte[] scratch = limit <= SCRATCH_BYTES ? SCRATCH.poll() : null;
            if (scratch == null) {
                scratch = new byte[Math.max(limit, limit <= SCRATCH_BYTES ? SCRATCH_BYTES : 0)];
            }
            try {
                ByteBuffer out = ByteBuffer.wrap(scratch, 0, limit);
                try {
                    new ZstdDecompressor().decompress(input.duplicate(), out);
                    return new ClusterData.Prefix(Arrays.copyOf(scratch, out.position()), true);
                } catch (MalformedInputException e) {
                    if (!String.valueOf(e.getMessage()).contains("Output buffer too small")) {
                        throw failure(what, e);
                    }
                    return new ClusterData.Prefix(Arrays.copyOf(scratch, (int) need), false);
                }
            } finally {
                recycle(scratch);
            }
        };
    }

    private static void recycle(byte[] scratch) {
        if (scratch.length == SCRATCH_BYTES && SCRATCH.size() < POOLED) {
            SCRATCH.offer(scratch);
        }
    }

    /**
     * Walks the zstd frame at {@code from}: returns its length (header, blocks, checksum) and its
     * declared content size (-1 if absent). Trailing bytes after the frame are not part of it.
     */
    static long[] zstdFrame(ByteBuffer in, String what) {
        long from = 0;
        long to = in.limit();
        if (to - from < 6) {
            throw new ZimFormatException(what + ": zstd stream too short");
        }
        if (in.getInt(0) != ZSTD_MAGIC) {
            throw new ZimFormatException(what + ": not a zstd frame");
        }
        int fhd = (in.get(4) & 0xFF);
        int fcsFlag = fhd >>> 6;
        boolean single = (fhd & 0x20) != 0;
        if ((fhd & 0x08) != 0) {
            throw new ZimFormatException(what + ": invalid zstd frame header");
        }
        boolean checksum = (fhd & 0x04) != 0;
        int dictBytes = switch (fhd & 3) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            default -> 4;
        };
        int fcsBytes = switch (fcsFlag) {
            case 0 -> single ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        long p = from + 5 + (single ? 0 : 1) + dictBytes;
        long contentSize = -1;
        if (fcsBytes > 0) {
            if (p + fcsBytes > to) {
                throw new ZimFormatException(what + ": zstd frame truncated");
            }
            int q = (int) p;
            contentSize = switch (fcsBytes) {
                case 1 -> in.get(q) & 0xFF;
                case 2 -> (in.getShort(q) & 0xFFFF) + 256L;
                case 4 -> in.getInt(q) & 0xFFFFFFFFL;
                default -> in.getLong(q);
            };
            if (contentSize < 0) {
                throw new ZimFormatException(what + ": invalid zstd content size");
            }
        }
        p += fcsBytes;
        while (true) {
            if (p + 3 > to) {
                throw new ZimFormatException(what + ": zstd frame truncated");
            }
            int q = (int) p;
            int h = (in.get(q) & 0xFF) | (in.get(q + 1) & 0xFF) << 8 | (in.get(q + 2) & 0xFF) << 16;
            int type = (h >>> 1) & 3;
            int size = h >>> 3;
            if (type == 3) {
                throw new ZimFormatException(what + ": reserved zstd block type");
            }
            if (size > (128 << 10)) {
                throw new ZimFormatException(what + ": zstd block too large");
            }
            p += 3 + (type == 1 ? 1 : size);
            if ((h & 1) != 0) {
                break;
            }
        }
        if (checksum) {
            p += 4;
        }
        if (p > to) {
            throw new ZimFormatException(what + ": zstd frame truncated");
        }
        return new long[] {p - from, contentSize};
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
