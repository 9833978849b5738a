package io.burrow.mcp.zim.search.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.zim.search.IndexBlob;
import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.IOException;

/**
 * Reads fixed-size blocks of a single-file glass database, with a small bounded cache shared by all tables of
 * that database. Block {@code n} is at offset {@code n × blockSize} of the source.
 */
public final class BlockStore {

    private final IndexBlob src;
    private final Cache<Long, byte[]> cache;
    /** True when the whole database fits in the cache: then every block read is kept. */
    private final boolean fits;

    /**
     * @param src the database bytes
     * @param maxCachedBytes upper bound of the cache (blocks are weighed by their size)
     */
    public BlockStore(IndexBlob src, long maxCachedBytes) {
        this.src = src;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(maxCachedBytes, 0))
                .weigher((Long k, byte[] v) -> v.length)
                .build();
        this.fits = src.length() <= maxCachedBytes;
    }

    public IndexBlob source() {
        return src;
    }

    /** The block {@code n} of size {@code blockSize}, kept in the cache; never modified by callers. */
    public byte[] block(long n, int blockSize) {
        return block(n, blockSize, true);
    }

    /**
     * The block {@code n} of size {@code blockSize}; never modified by callers. A block read for a scan
     * ({@code keep} false) is taken from the cache when it is there but not put there when the database is larger
     * than the cache: a scan through thousands of leaves would only push out the blocks lookups come back to.
     */
    public byte[] block(long n, int blockSize, boolean keep) {
        if (n < 0 || n > (src.length() / blockSize) - 1) {
            throw new IndexFormatException("block number out of range");
        }
        // the block number in the low bits, which the hash table indexes by (with the size there, every key of a
        // database shared its low five bits: one bucket in 32 held them all)
        long key = ((long) Integer.numberOfTrailingZeros(blockSize) << 56) | n;
        byte[] b = cache.getIfPresent(key);
        if (b != null) {
            return b;
        }
        b = new byte[blockSize];
        try {
            src.read(n * blockSize, b, 0, blockSize);
        } catch (IOException e) {
            throw new IndexFormatException("cannot read an index block", e);
        }
        if (keep || fits) {
            cache.put(key, b);
        }
        return b;
    }
}
