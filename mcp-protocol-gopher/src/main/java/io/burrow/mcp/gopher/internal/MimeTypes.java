package io.burrow.mcp.gopher.internal;

import java.util.Locale;
import java.util.Map;

/** The MIME type of a binary Gopher item: from its item type, then the selector's extension, then magic bytes. */
public final class MimeTypes {

    /** The type when nothing better is known. */
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<Character, String> BY_TYPE = Map.of(
            'g', "image/gif",
            'p', "image/png",
            'P', "application/pdf",
            '4', "application/mac-binhex40",
            '6', "text/x-uuencode",
            'M', "multipart/mixed",
            ':', "image/bmp");

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"),
            Map.entry("svg", "image/svg+xml"), Map.entry("ico", "image/x-icon"), Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"), Map.entry("pdf", "application/pdf"), Map.entry("ps", "application/postscript"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("tgz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("bz2", "application/x-bzip2"), Map.entry("xz", "application/x-xz"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("rar", "application/vnd.rar"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"), Map.entry("mid", "audio/midi"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4a", "audio/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("avi", "video/x-msvideo"), Map.entry("mov", "video/quicktime"), Map.entry("mkv", "video/x-matroska"),
            Map.entry("epub", "application/epub+zip"), Map.entry("exe", "application/vnd.microsoft.portable-executable"),
            Map.entry("iso", "application/x-iso9660-image"), Map.entry("doc", "application/msword"),
            Map.entry("txt", "text/plain"), Map.entry("html", "text/html"), Map.entry("htm", "text/html"),
            Map.entry("json", "application/json"), Map.entry("xml", "application/xml"), Map.entry("csv", "text/csv"));

    private MimeTypes() {
    }

    /**
     * The MIME type of a binary item.
     *
     * @param type the item type
     * @param selector its selector
     * @param head the first bytes of the content (may be empty)
     * @param length how many bytes of {@code head} are valid
     */
    public static String guess(char type, String selector, byte[] head, int length) {
        String byType = BY_TYPE.get(type);
        if (byType != null) {
            return byType;
        }
        String byExtension = byExtension(selector);
        if (byExtension != null) {
            return byExtension;
        }
        return sniff(head, length);
    }

    static String byExtension(String selector) {
        int slash = selector.lastIndexOf('/');
        String name = selector.substring(slash + 1);
        int q = name.indexOf('?');
        if (q >= 0) {
            name = name.substring(0, q);
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return null;
        }
        return BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The MIME type from magic bytes, else {@link #OCTET_STREAM}. */
    public static String sniff(byte[] b, int n) {
        if (starts(b, n, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, n, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, n, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, n, 'R', 'I', 'F', 'F') && n >= 12) {
            if (at(b, n, 8, 'W', 'E', 'B', 'P')) {
                return "image/webp";
            }
            if (at(b, n, 8, 'W', 'A', 'V', 'E')) {
                return "audio/wav";
            }
        }
        if (starts(b, n, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (starts(b, n, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (starts(b, n, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (starts(b, n, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return "application/x-7z-compressed";
        }
        if (starts(b, n, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return "application/x-xz";
        }
        if (starts(b, n, 'B', 'Z', 'h')) {
            return "application/x-bzip2";
        }
        if (starts(b, n, 'I', 'D', '3') || starts(b, n, 0xFF, 0xFB) || starts(b, n, 0xFF, 0xF3)
                || starts(b, n, 0xFF, 0xF2)) {
            return "audio/mpeg";
        }
        if (starts(b, n, 'O', 'g', 'g', 'S')) {
            return "audio/ogg";
        }
        if (starts(b, n, 'f', 'L', 'a', 'C')) {
            return "audio/flac";
        }
        if (n >= 8 && at(b, n, 4, 'f', 't', 'y', 'p')) {
            return "video/mp4";
        }
        if (starts(b, n, 0x7F, 'E', 'L', 'F')) {
            return "application/x-executable";
        }
        if (starts(b, n, 'M', 'Z')) {
            return "application/vnd.microsoft.portable-executable";
        }
        if (starts(b, n, 'B', 'M') && n >= 14) {
            return "image/bmp";
        }
        return OCTET_STREAM;
    }

    private static boolean starts(byte[] b, int n, int... magic) {
        return n >= magic.length && at(b, n, 0, magic);
    }

    private static boolean at(byte[] b, int n, int offset, int... magic) {
        if (Math.min(n, b.length) < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[offset + i] & 0xFF) != (magic[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
