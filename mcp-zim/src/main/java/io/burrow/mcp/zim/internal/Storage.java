package io.burrow.mcp.zim.internal;

import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an archive (one file or the concatenated parts of a split archive), read through
 * read-only memory-mapped windows so that archives over 2 GiB work; every read is bounds-checked and
 * a read outside the archive raises {@link ZimFormatException}. Thread-safe: only absolute reads.
 */
public final class Storage implements AutoCloseable {

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** One file of the archive. */
    public record Part(Path path, long start, long size) {
    }

    private final List<Part> parts;
    private final long[] partStarts;
    private final long size;
    private final int windowShift;
    private final long windowMask;
    private final ByteBuffer[] windows;
    private final List<FileChannel> channels;

    private Storage(List<Part> parts, ByteBuffer[] windows, int windowShift, long size, List<FileChannel> channels) {
        this.parts = List.copyOf(parts);
        this.partStarts = parts.stream().mapToLong(Part::start).toArray();
        this.windows = windows;
        this.windowShift = windowShift;
        this.windowMask = (1L << windowShift) - 1;
        this.size = size;
        this.channels = channels;
    }

    /** Maps the given files, in order, as one archive. */
    public static Storage map(List<Path> files, long windowBytes) {
        int shift = 63 - Long.numberOfLeadingZeros(windowBytes);
        long window = 1L << shift;
        List<FileChannel> channels = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        try {
            long total = 0;
            for (Path f : files) {
                FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
                channels.add(ch);
                long s = ch.size();
                parts.add(new Part(f, total, s));
                total += s;
            }
            long count = (total + window - 1) >>> shift;
            if (count > Integer.MAX_VALUE) {
                throw new ZimFormatException("archive too large");
            }
            ByteBuffer[] windows = new ByteBuffer[(int) count];
            for (int w = 0; w < count; w++) {
                long from = (long) w << shift;
                long to = Math.min(total, from + window);
                windows[w] = mapRange(parts, channels, from, to);
            }
            return new Storage(parts, windows, shift, total, channels);
        } catch (IOException e) {
            for (FileChannel ch : channels) {
                closeQuietly(ch);
            }
            throw new ZimException(ZimException.IO_ERROR, "cannot open archive '" + name(files) + "'", e);
        } catch (RuntimeException e) {
            for (FileChannel ch : channels) {
                closeQuietly(ch);
            }
            throw e;
        }
    }

