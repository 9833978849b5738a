package io.burrow.mcp.zim;

/**
 * How an archive is opened. Build with {@link #builder()}; {@link #defaults()} matches libzim.
 *
 * <pre>{@code
 * ZimOptions options = ZimOptions.builder()
 *         .clusterCacheBytes(64L << 20)   // ZIM_CLUSTER_CACHE_BYTES
 *         .build();
 * }</pre>
 *
 * @param clusterCacheBytes byte budget of the decompressed-cluster cache the archive creates when
 *     no shared {@link #clusterCache()} is given (default 16 MiB, libzim's; 0 disables caching)
 * @param clusterCache a cache shared by several archives, or {@code null} for a private one
 * @param maxClusterBytes largest decompressed cluster accepted (default 1 GiB); a cluster
 *     claiming or producing more raises {@code TOO_LARGE}, so a hostile archive cannot make the
 *     reader allocate more
 * @param maxDecoderMemoryBytes memory limit of the xz and zstd decoders (window sizes; default
 *     256 MiB, above libzim's 128 MiB zstd window for ZIM 5.0 files)
 * @param mapWindowBytes size of one window of an archive opened from memory ({@link
 *     ZimArchive#open(java.nio.ByteBuffer, ZimOptions)}; default 1 GiB). Files are not mapped: they are read
 *     with positional reads through a page cache, so that a file truncated while open fails with
 *     {@code ARCHIVE_CHANGED} instead of a {@code SIGBUS}
 * @param checkIntegrityOnOpen run the structural {@link ZimArchive#checkIntegrity(boolean)}
 *     checks (dirent order, pointers, title listings, clusters; not the checksum) while opening,
 *     and refuse a damaged archive with a {@link ZimFormatException}
 */
public record ZimOptions(
        long clusterCacheBytes,
        ClusterCache clusterCache,
        long maxClusterBytes,
        long maxDecoderMemoryBytes,
        long mapWindowBytes,
        boolean checkIntegrityOnOpen) {

    /** libzim's default cluster cache budget: 16 MiB. */
    public static final long DEFAULT_CLUSTER_CACHE_BYTES = 16L << 20;

    /** Validates the ranges. */
    public ZimOptions {
        if (clusterCacheBytes < 0) {
            throw new IllegalArgumentException("clusterCacheBytes must be >= 0");
        }
        if (maxClusterBytes < 1024 || maxClusterBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxClusterBytes must be in [1024, 2^31-17]");
        }
        if (maxDecoderMemoryBytes < (1 << 20)) {
            throw new IllegalArgumentException("maxDecoderMemoryBytes must be >= 1 MiB");
        }
        if (mapWindowBytes < 4096 || mapWindowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mapWindowBytes must be in [4096, 2^31-1]");
        }
    }

    /** The defaults: 16 MiB private cache, 1 GiB cluster limit, 1 GiB windows, no check on open. */
    public static ZimOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clusterCacheBytes = clusterCacheBytes;
        b.clusterCache = clusterCache;
        b.maxClusterBytes = maxClusterBytes;
        b.maxDecoderMemoryBytes = maxDecoderMemoryBytes;
        b.mapWindowBytes = mapWindowBytes;
        b.checkIntegrityOnOpen = checkIntegrityOnOpen;
        return b;
    }

    /** Builder of {@link ZimOptions}. */
    public static final class Builder {
        private long clusterCacheBytes = DEFAULT_CLUSTER_CACHE_BYTES;
        private ClusterCache clusterCache;
        private long maxClusterBytes = 1L << 30;
        private long maxDecoderMemoryBytes = 256L << 20;
        private long mapWindowBytes = 1L << 30;
        private boolean checkIntegrityOnOpen;

        private Builder() {
        }

        /** Byte budget of the archive's private cluster cache (0 disables it). */
        public Builder clusterCacheBytes(long bytes) {
            this.clusterCacheBytes = bytes;
            return this;
        }

        /** A cluster cache shared with other archives (overrides {@link #clusterCacheBytes(long)}). */
        public Builder clusterCache(ClusterCache cache) {
            this.clusterCache = cache;
            return this;
        }

        /** Largest decompressed cluster accepted. */
        public Builder maxClusterBytes(long bytes) {
            this.maxClusterBytes = bytes;
            return this;
        }

        /** Memory limit of the xz and zstd decoders. */
        public Builder maxDecoderMemoryBytes(long bytes) {
            this.maxDecoderMemoryBytes = bytes;
            return this;
        }

        /** Size of one window of an archive opened from memory. */
        public Builder mapWindowBytes(long bytes) {
            this.mapWindowBytes = bytes;
            return this;
        }

        /** Whether to run the structural integrity checks while opening. */
        public Builder checkIntegrityOnOpen(boolean check) {
            this.checkIntegrityOnOpen = check;
            return this;
        }

        /** The options. */
        public ZimOptions build() {
            return new ZimOptions(clusterCacheBytes, clusterCache, maxClusterBytes, maxDecoderMemoryBytes,
                    mapWindowBytes, checkIntegrityOnOpen);
        }
    }
}
