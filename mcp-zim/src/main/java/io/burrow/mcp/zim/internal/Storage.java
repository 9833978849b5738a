package io.burrow.mcp.zim.internal;

import io.burrow.mcp.zim.ZimErrors;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an archive (one file or the concatenated parts of a split archive); every read is bounds-checked
 * and a read outside the archive raises {@link ZimFormatException}. Thread-safe: only absolute reads.
 *
 * <p><b>Files</b> are read with positional reads ({@link FileChannel#read(ByteBuffer, long)}) through a small
 * cache of {@value #PAGE_BYTES}-byte pages (filled on use, at most {@value #MAX_CACHED_PAGES} pages between two
 * flushes), which holds what lookups touch again and again (pointer lists, dirents, title lists); reads of a page or
 * more (cluster data, blobs, checksums) go to the file directly. Files are deliberately not memory-mapped: a mapped read past the end of
 * a file truncated while it is open raises {@code SIGBUS}, which HotSpot turns into an {@link InternalError}
 * delivered asynchronously, at a later safepoint of the reading thread, after the read has returned garbage, so
 * it can neither be caught where it happens nor kept out of unrelated code (a class being initialised there is
 * poisoned for the life of the JVM). A positional read of a truncated file simply comes back short.
 *
 * <p><b>Files that change.</b> Each part's {@link FileStamp} (size, modification and change times, device and
 * inode) is recorded when it is opened; {@link #changed()} compares it with the file now. A read that finds a
 * file shorter than when it was opened raises {@code ARCHIVE_CHANGED}. Archives {@linkplain #of in memory}
 * go through the same page cache (copied from the buffer) and never change.
 */
public final class Storage implements AutoCloseable {

    static {
        // initialised up front, so that no failure of a read can ever land in their static initialisation
        for (Class<?> c : List.of(ZimErrors.class, ZimException.class, ZimFormatException.class,
                io.burrow.mcp.zim.ZimEntryNotFoundException.class)) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Page size of the cache (a power of two). */
    static final int PAGE_BYTES = 4096;
    private static final int PAGE_SHIFT = 12;

    /** What a client is told to do about an archive that changed under a read. */
    public static final String CHANGED_HINT = "The archive's file was replaced or modified while it was served; retry "
            + "the call. Replace archives by writing the new file elsewhere and renaming it over the old one.";

    /** One file of the archive. */
    public record Part(Path path, long start, long size) {
    }

    private final String name;
    private final List<Part> parts;
    private final long[] partStarts;
    private final long size;
    /** The bytes of an archive in memory; null for files. */
    private final ByteBuffer data;
    private final FileChannel[] channels;
    private final List<FileStamp> stamps;
    /**
     * The page cache: {@code dir[w >>> 10][w & 1023]} is page {@code w} ({@value #PAGE_BYTES} bytes, the last one
     * shorter), or null. Pages are immutable once published (release store, acquire load). When more than
     * {@value #MAX_CACHED_PAGES} pages were loaded since the last flush, the whole cache is dropped: no list to keep,
     * nothing to lock, and the pages lookups keep touching come back at once.
     */
    private final byte[][][] dir;
    private final java.util.concurrent.atomic.AtomicInteger loaded = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    private static final java.lang.invoke.VarHandle PAGE_REF =
            java.lang.invoke.MethodHandles.arrayElementVarHandle(byte[][].class);
    private static final java.lang.invoke.VarHandle SHORT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Pages loaded before the cache is flushed: 8 MiB. */
    static final int MAX_CACHED_PAGES = 2048;
    private static final int DIR_SHIFT = 10;

    private Storage(String name, List<Part> parts, long size, ByteBuffer data, FileChannel[] channels,
            List<FileStamp> stamps) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.partStarts = parts.stream().mapToLong(Part::start).toArray();
        this.size = size;
        this.data = data;
        this.channels = channels;
        this.stamps = stamps;
        long pages = (size + PAGE_BYTES - 1) >>> PAGE_SHIFT;
        if (pages > Integer.MAX_VALUE) {
            throw new ZimFormatException("archive too large");
        }
        this.dir = new byte[(int) ((pages + (1 << DIR_SHIFT) - 1) >>> DIR_SHIFT)][][];
    }

    /**
     * Opens the given files, in order, as one archive.
     *
     * @param windowBytes unused (files are read in pages; kept for callers of the former mapped reader)
     */
    public static Storage map(List<Path> files, long windowBytes) {
        return open(files);
    }

    /** Opens the given files, in order, as one archive read with positional reads. */
    public static Storage open(List<Path> files) {
        List<FileChannel> channels = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        List<FileStamp> stamps = new ArrayList<>();
        try {
            long total = 0;
            for (Path f : files) {
                FileStamp stamp = FileStamp.of(f);
                FileChannel ch = FileChannel.open(f, StandardOpenOption.READ);
                channels.add(ch);
                long s = ch.size();
                if (s != stamp.size() || !stamp.equals(FileStamp.of(f))) {
                    throw new ZimException(ZimErrors.CHANGED, "archive '" + name(files)
                            + "' changed on disk while it was opened", CHANGED_HINT, null);
                }
                stamps.add(stamp);
                parts.add(new Part(f, total, s));
                total += s;
            }
            return new Storage(name(files), parts, total, null, channels.toArray(new FileChannel[0]),
                    List.copyOf(stamps));
        } catch (IOException e) {
            for (FileChannel ch : channels) {
                closeQuietly(ch);
            }
            throw new ZimException(ZimErrors.IO_ERROR, "cannot open archive '" + name(files) + "'", e);
        } catch (RuntimeException | Error e) {
            for (FileChannel ch : channels) {
                closeQuietly(ch);
            }
            throw e;
        }
    }

    /**
     * Wraps bytes in memory (tests, fuzzing, the demo archive) as an archive.
     *
     * @param windowBytes unused (kept for callers of the former windowed reader)
     */
    public static Storage of(ByteBuffer data, long windowBytes) {
        ByteBuffer d = data.slice();
        return new Storage("memory.zim", List.of(new Part(Path.of("memory.zim"), 0, d.remaining())), d.remaining(), d,
                new FileChannel[0], List.of());
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

    // ------------------------------------------------------------------ pages

    /** Page {@code w}: cached, else read. */
    private byte[] page(int w) {
        byte[][] level = dir[w >>> DIR_SHIFT];
        if (level != null) {
            byte[] p = (byte[]) PAGE_REF.getAcquire(level, w & ((1 << DIR_SHIFT) - 1));
            if (p != null) {
                return p;
            }
        }
        return loadPage(w);
    }

    private byte[] loadPage(int w) {
        long from = (long) w << PAGE_SHIFT;
        byte[] p = new byte[(int) Math.min(PAGE_BYTES, size - from)];
        fill(from, p, 0, p.length);
        if (loaded.incrementAndGet() > MAX_CACHED_PAGES) {
            loaded.set(0);
            java.util.Arrays.fill(dir, null); // (readers holding pages keep them; the rest are read again)
        }
        int hi = w >>> DIR_SHIFT;
        byte[][] level = dir[hi];
        if (level == null) {
            level = new byte[1 << DIR_SHIFT][];
            dir[hi] = level; // (a racing loader may install another level: one of them is lost, not wrong)
        }
        PAGE_REF.setRelease(level, w & ((1 << DIR_SHIFT) - 1), p);
        return p;
    }

    /** Reads {@code [pos, pos+len)} from the files or the buffer, not through the cache. */
    private void fill(long pos, byte[] dst, int off, int len) {
        if (data != null) {
            data.get((int) pos, dst, off, len);
        } else {
            readFile(pos, dst, off, len);
        }
    }

    // ------------------------------------------------------------------ reads

    public int u8(long pos) {
        check(pos, 1, "byte");
        return page((int) (pos >>> PAGE_SHIFT))[(int) pos & (PAGE_BYTES - 1)] & 0xFF;
    }

    public int u16(long pos) {
        check(pos, 2, "16-bit value");
        int o = (int) pos & (PAGE_BYTES - 1);
        byte[] p = page((int) (pos >>> PAGE_SHIFT));
        if (o <= p.length - 2) {
            return (short) SHORT_LE.get(p, o) & 0xFFFF;
        }
        return u8(pos) | (u8(pos + 1) << 8);
    }

    public long u32(long pos) {
        check(pos, 4, "32-bit value");
        int o = (int) pos & (PAGE_BYTES - 1);
        byte[] p = page((int) (pos >>> PAGE_SHIFT));
        if (o <= p.length - 4) {
            return (int) INT_LE.get(p, o) & 0xFFFFFFFFL;
        }
        return u16(pos) | ((long) u16(pos + 2) << 16);
    }

    public long u64(long pos) {
        check(pos, 8, "64-bit value");
        int o = (int) pos & (PAGE_BYTES - 1);
        byte[] p = page((int) (pos >>> PAGE_SHIFT));
        if (o <= p.length - 8) {
            return (long) LONG_LE.get(p, o);
        }
        return u32(pos) | (u32(pos + 4) << 32);
    }

    /** Copies {@code len} bytes at {@code pos} into {@code dst}. */
    public void read(long pos, byte[] dst, int off, int len) {
        check(pos, len, "data");
        if (len >= PAGE_BYTES) {
            fill(pos, dst, off, len); // bulk data: straight from the file, not through the page cache
            return;
        }
        while (len > 0) {
            int o = (int) pos & (PAGE_BYTES - 1);
            byte[] p = page((int) (pos >>> PAGE_SHIFT));
            int n = Math.min(len, p.length - o);
            System.arraycopy(p, o, dst, off, n);
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
            int o = (int) pos & (PAGE_BYTES - 1);
            byte[] p = page((int) (pos >>> PAGE_SHIFT));
            int stop = (int) Math.min(p.length, o + (end - pos));
            for (int i = o; i < stop; i++) {
                if (p[i] == 0) {
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
        // fast path: skip equal 8-byte chunks inside one page (paths share long prefixes)
        if (pos >= 0 && pos < end) {
            byte[] p = page((int) (pos >>> PAGE_SHIFT));
            int o = (int) pos & (PAGE_BYTES - 1);
            int room = (int) Math.min(p.length - o, end - pos);
            while (k + 8 <= key.length && k + 8 <= room) {
                if ((long) LONG_LE.get(p, o + k) != (long) LONG_LE.get(key, k)) {
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
            int c = page((int) (pos >>> PAGE_SHIFT))[(int) pos & (PAGE_BYTES - 1)] & 0xFF;
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
            int c = page((int) (pos >>> PAGE_SHIFT))[(int) pos & (PAGE_BYTES - 1)] & 0xFF;
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
     * A read-only view of {@code len} bytes at {@code pos}: of the cached page when the range lies in one page,
     * else a copy.
     */
    public ByteBuffer slice(long pos, int len) {
        check(pos, len, "data");
        int o = (int) pos & (PAGE_BYTES - 1);
        if (len <= PAGE_BYTES - o) {
            byte[] p = page((int) (pos >>> PAGE_SHIFT));
            return ByteBuffer.wrap(p, o, len).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        return ByteBuffer.wrap(bytes(pos, len)).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@code len} bytes at {@code pos} as a buffer decoders can read directly: a view of the archive in memory, else
     * a copy read at once. Not to be handed out: it may be writable.
     */
    public ByteBuffer decoderInput(long pos, int len) {
        check(pos, len, "data");
        if (data != null) {
            return data.slice((int) pos, len);
        }
        return ByteBuffer.wrap(bytes(pos, len));
    }

    /** Feeds {@code [from, to)} to {@code md}, in chunks of 1 MiB read from the file (or views of memory). */
    public void digest(java.security.MessageDigest md, long from, long to) {
        check(from, to - from, "checksummed range");
        if (data != null) {
            md.update(data.slice((int) from, (int) (to - from)));
            return;
        }
        byte[] chunk = new byte[(int) Math.min(1 << 20, Math.max(0, to - from))];
        for (long pos = from; pos < to; ) {
            int n = (int) Math.min(chunk.length, to - pos);
            readFile(pos, chunk, 0, n);
            md.update(chunk, 0, n);
            pos += n;
        }
    }

    // ------------------------------------------------------------------ files

    /** Reads {@code [pos, pos+len)} of the files, across parts; a file shorter than it was is {@code CHANGED}. */
    private void readFile(long pos, byte[] dst, int off, int len) {
        if (closed) {
            throw new ZimException(ZimErrors.CLOSED, "archive '" + name + "' is closed");
        }
        while (len > 0) {
            int i = partIndex(pos);
            Part p = parts.get(i);
            int n = (int) Math.min(len, p.start() + p.size() - pos);
            ByteBuffer dstBuf = ByteBuffer.wrap(dst, off, n);
            long at = pos - p.start();
            while (dstBuf.hasRemaining()) {
                int r = readPart(i, dstBuf, at);
                if (r < 0) {
                    throw changedError(null);
                }
                at += r;
            }
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Index of the part holding byte {@code pos}. */
    private int partIndex(long pos) {
        int lo = 0;
        int hi = partStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (partStarts[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * One positional read of part {@code i}. A file channel is closed for every thread when a thread reading it is
     * interrupted (a cancelled search): the part is then opened again, if it is still the same file.
     */
    private int readPart(int i, ByteBuffer dst, long at) {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = channels[i];
            try {
                return ch.read(dst, at);
            } catch (java.nio.channels.ClosedByInterruptException e) {
                reopen(i, ch);
                throw new ZimException(ZimErrors.IO_ERROR, "reading archive '" + name + "' was interrupted", null, e);
            } catch (java.nio.channels.ClosedChannelException e) {
                if (closed) {
                    throw new ZimException(ZimErrors.CLOSED, "archive '" + name + "' is closed");
                }
                if (attempt >= 3) {
                    throw new ZimException(ZimErrors.IO_ERROR, "archive '" + name + "' could not be read", null, e);
                }
                reopen(i, ch);
            } catch (IOException e) {
                throw changed() ? changedError(e)
                        : new ZimException(ZimErrors.IO_ERROR, "archive '" + name + "' could not be read", null, e);
            }
        }
    }

    /** Opens part {@code i} again after its channel was closed under us, unless another thread did already. */
    private synchronized void reopen(int i, FileChannel was) {
        if (closed || channels[i] != was) {
            return;
        }
        Part p = parts.get(i);
        try {
            FileChannel ch = FileChannel.open(p.path(), StandardOpenOption.READ);
            if (ch.size() != p.size() || !stamps.get(i).equals(FileStamp.of(p.path()))) {
                closeQuietly(ch);
                throw changedError(null); // the path now names another file: the old one cannot be reached again
            }
            channels[i] = ch;
        } catch (IOException e) {
            throw changedError(e);
        }
    }

    private ZimException changedError(Throwable cause) {
        return new ZimException(ZimErrors.CHANGED, "archive '" + name + "' changed on disk while it was read",
                CHANGED_HINT, cause);
    }

    /**
     * Whether a file of the archive changed since it was opened: it is gone, or its {@link FileStamp} differs (size,
     * times, device or inode), or the open file itself (which a rename does not touch) was truncated or extended.
     * An archive in memory never changes.
     */
    public boolean changed() {
        for (int i = 0; i < channels.length; i++) {
            try {
                FileStamp was = stamps.get(i);
                if (!was.equals(FileStamp.of(parts.get(i).path()))) {
                    return true;
                }
                // the path's file is the one opened (same device and inode) with the same size: so is the channel's,
                // unless the file system gives no file key
                FileChannel ch = channels[i];
                if (was.key() == null && ch.isOpen() && ch.size() != parts.get(i).size()) {
                    return true;
                }
            } catch (IOException e) {
                return true; // gone or unreadable
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            for (FileChannel ch : channels) {
                closeQuietly(ch);
            }
        }
        java.util.Arrays.fill(dir, null);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