    /** Wraps bytes in memory (tests, fuzzing) as an archive, windowed like a file. */
    public static Storage of(ByteBuffer data, long windowBytes) {
        int shift = 63 - Long.numberOfLeadingZeros(windowBytes);
        long window = 1L << shift;
        long total = data.remaining();
        int count = (int) ((total + window - 1) >>> shift);
        ByteBuffer[] windows = new ByteBuffer[count];
        for (int w = 0; w < count; w++) {
            int from = (int) ((long) w << shift);
            int to = (int) Math.min(total, from + window);
            windows[w] = data.slice(data.position() + from, to - from).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new Storage(List.of(new Part(Path.of("memory.zim"), 0, total)), windows, shift, total, List.of());
    }

    private static ByteBuffer mapRange(List<Part> parts, List<FileChannel> channels, long from, long to)
            throws IOException {
        int len = (int) (to - from);
        // the common case: the window lies in one part
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (from >= p.start() && to <= p.start() + p.size()) {
                MappedByteBuffer m = channels.get(i).map(FileChannel.MapMode.READ_ONLY, from - p.start(), len);
                return m.order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        // a window spanning split parts: copy it together (split parts are usually >= 1 window)
        ByteBuffer buf = ByteBuffer.allocateDirect(len).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            long s = Math.max(from, p.start());
            long e = Math.min(to, p.start() + p.size());
            if (s >= e) {
                continue;
            }
            ByteBuffer dst = buf.duplicate();
            dst.position((int) (s - from)).limit((int) (e - from));
            long pos = s - p.start();
            while (dst.hasRemaining()) {
                int n = channels.get(i).read(dst, pos);
                if (n < 0) {
                    throw new IOException("unexpected end of part");
                }
                pos += n;
            }
        }
        return buf;
    }

    private static String name(List<Path> files) {
        Path f = files.isEmpty() ? null : files.get(0).getFileName();
        return f == null ? "?" : f.toString();
    }

    /** Total size in bytes. */
    public long size() {
        return size;
    }

    /** The parts (one for a single-file archive). */
    public List<Part> parts() {
        return parts;
    }

    /** The part holding the whole range {@code [offset, offset+len)}, or -1 if it straddles parts. */
    public int partOf(long offset, long len) {
        int lo = 0;
        int hi = partStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (partStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Part p = parts.get(lo);
        return offset + len <= p.start() + p.size() ? lo : -1;
    }

    /** Throws unless {@code [offset, offset+len)} lies inside the archive. */
    public void check(long offset, long len, String what) {
        if (offset < 0 || len < 0 || offset > size - len) {
            throw new ZimFormatException(what + " lies outside the archive (offset " + offset + ", "
                    + len + " bytes, archive " + size + " bytes)");
        }
    }

    public int u8(long pos) {
        check(pos, 1, "byte");
        return windows[(int) (pos >>> windowShift)].get((int) (pos & windowMask)) & 0xFF;
    }

    public int u16(long pos) {
        check(pos, 2, "16-bit value");
        int w = (int) (pos >>> windowShift);
        int o = (int) (pos & windowMask);
        ByteBuffer b = windows[w];
        if (o <= b.limit() - 2) {
            return b.getShort(o) & 0xFFFF;
        }
        return u8(pos) | (u8(pos + 1) << 8);
    }

    public long u32(long pos) {
        check(pos, 4, "32-bit value");
        int w = (int) (pos >>> windowShift);
        int o = (int) (pos & windowMask);
        ByteBuffer b = windows[w];
        if (o <= b.limit() - 4) {
            return b.getInt(o) & 0xFFFFFFFFL;
        }
        return u16(pos) | ((long) u16(pos + 2) << 16);
    }

    public long u64(long pos) {
        check(pos, 8, "64-bit value");
        int w = (int) (pos >>> windowShift);
        int o = (int) (pos & windowMask);
        ByteBuffer b = windows[w];
        if (o <= b.limit() - 8) {
            return b.getLong(o);
        }
        return u32(pos) | (u32(pos + 4) << 32);
    }

    /** Copies {@code len} bytes at {@code pos} into {@code dst}. */
    public void read(long pos, byte[] dst, int off, int len) {
        check(pos, len, "data");
        while (len > 0) {
            int w = (int) (pos >>> windowShift);
            int o = (int) (pos & windowMask);
            ByteBuffer b = windows[w];
            int n = Math.min(len, b.limit() - o);
            b.get(o, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** A copy of {@code len} bytes at {@code pos}. */
    public byte[] bytes(long pos, int len) {
        byte[] b = new byte[len];
        read(pos, b, 0, len);
        return b;
    }

    /**
     * Offset of the first NUL byte in {@code [from, min(limit, size))}, or -1 if there is none.
     */
    public long indexOfNul(long from, long limit) {
        long end = Math.min(limit, size);
        long pos = from;
        while (pos < end) {
            int w = (int) (pos >>> windowShift);
            int o = (int) (pos & windowMask);
            ByteBuffer b = windows[w];
            int stop = (int) Math.min(b.limit(), o + (end - pos));
            for (int i = o; i < stop; i++) {
                if (b.get(i) == 0) {
                    return pos + (i - o);
                }
            }
            pos += stop - o;
        }
        return -1;
    }

    /**
     * Compares the NUL-terminated byte string at {@code pos} with {@code key}, as unsigned bytes
     * (shorter first when one is a prefix of the other). {@code limit} bounds the scan.
     */
    public int compareCString(long pos, long limit, byte[] key) {
        long end = Math.min(limit, size);
        int k = 0;
        // fast path: skip equal 8-byte chunks inside one window (paths share long prefixes)
        if (pos >= 0 && pos < end) {
            ByteBuffer b = windows[(int) (pos >>> windowShift)];
            int o = (int) (pos & windowMask);
            int room = (int) Math.min(b.limit() - o, end - pos);
            while (k + 8 <= key.length && k + 8 <= room) {
                if (b.getLong(o + k) != (long) LONG_LE.get(key, k)) {
                    break;
                }
                k += 8;
            }
            pos += k;
        }
        while (true) {
            if (pos >= end) {
                throw new ZimFormatException("unterminated string at offset " + pos);
            }
            int c = windows[(int) (pos >>> windowShift)].get((int) (pos & windowMask)) & 0xFF;
            if (c == 0) {
                return k == key.length ? 0 : -1;
            }
            if (k == key.length) {
                return 1;
            }
            int d = c - (key[k] & 0xFF);
            if (d != 0) {
                return d;
            }
            pos++;
            k++;
        }
    }

    /**
     * Compares the NUL-terminated byte string at {@code pos} with the prefix {@code key}: 0 when
     * the string starts with {@code key}, else the sign of the string against the key.
     */
    public int comparePrefix(long pos, long limit, byte[] key) {
        long end = Math.min(limit, size);
        for (int k = 0; k < key.length; k++, pos++) {
            if (pos >= end) {
                throw new ZimFormatException("unterminated string at offset " + pos);
            }
            int c = windows[(int) (pos >>> windowShift)].get((int) (pos & windowMask)) & 0xFF;
            if (c == 0) {
                return -1;
            }
            int d = c - (key[k] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    /** A stream over {@code [from, to)} (no copy of the whole range). */
    public InputStream stream(long from, long to) {
        check(from, to - from, "stream");
        return new InputStream() {
            private long pos = from;

            @Override
            public int read() {
                return pos < to ? u8(pos++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= to) {
                    return -1;
                }
                int n = (int) Math.min(len, to - pos);
                Storage.this.read(pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long k = Math.max(0, Math.min(n, to - pos));
                pos += k;
                return k;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, to - pos);
            }
        };
    }

    /**
     * A read-only view of {@code len} bytes at {@code pos}: a slice of the mapping when the range
     * lies in one window, else a copy.
     */
    public ByteBuffer slice(long pos, int len) {
        check(pos, len, "data");
        int w = (int) (pos >>> windowShift);
        int o = (int) (pos & windowMask);
        ByteBuffer b = windows[w];
        if (o <= b.limit() - len) {
            return b.slice(o, len).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        return ByteBuffer.wrap(bytes(pos, len)).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@code len} bytes at {@code pos} as a buffer decoders can read directly: a direct or
     * array-backed slice of the mapping when the range lies in one window, else a copy. Not to be
     * handed out: it may be writable when the archive is in memory.
     */
    public ByteBuffer decoderInput(long pos, int len) {
        check(pos, len, "data");
        int w = (int) (pos >>> windowShift);
        int o = (int) (pos & windowMask);
        ByteBuffer b = windows[w];
        if (o <= b.limit() - len) {
            ByteBuffer sl = b.slice(o, len);
            if (sl.isDirect() || sl.hasArray()) {
                return sl;
            }
        }
        return ByteBuffer.wrap(bytes(pos, len));
    }

    /** Feeds {@code [from, to)} to {@code md}, window by window. */
    public void digest(java.security.MessageDigest md, long from, long to) {
        check(from, to - from, "checksummed range");
        long pos = from;
        while (pos < to) {
            int w = (int) (pos >>> windowShift);
            int o = (int) (pos & windowMask);
            ByteBuffer b = windows[w];
            int n = (int) Math.min(b.limit() - o, to - pos);
            md.update(b.slice(o, n));
            pos += n;
        }
    }

    @Override
    public void close() {
        for (FileChannel ch : channels) {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
