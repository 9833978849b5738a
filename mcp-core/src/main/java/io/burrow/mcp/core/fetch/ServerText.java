package io.burrow.mcp.core.fetch;

/**
 * Cleans text a remote server supplied (titles, selectors, bodies, status meta, redirect targets, MIME
 * parameters) before a model sees it. Fetched content is untrusted: characters that can hide or reorder
 * text are removed, so that what a model reads is what a person would see.
 *
 * <p>Removed: control characters (C0, DEL, C1; {@linkplain #body bodies} keep TAB and LF), the
 * bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C), unpaired surrogates, private-use characters, unassigned code points, the byte order mark, the
 * line and paragraph separators (U+2028, U+2029: a line break in bodies, a space in one-line fields), and
 * tag characters (U+E0000–U+E007F, invisible "ASCII smuggling") except inside a flag sequence that starts
 * with U+1F3F4. Kept: every assigned printable character, including the no-break space (U+00A0), the
 * ideographic space (U+3000), zero-width joiners and non-joiners (emoji sequences, Indic scripts),
 * variation selectors, and code points of the emoji blocks (U+1F000–U+1FAFF) that this Java's Unicode
 * tables do not know yet.
 */
public final class ServerText {

    private ServerText() {
    }

    /** Cleans a one-line field (a title, a selector, a status meta): line breaks and TABs become spaces. */
    public static String line(String s) {
        return clean(s, false);
    }

    /** Cleans a body: TAB and LF are kept, CR is removed (callers normalise line ends first). */
    public static String body(String s) {
        return clean(s, true);
    }

    /** Whether {@code s} has only characters every cleaning keeps (ASCII and U+00A0 to U+05FF): the fast path. */
    private static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' : c >= 0x7F && (c < 0xA0 || c >= 0x0600)) {
                return false; // a cheap over-approximation; the slow path decides
            }
        }
        return true;
    }

    private static String clean(String s, boolean multiLine) {
        if (s == null) {
            return null;
        }
        if (isClean(s) && (multiLine || (s.indexOf('\n') < 0 && s.indexOf('\t') < 0))) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean inFlag = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x1F3F4) {
                inFlag = true;
                b.appendCodePoint(cp);
                continue;
            }
            if (cp >= 0xE0000 && cp <= 0xE007F) {
                if (inFlag) {
                    b.appendCodePoint(cp);
                    if (cp == 0xE007F) {
                        inFlag = false;
                    }
                }
                continue;
            }
            inFlag = false;
            if (cp == '\n' || cp == '\t') {
                b.append(multiLine ? (char) cp : ' ');
                continue;
            }
            if (cp == 0x2028 || cp == 0x2029) {
                b.append(multiLine ? '\n' : ' ');
                continue;
            }
            if (keep(cp)) {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    private static boolean keep(int cp) {
        if (cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xFEFF
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
            return false;
        }
        int type = Character.getType(cp);
        return switch (type) {
            case Character.CONTROL, Character.SURROGATE, Character.PRIVATE_USE -> false;
            case Character.UNASSIGNED -> cp >= 0x1F000 && cp <= 0x1FAFF;
            default -> true;
        };
    }
}
