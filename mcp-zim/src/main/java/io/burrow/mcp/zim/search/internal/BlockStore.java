package io.burrow.mcp.zim.search.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.zim.search.IndexBlob;
import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.IOException;

/**
 * Reads fixed-size blocks of a single-file glass database through a bounded cache: by default the one cache of
 * the process ({@value #SHARED_CACHE_BYTES} bytes over every database of every open archive, so that its bound
 * holds however many archives are open). Block {@code n} is at offset {@code n × blockSize} of the source.
 */
public final class BlockStore {

    /** The budget of the cache shared by the databases opened with {@link #BlockStore(IndexBlob)}. */
    public static final long SHARED_CACHE_BYTES = 64L << 20;
    private static final Cache<Key, byte[]> SHARED = cache(SHARED_CACHE_BYTES);
    private static final java.util.concurrent.atomic.AtomicLong STORES = new java.util.concurrent.atomic.AtomicLong();

    /** A block of one store (of one size: a damaged database may give its tables different ones). */
    private record Key(long store, long block, int size) {
    }

    private final IndexBlob src;
    private final long id = STORES.incrementAndGet();
    private final Cache<Key, byte[]> cache;
    /** True when the database takes at most half the cache: then every block read is kept. */
    private final boolean fits;

    /** A store whose blocks go to the process's shared cache. */
    public BlockStore(IndexBlob src) {
        this(src, SHARED, SHARED_CACHE_BYTES);
    }

    /**
     * A store with a cache of its own.
     *
     * @param src the database bytes
     * @param maxCachedBytes upper bound of the cache (blocks are weighed by their size)
     */
    public BlockStore(IndexBlob src, long maxCachedBytes) {
        this(src, cache(maxCachedBytes), maxCachedBytes);
    }

    private BlockStore(IndexBlob src, Cache<Key, byte[]> cache, long budget) {
        this.src = src;
        this.cache = cache;
        this.fits = src.length() <= budget / 2;
    }

    private static Cache<Key, byte[]> cache(long maxBytes) {
        return Caffeine.newBuilder()
                .maximumWeight(Math.max(maxBytes, 0))
                .weigher((Key k, byte[] v) -> v.length)
                .build();
    }

    public IndexBlob source() {
        return src;
    }

    /**
     * The block {@code n} of size {@code blockSize}; never modified by callers. A block read for a scan
     * ({@code keep} false) is taken from the cache when it is there but not put there when the database is larger
     * than half the cache: a scan through thousands of leaves would only push out the blocks lookups (of this
     * database and the others) come back to.
     */
    public byte[] block(long n, int blockSize, boolean keep) {
        if (n < 0 || n > (src.length() / blockSize) - 1) {
            throw new IndexFormatException("block number out of range");
        }
        Key key = new Key(id, n, blockSize);
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
