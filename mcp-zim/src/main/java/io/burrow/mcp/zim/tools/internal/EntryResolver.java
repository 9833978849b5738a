package io.burrow.mcp.zim.tools.internal;

import java.util.Optional;

/**
 * Resolves an entry path to its final target (redirects followed). Paths are what
 * {@link io.burrow.mcp.zim.ZimArchive#findEntry(String)} accepts. {@link ArticleParser} calls it once per
 * distinct path of a page; {@link ArchiveEntryResolver} implements it over an archive.
 */
public interface EntryResolver {

    /**
     * The final target of a path.
     *
     * @param path an entry path, percent-decoded ({@code wiki/Zürich.html}, {@code I/logo.png})
     * @return the target after redirects, or empty when there is no such entry (or the redirect chain is broken)
     */
    Optional<Target> resolve(String path);

    /**
     * A resolved entry.
     *
     * @param path final entry path (as {@code Entry.path()} for new-scheme archives, {@code Entry.fullPath()} for
     *        old-scheme ones)
     * @param mimeType the item's MIME type
     * @param title the final entry's title
     */
    record Target(String path, String mimeType, String title) {
    }
}
