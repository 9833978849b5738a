package io.burrow.mcp.gemini.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Decodes text bodies: the declared charset, then UTF-8, then Latin-1 (which always succeeds). */
public final class TextDecoding {

    /**
     * A decoded text.
     *
     * @param text the text
     * @param charset the charset used, lower case
     */
    public record Decoded(String text, String charset) {
    }

    private TextDecoding() {
    }

    /**
     * Decodes {@code body}.
     *
     * @param declared the {@code charset} parameter, or {@code null}
     * @param truncated whether the body was cut, so that a multi-byte character at its end may be incomplete
     */
    public static Decoded decode(byte[] body, String declared, boolean truncated) {
        Set<Charset> order = new LinkedHashSet<>();
        Charset d = charset(declared);
        if (d != null) {
            order.add(d);
        }
        order.add(StandardCharsets.UTF_8);
        for (Charset c : order) {
            String s = strict(body, c);
            if (s == null && truncated) {
                for (int cut = 1; cut <= 3 && s == null && cut <= body.length; cut++) {
                    s = strict(Arrays.copyOf(body, body.length - cut), c);
                }
            }
            if (s != null) {
                return new Decoded(s, c.name().toLowerCase(Locale.ROOT));
            }
        }
        return new Decoded(new String(body, StandardCharsets.ISO_8859_1), "iso-8859-1");
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static String strict(byte[] body, Charset c) {
        try {
            return c.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
