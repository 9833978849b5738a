package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.MimeCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an archive says about itself, read through its path and title indexes: the main entry, the metadata
 * ({@code M} namespace), the illustrations and the article and media counts as libzim computes them. Part of
 * {@link ZimArchive}, which checks that the archive is open before asking.
 */
final class ArchiveMetadata {

    private final ZimArchive archive;
    private final ZimHeader header;
    private final PathIndex paths;
    private final TitleIndex titles;

    ArchiveMetadata(ZimArchive archive, ZimHeader header, PathIndex paths, TitleIndex titles) {
        this.archive = archive;
        this.header = header;
        this.paths = paths;
        this.titles = titles;
    }

    /**
     * The article count as libzim computes it: the v1 front-article listing's length, else the
     * {@code text/html} total of {@code M/Counter}, else the size of the {@code C} (or {@code A})
     * namespace.
     */
    int articleCount() {
        if (titles.frontArticles()) {
            return titles.size();
        }
        Optional<String> counter = item("Counter").map(Item::text);
        if (counter.isPresent()) {
            return (int) MimeCounter.count(counter.get(), m -> m.startsWith("text/html"));
        }
        char ns = header.newNamespaceScheme() ? 'C' : 'A';
        return paths.namespaceBegin(ns + 1) - paths.namespaceBegin(ns);
    }

    /**
     * The media count as libzim computes it: {@code image/*}, {@code video/*} and {@code audio/*} in
     * {@code M/Counter}; without a counter, the size of the {@code I} and {@code J} namespaces.
     */
    int mediaCount() {
        Optional<String> counter = item("Counter").map(Item::text);
        if (counter.isPresent()) {
            return (int) MimeCounter.count(counter.get(),
                    m -> m.startsWith("image/") || m.startsWith("video/") || m.startsWith("audio/"));
        }
        return paths.namespaceBegin('I' + 1) - paths.namespaceBegin('I')
                + paths.namespaceBegin('J' + 1) - paths.namespaceBegin('J');
    }

    /** The main entry: {@code W/mainPage} if present, else the header's main page. */
    Optional<Entry> mainEntry() {
        int w = paths.find('W', PathIndex.bytes("mainPage"));
        if (w >= 0) {
            return Optional.of(archive.entryAt(w));
        }
        if (!header.hasMainPage()) {
            return Optional.empty();
        }
        if (header.mainPage() >= header.entryCount()) {
            throw new ZimFormatException("main page index " + header.mainPage() + " beyond the " + header.entryCount()
                    + " entries");
        }
        return Optional.of(archive.entryAt((int) header.mainPage()));
    }

    /** The metadata names (paths of the {@code M} namespace), in path order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = paths.namespaceBegin('M'), e = paths.namespaceBegin('M' + 1); i < e; i++) {
            keys.add(paths.dirent(i).path());
        }
        return keys;
    }

    /** The item of metadata {@code name} ({@code M/name}, redirects followed). */
    Optional<Item> item(String name) {
        int i = paths.find('M', PathIndex.bytes(name));
        return i < 0 ? Optional.empty() : Optional.of(archive.entryAt(i).item());
    }

    /**
     * The illustration sizes: {@code M/Illustration_{S}x{S}@1} entries, plus 48 for an old archive's
     * favicon ({@code -/favicon}, {@code -/favicon.png}, {@code I/favicon}, {@code I/favicon.png}).
     */
    Set<Integer> illustrationSizes() {
        Set<Integer> sizes = new TreeSet<>();
        byte[] prefix = PathIndex.bytes("Illustration_");
        int s = paths.search('M', prefix);
        for (int i = s >= 0 ? s : -s - 1; i < header.entryCount(); i++) {
            Dirent d = paths.dirent(i);
            if (d.namespace() != 'M' || !d.path().startsWith("Illustration_")) {
                break;
            }
            int size = illustrationSize(d.path());
            if (size >= 0) {
                sizes.add(size);
            }
        }
        if (!sizes.contains(48) && favicon() >= 0) {
            sizes.add(48);
        }
        return Collections.unmodifiableSet(sizes);
    }

    /** Size of {@code Illustration_{W}x{H}@1} when W == H, else -1. */
    static int illustrationSize(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Illustration_(\\d{1,9})x(\\d{1,9})@1")
                .matcher(path);
        if (!m.matches() || !m.group(1).equals(m.group(2))) {
            return -1;
        }
        return Integer.parseInt(m.group(1));
    }

    private int favicon() {
        for (char ns : new char[] {'-', 'I'}) {
            for (String p : new String[] {"favicon", "favicon.png"}) {
                int i = paths.find(ns, PathIndex.bytes(p));
                if (i >= 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The illustration of {@code size}×{@code size} pixels (48: old archives' favicon as fallback). */
    Optional<Item> illustration(int size) {
        int i = paths.find('M', PathIndex.bytes("Illustration_" + size + "x" + size + "@1"));
        if (i >= 0) {
            return Optional.of(archive.entryAt(i).item());
        }
        if (size == 48) {
            int f = favicon();
            if (f >= 0) {
                return Optional.of(archive.entryAt(f).item());
            }
        }
        return Optional.empty();
    }
}
