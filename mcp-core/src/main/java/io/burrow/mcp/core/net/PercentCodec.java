package io.burrow.mcp.core.net;

import io.burrow.mcp.core.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Percent-encoding (RFC 3986, section 2.1) of UTF-8 text, the one codec of every backend: Gopher
 * selectors and searches, Gemini paths, queries and input, ZIM archive names and entry paths.
 *
 * <p>Encoding writes every UTF-8 byte of a character outside the chosen {@link EncodeSet} as {@code %XX}
 * (upper-case hex); the characters of the set stay as they are. A lone surrogate is encoded as the
 * UTF-8 form of {@code ?}, as {@link String#getBytes} does.
 *
 * <pre>{@code
 * PercentCodec.encode("a b/c?d", PercentCodec.EncodeSet.PATH);          // a%20b/c%3Fd
 * PercentCodec.encode("naïve café", PercentCodec.EncodeSet.UNRESERVED);  // na%C3%AFve%20caf%C3%A9
 * PercentCodec.encodeNonAscii("/päth?q");                               // /p%C3%A4th?q
 * PercentCodec.decodeStrict("a%2Fb", "path");                            // a/b
 * PercentCodec.decodeStrict("100%", "path");                             // InvalidRequestException
 * PercentCodec.decodeLenient("100%");                                    // Optional[100%]
 * PercentCodec.decodeLenient("%FF");                                     // Optional.empty (not UTF-8)
 * }</pre>
 *
 * <p>Decoding reads {@code %XX} with ASCII hex digits only (either case); {@code +} stays a plus. The
 * strict form refuses a {@code %} that does not start an escape and bytes that are not UTF-8; the
 * lenient form, as browsers do, keeps such a {@code %} literally and reports only invalid UTF-8.
 * Thread-safe and stateless.
 */
public final class PercentCodec {

    /** The characters an encoding leaves as they are; every other character is percent-encoded. */
    public enum EncodeSet {
        /**
         * Only RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}): a complete query or form
         * value, such as the answer to a Gemini input prompt.
         */
        UNRESERVED("-._~"),
        /**
         * A path segment: unreserved characters, sub-delimiters {@code !$&'()*+,;=}, {@code :} and
         * {@code @}; {@code /} is encoded (a ZIM archive name).
         */
        PATH_SEGMENT("-._~!$&'()*+,;=:@"),
        /** A path: {@link #PATH_SEGMENT} and {@code /} (a Gopher selector, a ZIM entry path). */
        PATH("-._~!$&'()*+,;=:@/"),
        /** A query: {@link #PATH} and {@code ?} (RFC 3986 {@code query}). */
        QUERY("-._~!$&'()*+,;=:@/?");

        private final boolean[] literal = new boolean[128];

        EncodeSet(String punctuation) {
            for (char c = 'a'; c <= 'z'; c++) {
                literal[c] = true;
            }
            for (char c = 'A'; c <= 'Z'; c++) {
                literal[c] = true;
            }
            for (char c = '0'; c <= '9'; c++) {
                literal[c] = true;
            }
            for (char c : punctuation.toCharArray()) {
                literal[c] = true;
            }
        }

        /** Whether {@code c} stays literal under this set. */
        public boolean keeps(char c) {
            return c < 128 && literal[c];
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCodec() {
    }

    /**
     * Percent-encodes the UTF-8 form of every character that {@code set} does not keep.
     *
     * @return {@code text} itself when nothing needed encoding
     */
    public static String encode(String text, EncodeSet set) {
        Objects.requireNonNull(set, "set");
        return encode(text, set, false);
    }

    /**
     * Percent-encodes the UTF-8 form of non-ASCII characters only, leaving ASCII (and any escapes
     * already present) as it is: an IRI path or query to its URI form.
     */
    public static String encodeNonAscii(String text) {
        return encode(text, null, true);
    }

    private static String encode(String text, EncodeSet set, boolean nonAsciiOnly) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (nonAsciiOnly ? c < 0x80 : set.keeps(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            int end = i + 1;
            if (Character.isHighSurrogate(c) && end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8, refusing anything malformed.
     *
     * @param argument what the text is, named in the error message ({@code "entry_path"})
     * @throws InvalidRequestException if a {@code %} does not start an escape of two hex digits, or the
     *     decoded bytes are not UTF-8
     */
    public static String decodeStrict(String text, String argument) {
        String out = decode(text, false);
        if (out == null) {
            throw new InvalidRequestException(argument + " has a malformed percent escape or is not UTF-8");
        }
        return out;
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 the way browsers do: a {@code %} that does not start an escape
     * stays as it is.
     *
     * @return the decoded text, or empty if the decoded bytes are not UTF-8 (callers choose: refuse, or
     *     keep {@code text} as it is)
     */
    public static Optional<String> decodeLenient(String text) {
        return Optional.ofNullable(decode(text, true));
    }

    private static String decode(String s, boolean lenient) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < s.length() && (hi = hex(s.charAt(i + 1))) >= 0 && (lo = hex(s.charAt(i + 2))) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '%' && !lenient) {
                return null;
            } else if (c < 0x80) {
                out.write(c);
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

    /** The value of an ASCII hex digit, or -1 (unlike {@link Character#digit}, no other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
