package io.burrow.mcp.zim;

import java.util.UUID;

/**
 * The 80-byte ZIM header as stored (all offsets absolute in the whole archive).
 *
 * @param majorVersion 5 or 6
 * @param minorVersion minor version; {@code >= 1} means the new namespace scheme
 * @param uuid the archive's UUID
 * @param entryCount number of directory entries (libzim's {@code all_entry_count})
 * @param clusterCount number of clusters
 * @param pathPtrPos offset of the path-ordered dirent pointer list
 * @param titleIdxPos offset of the v0 title index, or {@code -1} when absent
 * @param clusterPtrPos offset of the cluster pointer list
 * @param mimeListPos offset of the MIME type list (80, or 72 in very old archives)
 * @param mainPage index of the main entry, or {@code -1} (0xFFFFFFFF) when absent
 * @param layoutPage index of the layout page (unused), or {@code -1}
 * @param checksumPos offset of the MD5 checksum, or 0 when the archive has none
 */
public record ZimHeader(
        int majorVersion,
        int minorVersion,
        UUID uuid,
        long entryCount,
        long clusterCount,
        long pathPtrPos,
        long titleIdxPos,
        long clusterPtrPos,
        long mimeListPos,
        long mainPage,
        long layoutPage,
        long checksumPos) {

    /** Magic number at offset 0. */
    public static final int MAGIC = 0x044D495A;
    /** Header size in bytes. */
    public static final int SIZE = 80;

    /** Whether the archive carries an MD5 checksum ({@code mimeListPos >= 80}). */
    public boolean hasChecksum() {
        return mimeListPos >= SIZE;
    }

    /** Whether the header names a main page. */
    public boolean hasMainPage() {
        return mainPage != 0xFFFFFFFFL && mainPage >= 0;
    }

    /** Whether the header points at a v0 title index. */
    public boolean hasTitleIndexV0() {
        return titleIdxPos != -1;
    }

    /** Whether the archive uses the new namespace scheme ({@code C}, {@code M}, {@code W}, {@code X}). */
    public boolean newNamespaceScheme() {
        return minorVersion >= 1;
    }
}
