package io.burrow.mcp.gopher.internal;

import io.burrow.mcp.core.fetch.ServerText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a Gopher text response into clean text.
 *
 * <ul>
 *   <li>UTF-8, falling back to Latin-1 when the bytes are not valid UTF-8 (a multi-byte sequence
 *       cut by the size cap does not count);
 *   <li>the {@code .} terminator line is removed and dot-stuffing ({@code ..}) undone only when the
 *       response is framed, that is, its last line is a lone {@code .}: many servers (Gophernicus)
 *       send files verbatim, and a lone dot inside such a file is content;
 *   <li>CRLF and bare CR become LF; other control characters except TAB (C0, DEL, C1) are removed;
 *   <li>the text is cut at {@code maxChars} characters (never inside a surrogate pair).
 * </ul>
 *
 * Never throws on any input.
 */
public final class TextDecoder {

    /** Decoded text. */
    public record Decoded(String text, String charset, boolean truncated) {
    }

    private TextDecoder() {
    }

    /**
     * Decodes a text response.
     *
     * @param cut whether the response was cut at the size cap (a cut response is never framed)
     * @param maxChars the most characters returned, 0 for no limit
     */
    public static Decoded decode(byte[] data, int length, boolean cut, int maxChars) {
        int end = length;
        boolean framed = false;
        if (!cut) {
            int frameStart = terminatorStart(data, length);
            if (frameStart >= 0) {
                framed = true;
                end = frameStart;
            }
        }
        Decoded d = decodeCharset(data, end, cut);
        String text = normalise(d.text(), framed);
        boolean truncated = cut;
        if (maxChars > 0 && text.length() > maxChars) {
            int at = maxChars;
            if (Character.isHighSurrogate(text.charAt(at - 1))) {
                at--;
            }
            text = text.substring(0, at);
            truncated = true;
        }
        return new Decoded(text, d.charset(), truncated);
    }

    /**
     * Where the terminator line starts when the response ends with a lone {@code .} line (with or
     * without a final line break), else -1.
     */
    static int terminatorStart(byte[] data, int length) {
        int e = length;
        if (e > 0 && data[e - 1] == '\n') {
            e--;
        }
        if (e > 0 && data[e - 1] == '\r') {
            e--;
        }
        if (e < 1 || data[e - 1] != '.') {
            return -1;
        }
        int dot = e - 1;
        if (dot == 0 || data[dot - 1] == '\n' || data[dot - 1] == '\r') {
            return dot;
        }
        return -1;
    }

    /** UTF-8 if valid (ignoring a sequence cut at the end when {@code cut}), else Latin-1. */
    static Decoded decodeCharset(byte[] data, int length, boolean cut) {
        int end = length;
        if (cut) {
            end = completeUtf8End(data, length);
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, 0, end)).toString();
            return new Decoded(s, "utf-8", false);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(data, 0, length, StandardCharsets.ISO_8859_1), "latin-1", false);
        }
    }

    /** The end of the data without a trailing incomplete UTF-8 sequence (at most 3 bytes dropped). */
    private static int completeUtf8End(byte[] data, int length) {
        for (int back = 1; back <= 3 && back <= length; back++) {
            int b = data[length - back] & 0xFF;
            if (b < 0x80) {
                return length; // ASCII: nothing is cut
            }
            if (b >= 0xC0) { // a lead byte: is its sequence complete?
                int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return need > back ? length - back : length;
            }
        }
        return length;
    }

    private static String normalise(String s, boolean framed) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        boolean lineStart = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                if (i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                out.append('\n');
                lineStart = true;
                continue;
            }
            if (c == '\n') {
                out.append('\n');
                lineStart = true;
                continue;
            }
            if (framed && lineStart && c == '.' && i + 1 < n && s.charAt(i + 1) == '.') {
                lineStart = false;
                continue; // dot-stuffing: ".." at a line start stands for "."
            }
            lineStart = false;
            if (c == '\t' || !(c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))) {
                out.append(c);
            }
        }
        return ServerText.body(out.toString());
    }
}
