package io.burrow.mcp.zim;

/** How a cluster is stored (low nibble of its info byte). */
public enum Compression {
    /** Stored as is (info 0 or 1); its blobs have a {@link DirectAccess} location. */
    NONE,
    /** zlib (info 2): never written by libzim; rejected as libzim does. */
    ZLIB,
    /** bzip2 (info 3): never written by libzim; rejected as libzim does. */
    BZIP2,
    /** LZMA2 in an {@code .xz} container (info 4). */
    XZ,
    /** Zstandard (info 5). */
    ZSTD;

    /** The compression of a cluster info byte, or {@code null} for an unknown value. */
    public static Compression ofInfo(int info) {
        return switch (info & 0x0F) {
            case 0, 1 -> NONE;
            case 2 -> ZLIB;
            case 3 -> BZIP2;
            case 4 -> XZ;
            case 5 -> ZSTD;
            default -> null;
        };
    }
}
