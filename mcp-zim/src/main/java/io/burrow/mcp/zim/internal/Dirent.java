package io.burrow.mcp.zim.internal;

import io.burrow.mcp.zim.ZimFormatException;
import java.nio.charset.StandardCharsets;

/**
 * One parsed directory entry.
 *
 * @param offset where the dirent starts in the archive
 * @param mimeType MIME index, or {@link #REDIRECT}, {@link #LINKTARGET}, {@link #DELETED}
 * @param namespace namespace byte
 * @param cluster cluster number (content entries)
 * @param blob blob number (content entries)
 * @param redirectIndex target entry index (redirects)
 * @param path path without namespace, decoded as UTF-8
 * @param title title as stored (empty means "same as path")
 */
public record Dirent(long offset, int mimeType, char namespace, long cluster, long blob, long redirectIndex,
        String path, String title) {

    public static final int REDIRECT = 0xFFFF;
    public static final int LINKTARGET = 0xFFFE;
    public static final int DELETED = 0xFFFD;
    /** Upper bound of the bytes one path or title may occupy. */
    public static final int MAX_STRING = 1 << 16;

    public boolean isRedirect() {
        return mimeType == REDIRECT;
    }

    /** A content entry (neither redirect nor legacy link target / deleted entry). */
    public boolean isContent() {
        return mimeType < DELETED;
    }

    /** The title, or the path when none is stored (as libzim's {@code getTitle()}). */
    public String effectiveTitle() {
        return title.isEmpty() ? path : title;
    }

    /** Offset of the path bytes of the dirent at {@code d}. */
    public static long pathPos(Storage s, long d) {
        int mime = s.u16(d);
        if (mime == REDIRECT) {
            return d + 12;
        }
        if (mime == LINKTARGET || mime == DELETED) {
            return d + 8;
        }
        return d + 16;
    }

    /** Offset of the title bytes of the dirent at {@code d}, or of its path when the title is empty. */
    public static long titlePos(Storage s, long d) {
        long p = pathPos(s, d);
        long end = s.indexOfNul(p, p + MAX_STRING);
        if (end < 0) {
            throw new ZimFormatException("unterminated path in the dirent at offset " + d);
        }
        return s.u8(end + 1) == 0 ? p : end + 1;
    }

    /** Parses the dirent at {@code d}. */
    public static Dirent read(Storage s, long d) {
        s.check(d, 8, "dirent");
        int mime = s.u16(d);
        char ns = (char) s.u8(d + 3);
        long cluster = 0;
        long blob = 0;
        long redirect = 0;
        long p;
        if (mime == REDIRECT) {
            redirect = s.u32(d + 8);
            p = d + 12;
        } else if (mime == LINKTARGET || mime == DELETED) {
            p = d + 8;
        } else {
            cluster = s.u32(d + 8);
            blob = s.u32(d + 12);
            p = d + 16;
        }
        long pathEnd = s.indexOfNul(p, p + MAX_STRING);
        if (pathEnd < 0) {
            throw new ZimFormatException("unterminated path in the dirent at offset " + d);
        }
        long titleEnd = s.indexOfNul(pathEnd + 1, pathEnd + 1 + MAX_STRING);
        if (titleEnd < 0) {
            throw new ZimFormatException("unterminated title in the dirent at offset " + d);
        }
        String path = new String(s.bytes(p, (int) (pathEnd - p)), StandardCharsets.UTF_8);
        String title = titleEnd == pathEnd + 1 ? ""
                : new String(s.bytes(pathEnd + 1, (int) (titleEnd - pathEnd - 1)), StandardCharsets.UTF_8);
        return new Dirent(d, mime, ns, cluster, blob, redirect, path, title);
    }
}
