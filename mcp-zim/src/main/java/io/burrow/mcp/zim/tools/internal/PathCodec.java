package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of archive names and entry paths in {@code zim://} URIs, and their decoding. */
public final class PathCodec {

    /** The URI scheme. */
    public static final String SCHEME = "zim";
    private static final String PREFIX = SCHEME + "://";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0 || (keepSlash && c == '/');
            if (safe) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return b.toString();
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 ({@code +} stays a plus).
     *
     * @throws InvalidRequestException naming {@code argument} for a malformed escape or invalid UTF-8
     */
    public static String percentDecode(String s, String argument) {
        String out = decode(s, false);
        if (out == null) {
            throw new InvalidRequestException(argument + " has a malformed percent escape or is not UTF-8");
        }
        return out;
    }

    /** Decodes {@code %XX} escapes as browsers do: malformed ones stay as they are; invalid UTF-8 leaves all as is. */
    static String percentDecodeLenient(String s) {
        String out = decode(s, true);
        return out == null ? s : out;
    }

    private static String decode(String s, boolean lenient) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '%' && !lenient) {
                return null;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                byte[] bytes = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
