package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.burrow.mcp.core.json.Json;

/**
 * Reads one JSON-RPC message from bytes, strictly, so that the server reads what a plain UTF-8 JSON
 * reading gives and nothing else: valid UTF-8 only (no overlong forms, no surrogates), no NUL byte (from
 * which the parser would guess UTF-16 or UTF-32), no object naming a member twice (which one counts is
 * up to the reader), exactly one JSON value and nothing after it but whitespace. Transports answer a
 * refusal with a JSON-RPC parse error.
 */
public final class Messages {

    private static final ObjectReader READER = Json.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private Messages() {
    }

    /** Why bytes are not a message; the text is safe to show to the client. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Parses {@code bytes[offset..offset+length)}.
     *
     * @throws Malformed if it is not valid UTF-8, not exactly one JSON value, or names a member twice
     */
    public static JsonNode parse(byte[] bytes, int offset, int length) throws Malformed {
        int bad = invalidUtf8(bytes, offset, length);
        if (bad >= 0) {
            throw new Malformed("invalid UTF-8 at byte " + (bad - offset));
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                throw new Malformed("NUL byte at byte " + (i - offset) + " (send JSON in UTF-8)");
            }
        }
        JsonNode node;
        try {
            node = READER.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            String m = e.getOriginalMessage();
            throw new Malformed(m != null && m.startsWith("Trailing token")
                    ? "more than one JSON value (send one message per line or request)"
                    : m != null && m.startsWith("Duplicate field") ? "an object names a member twice" : "not valid JSON");
        } catch (java.io.IOException e) {
            throw new Malformed("not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new Malformed("empty message");
        }
        return node;
    }

    /**
     * The index of the first byte of an invalid UTF-8 sequence (RFC 3629: no overlong forms, no
     * surrogates, nothing above U+10FFFF), or -1 if the bytes are valid.
     */
    static int invalidUtf8(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + n >= end) {
                return i;
            }
            int cp = c & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return i;
            }
            i += n + 1;
        }
        return -1;
    }
}
