package io.burrow.mcp.gopher;

/**
 * A Gopher item type: the one-character code at the start of a menu line and after the first
 * {@code /} of a URL path (RFC 1436 plus the common extensions {@code i}, {@code h}, {@code g},
 * {@code I}, {@code d}, {@code s}, {@code ;}, {@code p}, {@code P}, {@code <}, {@code M}).
 *
 * <p>Every character is a valid type: unknown ones (including Gopher+'s {@code +}) are fetched as
 * text, as RFC 1436 clients traditionally do.
 *
 * @param code the type character
 */
public record GopherItemType(char code) {

    /** How an item of a type is fetched and returned. */
    public enum Category {
        /** {@code 1}: a directory, returned as a {@code menu} result. */
        MENU,
        /** {@code 7}: a full-text search; the answer is a menu. */
        SEARCH,
        /** {@code 0} and unknown types: text. */
        TEXT,
        /** {@code h}: an HTML page, returned as text. */
        HTML,
        /** {@code i}: an informational menu line; fetched as text if asked. */
        INFO,
        /** {@code 3}: an error menu line; fetched as text if asked. */
        ERROR,
        /** Binary files ({@code 4 5 6 9 g I d s ; p P M < :}): metadata only. */
        BINARY,
        /** {@code 2} (CSO), {@code 8} and {@code T} (telnet): sessions, never fetched. */
        INTERACTIVE
    }

    /** The directory type {@code 1}. */
    public static final GopherItemType MENU = new GopherItemType('1');
    /** The search type {@code 7}. */
    public static final GopherItemType SEARCH = new GopherItemType('7');
    /** The text type {@code 0}. */
    public static final GopherItemType TEXT = new GopherItemType('0');
    /** The informational line type {@code i}. */
    public static final GopherItemType INFO = new GopherItemType('i');

    /** The type of a character. */
    public static GopherItemType of(char code) {
        return new GopherItemType(code);
    }

    /** How items of this type are fetched. */
    public Category category() {
        return switch (code) {
            case '1' -> Category.MENU;
            case '7' -> Category.SEARCH;
            case 'h' -> Category.HTML;
            case 'i' -> Category.INFO;
            case '3' -> Category.ERROR;
            case '4', '5', '6', '9', 'g', 'I', 'd', 's', ';', 'p', 'P', 'M', '<', ':' -> Category.BINARY;
            case '2', '8', 'T' -> Category.INTERACTIVE;
            default -> Category.TEXT;
        };
    }

    /** Whether a fetch of this type returns a menu. */
    public boolean isMenu() {
        Category c = category();
        return c == Category.MENU || c == Category.SEARCH;
    }

    /** Whether a fetch of this type returns binary metadata. */
    public boolean isBinary() {
        return category() == Category.BINARY;
    }

    /** Whether items of this type are sessions that cannot be fetched. */
    public boolean isInteractive() {
        return category() == Category.INTERACTIVE;
    }

    /** A short human name ({@code "text file"}, {@code "telnet session"}). */
    public String description() {
        return switch (code) {
            case '0' -> "text file";
            case '1' -> "menu";
            case '2' -> "CSO phone-book server";
            case '3' -> "error";
            case '4' -> "BinHex file";
            case '5' -> "DOS binary archive";
            case '6' -> "uuencoded file";
            case '7' -> "search";
            case '8' -> "telnet session";
            case '9' -> "binary file";
            case 'T' -> "tn3270 session";
            case 'g' -> "GIF image";
            case 'I' -> "image";
            case 'h' -> "HTML page";
            case 'i' -> "informational line";
            case 'd' -> "document";
            case 's', '<' -> "sound";
            case ';' -> "video";
            case 'p' -> "PNG image";
            case 'P' -> "PDF document";
            case 'M' -> "MIME message";
            case ':' -> "bitmap image";
            default -> "unknown type (fetched as text)";
        };
    }

    @Override
    public String toString() {
        return String.valueOf(code);
    }
}
