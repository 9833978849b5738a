package io.burrow.mcp.zim.search;

import java.util.Optional;

/** A {@link SearchSource} forwarding to another, for tests that override one method. */
class DelegatingSource implements SearchSource {
    private final SearchSource d;

    DelegatingSource(SearchSource d) {
        this.d = d;
    }

    @Override
    public Optional<IndexBlob> fulltextIndex() {
        return d.fulltextIndex();
    }

    @Override
    public Optional<IndexBlob> titleIndex() {
        return d.titleIndex();
    }

    @Override
    public boolean newNamespaceScheme() {
        return d.newNamespaceScheme();
    }

    @Override
    public Optional<String> metadata(String name) {
        return d.metadata(name);
    }

    @Override
    public Optional<String> title(String path) {
        return d.title(path);
    }

    @Override
    public Optional<String> mimeType(String path) {
        return d.mimeType(path);
    }

    @Override
    public Optional<byte[]> content(String path, int maxBytes) {
        return d.content(path, maxBytes);
    }

    @Override
    public TitleRange titlesWithPrefix(String prefix, int offset, int limit) {
        return d.titlesWithPrefix(prefix, offset, limit);
    }
}
