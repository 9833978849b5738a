package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexBlob;
import io.burrow.mcp.zim.search.SearchSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SearchSource} on {@link MiniZim}: index blobs, titles and the title listing; content only from
 * uncompressed clusters.
 */
public final class MiniZimSource implements SearchSource {

    private final FileChannel ch;
    private final MiniZim zim;
    private List<MiniZim.Dirent> titleOrder;

    public MiniZimSource(FileChannel ch) throws IOException {
        this.ch = ch;
        this.zim = new MiniZim(ch);
    }

    private char userNs() {
        return zim.newNamespaceScheme() ? 'C' : 'A';
    }

    private Optional<IndexBlob> blob(char ns, String path) {
        try {
            Optional<MiniZim.Dirent> d = zim.find(ns, path);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            return zim.directBlob(d.get()).map(l -> new IndexBlob(ch, l.offset(), l.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<IndexBlob> fulltextIndex() {
        Optional<IndexBlob> b = blob('X', "fulltext/xapian");
        return b.isPresent() ? b : blob('Z', "/fulltextIndex/xapian");
    }

    @Override
    public Optional<IndexBlob> titleIndex() {
        return blob('X', "title/xapian");
    }

    @Override
    public boolean newNamespaceScheme() {
        return zim.newNamespaceScheme();
    }

    @Override
    public Optional<String> metadata(String name) {
        return blob('M', name).map(b -> new String(read(b, Integer.MAX_VALUE), StandardCharsets.UTF_8));
    }

    private byte[] read(IndexBlob b, int max) {
        int n = (int) Math.min(b.length(), max);
        byte[] out = new byte[n];
        try {
            new FileRegionSource(ch, b.offset(), b.length()).read(0, out, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Optional<MiniZim.Dirent> resolve(String path) {
        try {
            Optional<MiniZim.Dirent> d = zim.find(userNs(), path);
            for (int hops = 0; d.isPresent() && d.get().redirect() && hops < 50; hops++) {
                d = Optional.of(zim.dirent(d.get().target()));
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> title(String path) {
        try {
            return zim.find(userNs(), path).map(MiniZim.Dirent::title);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> mimeType(String path) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> content(String path, int maxBytes) {
        try {
            Optional<MiniZim.Dirent> d = resolve(path);
            if (d.isEmpty() || d.get().redirect()) {
                return Optional.empty();
            }
            return zim.directBlob(d.get()).map(l -> read(new IndexBlob(ch, l.offset(), l.size()), maxBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized List<MiniZim.Dirent> titleOrder() throws IOException {
        if (titleOrder == null) {
            List<MiniZim.Dirent> l = new ArrayList<>();
            for (int idx : zim.titleListingV1()) {
                l.add(zim.dirent(idx));
            }
            titleOrder = l;
        }
        return titleOrder;
    }

    @Override
    public TitleRange titlesWithPrefix(String prefix, int offset, int limit) {
        try {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            List<TitleEntry> out = new ArrayList<>();
            long total = 0;
            for (MiniZim.Dirent d : titleOrder()) {
                byte[] t = d.title().getBytes(StandardCharsets.UTF_8);
                if (t.length >= p.length && java.util.Arrays.equals(t, 0, p.length, p, 0, p.length)) {
                    if (total >= offset && out.size() < limit) {
                        out.add(new TitleEntry(d.path(), d.title()));
                    }
                    total++;
                }
            }
            return new TitleRange(total, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
