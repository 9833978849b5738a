package io.burrow.mcp.zim.search;

import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.Item;
import io.burrow.mcp.zim.ZimArchive;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@link SearchSource} over a {@link ZimArchive}: the indexes are read in place, through the reader's mapping of
 * their blobs, and only when libzim would use them (uncompressed cluster, blob within one part).
 */
final class ArchiveSearchSource implements SearchSource {

    /** Cap on counting a title range (the count is exact below it). */
    static final long MAX_TITLE_COUNT = 1_000_000;

    private final ZimArchive zim;

    ArchiveSearchSource(ZimArchive zim) {
        this.zim = zim;
    }

    private static Optional<IndexBlob> blob(Optional<Entry> entry) {
        if (entry.isEmpty() || entry.get().isRedirect()) {
            return Optional.empty();
        }
        Item item = entry.get().item();
        if (item.directAccess().isEmpty()) {
            return Optional.empty();
        }
        long size = item.size();
        return Optional.of(new IndexBlob() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public void read(long offset, byte[] dst, int dstOff, int len) throws IOException {
                if (offset < 0 || len < 0 || offset > size - len) {
                    throw new EOFException("read outside the index blob");
                }
                int done = 0;
                while (done < len) {
                    int n = item.read(offset + done, dst, dstOff + done, len - done);
                    if (n <= 0) {
                        throw new EOFException("index blob truncated");
                    }
                    done += n;
                }
            }
        });
    }

    @Override
    public Optional<IndexBlob> fulltextIndex() {
        return blob(zim.fulltextIndexEntry());
    }

    @Override
    public Optional<IndexBlob> titleIndex() {
        return blob(zim.titleIndexEntry());
    }

    @Override
    public boolean newNamespaceScheme() {
        return zim.hasNewNamespaceScheme();
    }

    @Override
    public Optional<String> metadata(String name) {
        return zim.metadata(name);
    }

    private char userNamespace() {
        return zim.hasNewNamespaceScheme() ? 'C' : 'A';
    }

    /**
     * The entry of a search result path: new scheme {@code C/path} (results carry the path only); old scheme
     * the full {@code NS/path} that old indexes store, with libzim's lookup fallbacks.
     */
    private Optional<Entry> entry(String path) {
        if (zim.hasNewNamespaceScheme()) {
            return zim.findEntry(userNamespace(), path);
        }
        return zim.findEntry(path);
    }

    @Override
    public Optional<String> title(String path) {
        return entry(path).map(Entry::title);
    }

    @Override
    public Optional<String> mimeType(String path) {
        return entry(path).map(e -> e.item().mimeType());
    }

    @Override
    public Optional<byte[]> content(String path, int maxBytes) {
        return entry(path).map(e -> e.item().content(maxBytes));
    }

    @Override
    public TitleRange titlesWithPrefix(String prefix, int offset, int limit) {
        List<TitleEntry> page = zim.findByTitlePrefix(prefix).skip(offset).limit(limit)
                .map(e -> new TitleEntry(e.path(), e.title())).toList();
        long total = zim.findByTitlePrefix(prefix).limit(MAX_TITLE_COUNT).count();
        return new TitleRange(total, page);
    }
}
