package io.burrow.mcp.zim;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.internal.ClusterData;
import io.burrow.mcp.zim.internal.Decoders;
import io.burrow.mcp.zim.internal.Storage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Cluster reading, the one place blobs are read: the cluster pointer list, where a blob lies ({@link #locate}), and
 * its bytes. Blobs of stored clusters are read straight from the file; compressed clusters are decoded through the
 * {@link ClusterCache} (zstd by prefixes, xz as a stream continued as reads need) into {@link ClusterData}, whose
 * blob offset tables are kept for a re-decode.
 */
final class ClusterReader {

    /** Where a blob lives: the file offset of a stored blob, or the decoded cluster of a compressed one. */
    record BlobRef(long cluster, Compression compression, long absStart, long start, long size,
            WeakReference<ClusterData> data) {
    }

    private final long archiveId;
    private final Storage storage;
    private final ZimHeader header;
    private final ZimOptions options;
    private final ClusterCache cache;
    private final int clusterCount;
    private final int entryCount;
    private final long clusterAreaEnd;
    private final Runnable ensureOpen;
    /** Blob offset tables of compressed clusters seen, so a re-decode skips the table phase (bounded). */
    private final com.github.benmanes.caffeine.cache.Cache<Long, long[]> tables =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumWeight(2L << 20)
                    .weigher((Long k, long[] v) -> 8 * v.length + 32)
                    .executor(Runnable::run)
                    .build();

    /**
     * @param clusterAreaEnd where cluster data ends (the checksum, or the end of the file)
     * @param ensureOpen raises {@code ZIM_CLOSED} once the archive is closed (checked before a cluster is decoded)
     */
    ClusterReader(long archiveId, Storage storage, ZimHeader header, ZimOptions options, ClusterCache cache,
            long clusterAreaEnd, Runnable ensureOpen) {
        this.archiveId = archiveId;
        this.storage = storage;
        this.header = header;
        this.options = options;
        this.cache = cache;
        this.clusterCount = (int) header.clusterCount();
        this.entryCount = (int) header.entryCount();
        this.clusterAreaEnd = clusterAreaEnd;
        this.ensureOpen = ensureOpen;
    }

    long clusterOffset(long cluster) {
        if (cluster < 0 || cluster >= clusterCount) {
            throw new ZimFormatException("cluster " + cluster + " out of range (" + clusterCount + " clusters)");
        }
        long o = storage.u64(header.clusterPtrPos() + 8L * cluster);
        if (o < header.mimeListPos() || o >= clusterAreaEnd) {
            throw new ZimFormatException("cluster " + cluster + " pointer out of bounds (" + o + ")");
        }
        return o;
    }

    /** End bound of cluster {@code cluster}'s bytes: the next cluster's start, or the data area end. */
    long clusterEnd(long cluster, long offset) {
        if (cluster + 1 < clusterCount) {
            long next = storage.u64(header.clusterPtrPos() + 8L * (cluster + 1));
            if (next <= offset) {
                throw new ZimFormatException("cluster offsets decrease at cluster " + (cluster + 1)
                        + " (" + next + " after " + offset + ")");
            }
            return Math.min(next, clusterAreaEnd);
        }
        long end = clusterAreaEnd;
        for (long p : new long[] {header.pathPtrPos(), header.clusterPtrPos()}) {
            if (p > offset && p < end) {
                end = p;
            }
        }
        return end;
    }

    BlobRef locate(long cluster, long blob) {
        long off = clusterOffset(cluster);
        long end = clusterEnd(cluster, off);
        int info = storage.u8(off);
        Compression c = Compression.ofInfo(info);
        String what = "cluster " + cluster;
        if (c == null) {
            throw new ZimFormatException(what + ": invalid compression flag " + (info & 0x0F));
        }
        if (c == Compression.ZLIB || c == Compression.BZIP2) {
            throw new ZimException(ZimErrors.UNSUPPORTED, what + ": " + c.name().toLowerCase()
                    + " compression is not supported (libzim does not enable it either)");
        }
        boolean extended = (info & 0x10) != 0;
        int width = extended ? 8 : 4;
        if (c == Compression.NONE) {
            long data = off + 1;
            long first = firstOffset(cluster, data, end, width);
            long count = first / width - 1;
            if (blob < 0 || blob >= count) {
                throw new ZimFormatException(what + ": blob " + blob + " out of range (" + count + " blobs)");
            }
            long s = width == 8 ? storage.u64(data + blob * 8) : storage.u32(data + blob * 4);
            long e = width == 8 ? storage.u64(data + blob * 8 + 8) : storage.u32(data + blob * 4 + 4);
            if (s < first || e < s || e > end - data) {
                throw new ZimFormatException(what + ": blob " + blob + " offsets out of bounds");
            }
            return new BlobRef(cluster, c, data + s, s, e - s, null);
        }
        ClusterData cd = clusterData(cluster, c, off, end, extended);
        return new BlobRef(cluster, c, -1, cd.blobStart(blob), cd.blobSize(blob), new WeakReference<>(cd));
    }

    private ClusterData clusterData(long cluster, Compression c, long off, long end, boolean extended) {
        ensureOpen.run();
        return cache.get(new ClusterCache.Key(archiveId, cluster), k -> newClusterData(cluster, c, off, end, extended));
    }

    /** Decodes a compressed cluster: zstd at once, xz lazily as far as reads need. */
    private ClusterData newClusterData(long cluster, Compression c, long off, long end, boolean extended) {
        String what = "cluster " + cluster + " (" + c.name().toLowerCase() + ")";
        if (c == Compression.ZSTD) {
            ClusterData cd = new ClusterData(Decoders.zstdPrefixes(storage, off + 1, end, options.maxClusterBytes(), what),
                    tables.getIfPresent(cluster), extended, (long) entryCount + 1, options.maxClusterBytes(), what);
            tables.put(cluster, cd.offsets());
            return cd;
        }
        InputStream in = Decoders.open(c, storage, off + 1, end, options.maxDecoderMemoryBytes(), what);
        return new ClusterData(in, extended, (long) entryCount + 1, options.maxClusterBytes(), what);
    }

    private ClusterData clusterData(BlobRef ref) {
        ClusterData held = ref.data() == null ? null : ref.data().get();
        if (held != null) {
            return held;
        }
        long off = clusterOffset(ref.cluster());
        int info = storage.u8(off);
        return clusterData(ref.cluster(), ref.compression(), off, clusterEnd(ref.cluster(), off), (info & 0x10) != 0);
    }

    /** The decoded cluster buffer holding at least {@code [0, end)}. */
    private byte[] filled(BlobRef ref, long end) {
        ClusterData cd = clusterData(ref);
        byte[] ready = cd.ifDecoded(end);
        if (ready != null) {
            return ready;
        }
        int before = cd.weight();
        byte[] b = cd.fill(end);
        if (cd.weight() != before) {
            cache.reweigh(new ClusterCache.Key(archiveId, ref.cluster()), cd);
        }
        return b;
    }

    /** The blob's size as the length of one array or buffer ({@code TOO_LARGE} above 2 GiB). */
    private static int length(BlobRef ref, String holder) {
        if (ref.size() > Integer.MAX_VALUE - 16) {
            throw new ZimException(ErrorCodes.TOO_LARGE, "content of " + ref.size() + " bytes is too large for one "
                    + holder);
        }
        return (int) ref.size();
    }

    byte[] content(BlobRef ref) {
        int n = length(ref, "array");
        if (ref.compression() == Compression.NONE) {
            return storage.bytes(ref.absStart(), n);
        }
        byte[] b = filled(ref, ref.start() + n);
        // copyOfRange is an intrinsic that skips zeroing the new array
        return java.util.Arrays.copyOfRange(b, (int) ref.start(), (int) ref.start() + n);
    }

    ByteBuffer contentBuffer(BlobRef ref) {
        int n = length(ref, "buffer");
        if (ref.compression() == Compression.NONE) {
            return storage.slice(ref.absStart(), n);
        }
        byte[] b = filled(ref, ref.start() + n);
        return ByteBuffer.wrap(b, (int) ref.start(), n).slice().asReadOnlyBuffer();
    }

    int read(BlobRef ref, long position, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (position >= ref.size()) {
            return len == 0 ? 0 : -1;
        }
        int n = (int) Math.min(len, ref.size() - position);
        if (ref.compression() == Compression.NONE) {
            storage.read(ref.absStart() + position, dst, off, n);
        } else {
            byte[] b = filled(ref, ref.start() + position + n);
            System.arraycopy(b, (int) (ref.start() + position), dst, off, n);
        }
        return n;
    }

    InputStream stream(BlobRef ref) {
        if (ref.compression() == Compression.NONE) {
            return storage.stream(ref.absStart(), ref.absStart() + ref.size());
        }
        if (ref.size() <= Integer.MAX_VALUE - 16) {
            return new ByteArrayInputStream(content(ref));
        }
        throw new ZimException(ErrorCodes.TOO_LARGE, "content too large");
    }

    Optional<DirectAccess> directAccess(BlobRef ref) {
        if (ref.compression() != Compression.NONE) {
            return Optional.empty();
        }
        int part = storage.partOf(ref.absStart(), ref.size());
        if (part < 0) {
            return Optional.empty();
        }
        Storage.Part p = storage.parts().get(part);
        return Optional.of(new DirectAccess(p.path(), ref.absStart() - p.start(), ref.absStart(), ref.size()));
    }

    /** Facts about a cluster; a compressed cluster is decoded completely (without the cache) to learn its size. */
    ClusterInfo clusterInfo(int cluster) {
        long off = clusterOffset(cluster);
        long end = clusterEnd(cluster, off);
        int info = storage.u8(off);
        Compression c = Compression.ofInfo(info);
        boolean extended = (info & 0x10) != 0;
        if (c == Compression.NONE) {
            int width = extended ? 8 : 4;
            long first = width == 8 ? storage.u64(off + 1) : storage.u32(off + 1);
            long last = checkUncompressedTable(cluster, off, end, width);
            return new ClusterInfo(cluster, off, c, extended, first / width - 1, last);
        }
        ClusterData cd = decodeCluster(cluster);
        return new ClusterInfo(cluster, off, c, extended, cd.blobCount(), cd.dataSize());
    }

    /** The first offset of an uncompressed cluster's table (its size), checked against the cluster's end. */
    private long firstOffset(long cluster, long data, long end, int width) {
        long first = width == 8 ? storage.u64(data) : storage.u32(data);
        if (first < 0 || first % width != 0 || first < width || (first != width && first < 2L * width)
                || first > end - data) {
            throw new ZimFormatException("cluster " + cluster + ": invalid blob offset table");
        }
        return first;
    }

    /** Validates every blob offset of an uncompressed cluster; returns the data size. */
    private long checkUncompressedTable(long cluster, long off, long end, int width) {
        long data = off + 1;
        long first = firstOffset(cluster, data, end, width);
        long count = first / width - 1;
        long prev = first;
        for (long i = 1; i <= count; i++) {
            long o = width == 8 ? storage.u64(data + i * 8) : storage.u32(data + i * 4);
            if (o < prev || o > end - data) {
                throw new ZimFormatException("cluster " + cluster + ": blob " + i + " offset out of bounds");
            }
            prev = o;
        }
        return prev;
    }

    /** Decodes a whole compressed cluster without the cache (integrity checks); null for a stored one. */
    ClusterData decodeCluster(long cluster) {
        long off = clusterOffset(cluster);
        long end = clusterEnd(cluster, off);
        int info = storage.u8(off);
        Compression c = Compression.ofInfo(info);
        if (c == null) {
            throw new ZimFormatException("cluster " + cluster + ": invalid compression flag " + (info & 0x0F));
        }
        if (c == Compression.ZLIB || c == Compression.BZIP2) {
            throw new ZimException(ZimErrors.UNSUPPORTED, "cluster " + cluster + ": " + c.name().toLowerCase()
                    + " compression is not supported");
        }
        if (c == Compression.NONE) {
            checkUncompressedTable(cluster, off, end, (info & 0x10) != 0 ? 8 : 4);
            return null;
        }
        ClusterData cd = newClusterData(cluster, c, off, end, (info & 0x10) != 0);
        cd.fillAll();
        return cd;
    }

    /** Drops this archive's decoded clusters from the cache. */
    void evict() {
        cache.invalidateArchive(archiveId);
    }
}
