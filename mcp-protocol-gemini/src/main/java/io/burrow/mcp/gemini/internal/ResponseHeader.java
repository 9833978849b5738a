package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.gemini.GeminiErrors;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A Gemini response header: {@code <STATUS><SPACE><META><CR><LF>}.
 *
 * <p>Parsing is strict where it matters (two digits, first digit 1–6, UTF-8, meta ≤ 1024 bytes) and
 * lenient where servers differ: a bare {@code LF} ends the line, and a status without a space or meta
 * ({@code "20\r\n"}) has an empty meta. Any other shape is a {@code PROTOCOL_ERROR}.
 *
 * @param status the two-digit status, 10 to 69
 * @param meta the meta text, trimmed; empty when absent
 */
public record ResponseHeader(int status, String meta) {

    /** Longest meta in bytes. */
    public static final int MAX_META_BYTES = 1024;
    /** Longest header line including status, space and CRLF. */
    public static final int MAX_LINE_BYTES = 2 + 1 + MAX_META_BYTES + 2;

    /** The first digit: 1 input, 2 success, 3 redirect, 4 temporary failure, 5 permanent failure, 6 certificate. */
    public int category() {
        return status / 10;
    }

    /**
     * Parses a header line without its line end.
     *
     * @throws BurrowException {@code PROTOCOL_ERROR} if it is not a valid header
     */
    public static ResponseHeader parse(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the header is not valid UTF-8");
        }
        if (text.length() < 2 || !isDigit(text.charAt(0)) || !isDigit(text.charAt(1))) {
            throw malformed("the status is not two digits");
        }
        int status = (text.charAt(0) - '0') * 10 + (text.charAt(1) - '0');
        if (status < 10 || status > 69) {
            throw malformed("status " + status + " is outside 10-69");
        }
        String meta = "";
        if (text.length() > 2) {
            char sep = text.charAt(2);
            if (sep != ' ' && sep != '\t') {
                throw malformed("no space after the status");
            }
            meta = text.substring(3).strip();
        }
        if (meta.indexOf('\r') >= 0 || meta.indexOf('\n') >= 0) {
            throw malformed("the meta contains a line break");
        }
        if (meta.getBytes(StandardCharsets.UTF_8).length > MAX_META_BYTES) {
            throw malformed("the meta is longer than " + MAX_META_BYTES + " bytes");
        }
        return new ResponseHeader(status, meta);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A {@code PROTOCOL_ERROR} about a malformed response. */
    public static BurrowException malformed(String what) {
        return new BurrowException(GeminiErrors.PROTOCOL_ERROR,
                "The server sent a malformed Gemini response: " + what);
    }
}
