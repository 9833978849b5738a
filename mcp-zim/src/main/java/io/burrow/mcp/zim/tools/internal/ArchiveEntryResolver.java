package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimFormatException;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link EntryResolver} over a {@link ZimArchive}: {@link ZimArchive#findEntry(String)}, then redirects
 * followed (at most {@value Entry#MAX_REDIRECT_HOPS} hops). A broken chain (a loop, a target out of range, a
 * legacy link-target entry) resolves to empty rather than raising. Stateless and thread-safe; the path of a
 * target is {@link Entry#path()}, which carries the namespace in old-scheme archives.
 */
public final class ArchiveEntryResolver implements EntryResolver {

    private final ZimArchive archive;

    /**
     * A resolver over an archive.
     *
     * @param archive the archive; it must stay open while the resolver is used
     */
    public ArchiveEntryResolver(ZimArchive archive) {
        this.archive = Objects.requireNonNull(archive, "archive");
    }

    @Override
    public Optional<Target> resolve(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Entry> found = archive.findEntry(path);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Entry e = Entries.follow(found.get());
            if (e.isLegacy()) {
                return Optional.empty();
            }
            return Optional.of(new Target(e.path(), e.item(false).mimeType(), e.title()));
        } catch (ZimFormatException damaged) {
            return Optional.empty();
        }
    }
}
