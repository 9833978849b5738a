package io.burrow.mcp.zim.internal;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A zstd frame decoded block by block and <em>resumed</em> where it stopped: each request decodes only the blocks
 * up to the bytes it needs, straight into the cluster's own buffer, which is also the decoder's window (the whole
 * cluster is kept, so every back-reference lies in it). This is what libzim does with its streaming decoder, without
 * a separate window: a later read further into the same cluster continues from the last block instead of decoding
 * the prefix again.
 *
 * <p>The block decoder is aircompressor's pure-Java one ({@code ZstdFrameDecompressor}, the same code its one-shot
 * {@code ZstdDecompressor} runs), reached through a private method-handle lookup because aircompressor exposes only
 * whole-frame and stream decoding. Its state between blocks (entropy tables, repeat offsets, Huffman table) lives in
 * the decompressor instance kept here. When the lookup is not possible (another aircompressor version),
 * {@link #AVAILABLE} is false and callers decode by one-shot prefixes instead. The frame checksum, when present, is
 * verified once the last block is decoded (as libzim's streaming decoder does; a partial read is not verified).
 */
final class ZstdBlocks implements ClusterData.PrefixSource {

    private static final int MAX_BLOCK = 128 << 10;
    /** Room a block may need: its decoded size, plus the 8 bytes the decoder's wide copies may touch. */
    private static final int BLOCK_ROOM = MAX_BLOCK + 64;

    static final boolean AVAILABLE;
    private static final long BYTE_BASE;
    private static final MethodHandle NEW;
    private static final MethodHandle RESET;
    private static final MethodHandle COMPRESSED;
    private static final MethodHandle RAW;
    private static final MethodHandle RLE;
    private static final MethodHandle HASH;

    static {
        boolean ok = false;
        long base = 0;
        MethodHandle nw = null;
        MethodHandle reset = null;
        MethodHandle comp = null;
        MethodHandle raw = null;
        MethodHandle rle = null;
        MethodHandle hash = null;
        try {
            Class<?> fd = Class.forName("io.airlift.compress.zstd.ZstdFrameDecompressor");
            Class<?> xx = Class.forName("io.airlift.compress.zstd.XxHash64");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(fd, MethodHandles.lookup());
            MethodHandles.Lookup lx = MethodHandles.privateLookupIn(xx, MethodHandles.lookup());
            nw = l.findConstructor(fd, MethodType.methodType(void.class)).asType(MethodType.methodType(Object.class));
            reset = l.findVirtual(fd, "reset", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            comp = l.findVirtual(fd, "decodeCompressedBlock", MethodType.methodType(int.class, Object.class, long.class,
                    int.class, Object.class, long.class, long.class, int.class, long.class))
                    .asType(MethodType.methodType(int.class, Object.class, Object.class, long.class, int.class,
                            Object.class, long.class, long.class, int.class, long.class));
            raw = l.findStatic(fd, "decodeRawBlock", MethodType.methodType(int.class, Object.class, long.class,
                    int.class, Object.class, long.class, long.class));
            rle = l.findStatic(fd, "decodeRleBlock", MethodType.methodType(int.class, int.class, Object.class,
                    long.class, Object.class, long.class, long.class));
            hash = lx.findStatic(xx, "hash", MethodType.methodType(long.class, long.class, Object.class, long.class,
                    int.class));
            Class<?> unsafe = Class.forName("sun.misc.Unsafe");
            base = unsafe.getField("ARRAY_BYTE_BASE_OFFSET").getInt(null);
            ok = reset != null && selfTest(nw, comp, raw, rle, hash, base);
        } catch (Throwable e) {
            ok = false;   // another aircompressor: one-shot prefixes instead
        }
        AVAILABLE = ok;
        BYTE_BASE = base;
        NEW = nw;
        RESET = reset;
        COMPRESSED = comp;
        RAW = raw;
        RLE = rle;
        HASH = hash;
    }

    /** Decodes a tiny known frame (a raw block) through the handles, so a changed library is noticed at once. */
    private static boolean selfTest(MethodHandle nw, MethodHandle comp, MethodHandle raw, MethodHandle rle,
            MethodHandle hash, long base) throws Throwable {
        byte[] out = new byte[16];
        byte[] in = {'z', 'i', 'm'};
        int n = (int) raw.invokeExact((Object) in, base, 3, (Object) out, base, base + out.length);
        int m = (int) rle.invokeExact(4, (Object) in, base, (Object) out, base + 3, base + out.length);
        long h = (long) hash.invokeExact(0L, (Object) out, base, 7);
        return n == 3 && m == 4 && out[0] == 'z' && out[2] == 'm' && out[3] == 'z' && out[6] == 'z'
                && nw.invoke() != null && comp != null && h != 0;
    }

    private final String what;
    private final long maxBytes;
    private final int windowSize;
    private final boolean checksum;
    private byte[] in;
    private long inPos;
    private long inLimit;
    private final int inLength;
    private Object decoder;
    private byte[] out = new byte[0];
    private int outPos;
    private long total = -1;
    private boolean done;

    /**
     * @param input the compressed bytes of the frame (starting at its magic number; bytes after it are ignored)
     * @param frame {@link Decoders#zstdFrame}'s answer for it: length and declared content size
     */
    ZstdBlocks(ByteBuffer input, long[] frame, long maxBytes, String what) {
        this.what = what;
        this.maxBytes = maxBytes;
        int len = (int) frame[0];
        if (input.hasArray()) {
            this.in = input.array();
            this.inPos = BYTE_BASE + input.arrayOffset() + input.position();
        } else {
            this.in = new byte[len];
            input.duplicate().get(this.in);
            this.inPos = BYTE_BASE;
        }
        this.inLimit = inPos + len;
        this.inLength = len;
        ByteBuffer b = ByteBuffer.wrap(this.in, (int) (inPos - BYTE_BASE), len).slice();
        int fhd = b.get(4) & 0xFF;
        boolean single = (fhd & 0x20) != 0;
        int dictBytes = switch (fhd & 3) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            default -> 4;
        };
        int fcsFlag = fhd >>> 6;
        int fcsBytes = switch (fcsFlag) {
            case 0 -> single ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        long window;
        if (single) {
            window = frame[1];
        } else {
            int wd = b.get(5) & 0xFF;
            long wbase = 1L << (10 + (wd >>> 3));
            window = wbase + (wbase / 8) * (wd & 7);
        }
        this.windowSize = (int) Math.min(Integer.MAX_VALUE, Math.max(0, window));
        this.checksum = (fhd & 0x04) != 0;
        this.inPos += 5 + (single ? 0 : 1) + dictBytes + fcsBytes;
        if (frame[1] >= 0) {
            total = frame[1];
        }
        try {
            this.decoder = NEW.invokeExact();
            RESET.invokeExact(decoder);   // the frame's start state (repeat offsets 1, 4, 8; no tables)
        } catch (Throwable t) {
            throw Decoders.failure(what, t instanceof RuntimeException r ? r : new IllegalStateException(t));
        }
    }

    @Override
    public void sizeHint(long dataSize) {
        if (total < 0) {
            total = dataSize;
        }
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public ClusterData.Prefix decode(long need) {
        try {
            while (!done && (need < 0 || outPos < need)) {
                block(need);
            }
        } catch (ZimException e) {
            release();
            throw e;
        } catch (Throwable t) {
            release();
            throw Decoders.failure(what, t instanceof RuntimeException r ? r : new IllegalStateException(t));
        }
        return new ClusterData.Prefix(out, outPos, done);
    }

    /** Decodes the next block into {@code out}, grown first when less than a block's room is left. */
    private void block(long need) throws Throwable {
        if (inPos + 3 > inLimit) {
            throw new ZimFormatException(what + ": zstd frame truncated");
        }
        int h = (in[(int) (inPos - BYTE_BASE)] & 0xFF) | (in[(int) (inPos - BYTE_BASE) + 1] & 0xFF) << 8
                | (in[(int) (inPos - BYTE_BASE) + 2] & 0xFF) << 16;
        inPos += 3;
        boolean last = (h & 1) != 0;
        int type = (h >>> 1) & 3;
        int size = h >>> 3;
        long inNeed = type == 1 ? 1 : size;
        if (type == 3 || size > MAX_BLOCK || inPos + inNeed > inLimit) {
            throw new ZimFormatException(what + ": bad zstd block");
        }
        room(need);
        long o = BYTE_BASE + outPos;
        long limit = BYTE_BASE + out.length;
        int n = switch (type) {
            case 0 -> (int) RAW.invokeExact((Object) in, inPos, size, (Object) out, o, limit);
            case 1 -> (int) RLE.invokeExact(size, (Object) in, inPos, (Object) out, o, limit);
            default -> (int) COMPRESSED.invokeExact(decoder, (Object) in, inPos, size, (Object) out, o, limit,
                    windowSize, BYTE_BASE);
        };
        inPos += inNeed;
        outPos += n;
        if (last) {
            if (checksum) {
                if (inPos + 4 > inLimit) {
                    throw new ZimFormatException(what + ": zstd frame truncated");
                }
                int p = (int) (inPos - BYTE_BASE);
                int stored = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16 | (in[p + 3] & 0xFF) << 24;
                long hash = (long) HASH.invokeExact(0L, (Object) out, BYTE_BASE, outPos);
                if (stored != (int) hash) {
                    throw new ZimFormatException(what + ": zstd checksum mismatch");
                }
            }
            done = true;
            release();
        }
    }

    /** Grows {@code out} so that a whole block fits after {@code outPos}. */
    private void room(long need) {
        if (out.length - outPos >= BLOCK_ROOM) {
            return;
        }
        long want = Math.max((long) outPos + BLOCK_ROOM, Math.max(need + BLOCK_ROOM, out.length + (out.length >> 1)));
        if (total >= 0) {
            want = Math.min(want, Math.max(total + BLOCK_ROOM, (long) outPos + BLOCK_ROOM));
        }
        if (want > maxBytes + BLOCK_ROOM) {
            if ((long) outPos + BLOCK_ROOM > maxBytes + BLOCK_ROOM) {
                throw new ZimException(ErrorCodes.TOO_LARGE, what + ": decompressed size is above the cluster limit of "
                        + maxBytes + " bytes");
            }
            want = maxBytes + BLOCK_ROOM;
        }
        out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, want));
    }

    @Override
    public void release() {
        decoder = null;
        in = null;
    }

    @Override
    public long heldBytes() {
        return decoder == null ? 0 : inLength + MAX_BLOCK + (16 << 10);
    }
}
