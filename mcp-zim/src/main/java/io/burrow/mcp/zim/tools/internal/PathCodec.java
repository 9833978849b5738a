package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.net.PercentCodec;

/** {@code zim://} URIs: archive names and entry paths percent-encoded with the core's {@link PercentCodec}. */
public final class PathCodec {

    /** The URI scheme. */
    public static final String SCHEME = "zim";
    private static final String PREFIX = SCHEME + "://";

    private PathCodec() {
    }

    /** A parsed {@code zim://archive[/path]} URI; {@code path} is null for the archive itself. */
    public record ZimUri(String archive, String path) {
    }

    /** {@code zim://archive/path}, both percent-encoded ({@code /} kept in the path). */
    public static String entryUri(String archive, String path) {
        return archiveUri(archive) + "/" + encode(path, true);
    }

    /** {@code zim://archive}. */
    public static String archiveUri(String archive) {
        return PREFIX + encode(archive, false);
    }

    /** Whether {@code s} is a {@code zim://} URI. */
    public static boolean isZimUri(String s) {
        return s.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Parses {@code zim://archive[/path]}.
     *
     * @throws InvalidRequestException if it is not such a URI
     */
    public static ZimUri parse(String uri) {
        if (!isZimUri(uri)) {
            throw new InvalidRequestException("Not a zim:// URI");
        }
        String rest = uri.substring(PREFIX.length());
        int q = indexOfAny(rest, "?#");
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String archive = percentDecode(slash < 0 ? rest : rest.substring(0, slash), "uri");
        if (archive.isEmpty()) {
            throw new InvalidRequestException("The zim:// URI names no archive");
        }
        String path = slash < 0 || slash == rest.length() - 1 ? null : percentDecode(rest.substring(slash + 1), "uri");
        return new ZimUri(archive, path);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Percent-encodes everything but unreserved characters, sub-delimiters, {@code :@} and (if asked) {@code /}. */
    static String encode(String s, boolean keepSlash) {
        return PercentCodec.encode(s, keepSlash ? PercentCodec.EncodeSet.PATH : PercentCodec.EncodeSet.PATH_SEGMENT);
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 ({@code +} stays a plus).
     *
     * @throws InvalidRequestException naming {@code argument} for a malformed escape or invalid UTF-8
     */
    public static String percentDecode(String s, String argument) {
        return PercentCodec.decodeStrict(s, argument);
    }

    /** Decodes {@code %XX} escapes as browsers do: malformed ones stay as they are; invalid UTF-8 leaves all as is. */
    static String percentDecodeLenient(String s) {
        return PercentCodec.decodeLenient(s).orElse(s);
    }
}
