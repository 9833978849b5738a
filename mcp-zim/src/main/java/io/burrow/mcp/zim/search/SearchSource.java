package io.burrow.mcp.zim.search;

import java.util.List;
import java.util.Optional;

/**
 * What search needs from a ZIM archive. The ZIM reader provides it; tests may provide fakes.
 * Paths are user-entry paths without namespace (new scheme: the {@code C} namespace; old scheme: {@code A}).
 */
public interface SearchSource {

    /** The full-text database ({@code X/fulltext/xapian} or legacy {@code Z//fulltextIndex/xapian}), if directly accessible. */
    Optional<IndexBlob> fulltextIndex();

    /** The title database ({@code X/title/xapian}), if directly accessible. */
    Optional<IndexBlob> titleIndex();

    /** True for the new namespace scheme (minor version ≥ 1). */
    boolean newNamespaceScheme();

    /** A metadata value ({@code M/Language}, …). */
    Optional<String> metadata(String name);

    /** The title of the user entry at {@code path} (title, or the path when the title is empty). */
    Optional<String> title(String path);

    /** The MIME type of the user entry at {@code path}, following redirects. */
    Optional<String> mimeType(String path);

    /** Up to {@code maxBytes} of the content of the user entry at {@code path}, following redirects. */
    Optional<byte[]> content(String path, int maxBytes);

    /**
     * The title listing's entries whose title starts with {@code prefix} (bytewise, case-sensitive, as libzim's
     * {@code Archive::findByTitle}), in title order.
     *
     * @param offset first result
     * @param limit maximum results
     */
    TitleRange titlesWithPrefix(String prefix, int offset, int limit);

    /** A page of a title range. */
    record TitleRange(long total, List<TitleEntry> entries) {
    }

    /** An entry of the title listing. */
    record TitleEntry(String path, String title) {
    }
}
