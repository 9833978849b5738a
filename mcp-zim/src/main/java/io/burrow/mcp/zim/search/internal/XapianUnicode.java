package io.burrow.mcp.zim.search.internal;

/** Xapian 1.4's character classes ({@code include/xapian/unicode.h}) on Java's Unicode tables. */
public final class XapianUnicode {

    private XapianUnicode() {
    }

    private static final int WORDCHAR_MASK = (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER) | (1 << Character.OTHER_LETTER)
            | (1 << Character.NON_SPACING_MARK) | (1 << Character.ENCLOSING_MARK)
            | (1 << Character.COMBINING_SPACING_MARK) | (1 << Character.DECIMAL_DIGIT_NUMBER)
            | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER)
            | (1 << Character.CONNECTOR_PUNCTUATION);

    private static final int WHITESPACE_MASK = (1 << Character.CONTROL) | (1 << Character.SPACE_SEPARATOR)
            | (1 << Character.LINE_SEPARATOR) | (1 << Character.PARAGRAPH_SEPARATOR);

    public static boolean isWordChar(int ch) {
        return ch >= 0 && ((WORDCHAR_MASK >> Character.getType(ch)) & 1) != 0;
    }

    public static boolean isWhitespace(int ch) {
        return ch >= 0 && ((WHITESPACE_MASK >> Character.getType(ch)) & 1) != 0;
    }

    public static boolean isDigit(int ch) {
        return ch >= 0 && Character.getType(ch) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** Xapian's {@code should_stem}: the term starts with a lower-, title-, modifier- or other-letter. */
    public static boolean shouldStem(String term) {
        if (term.isEmpty()) {
            return false;
        }
        int t = Character.getType(term.codePointAt(0));
        return t == Character.LOWERCASE_LETTER || t == Character.TITLECASE_LETTER || t == Character.MODIFIER_LETTER
                || t == Character.OTHER_LETTER;
    }

    /** Simple per-code-point lower-casing as {@code Xapian::Unicode::tolower}. */
    public static String toLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
        return b.toString();
    }

    /** CJK code points as Xapian's CJK n-gram tokenizer sees them ({@code cjk-tokenizer.cc}). */
    public static boolean isCjk(int p) {
        return (p >= 0x2E80 && p <= 0x2EFF) || (p >= 0x3000 && p <= 0x9FFF) || (p >= 0xA700 && p <= 0xA71F)
                || (p >= 0xAC00 && p <= 0xD7AF) || (p >= 0xF900 && p <= 0xFAFF) || (p >= 0xFE30 && p <= 0xFE4F)
                || (p >= 0xFF00 && p <= 0xFFEF) || (p >= 0x20000 && p <= 0x2A6DF) || (p >= 0x2F800 && p <= 0x2FA1F);
    }

    /**
     * libzim's {@code removeAccents}: ICU {@code "Lower; NFD; [:M:] remove; NFC"}.
     */
    public static String removeAccents(String s) {
        return removeMarks(s.toLowerCase(java.util.Locale.ROOT));
    }

    /** Removes diacritics ({@code NFD; [:M:] remove; NFC}) but keeps case. */
    public static String removeMarks(String s) {
        String nfd = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        nfd.codePoints().forEach(cp -> {
            int t = Character.getType(cp);
            if (t != Character.NON_SPACING_MARK && t != Character.COMBINING_SPACING_MARK
                    && t != Character.ENCLOSING_MARK) {
                b.appendCodePoint(cp);
            }
        });
        return java.text.Normalizer.normalize(b, java.text.Normalizer.Form.NFC);
    }
}
