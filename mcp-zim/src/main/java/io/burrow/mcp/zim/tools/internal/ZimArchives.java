package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.zim.ArchiveSummary;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.IntegrityReport;
import io.burrow.mcp.zim.ZimArchive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the archives hold and how they are: {@code zim_metadata} (from the {@link ArchiveSummary}),
 * {@code zim_browse} (entries in path order), {@code zim_random} and {@code zim_health}.
 */
public final class ZimArchives {

    private final ArchiveLibrary library;
    private final ZimArticles articles;

    /** The jobs over the archives of {@code library}. */
    public ZimArchives(ArchiveLibrary library, ZimArticles articles) {
        this.library = library;
        this.articles = articles;
    }

    ZimResults.Metadata metadata(LoadedArchive l) {
        ArchiveSummary s = l.summary();
        Map<String, String> meta = new TreeMap<>();
        s.metadata().forEach((k, v) -> meta.put(k, v.length() > 2000 ? v.substring(0, 2000) + "…" : v));
        return new ZimResults.Metadata(l.name(), s.uuid(), meta, s.counter(), s.entryCount(), s.allEntryCount(),
                s.articleCount(), s.mediaCount(), s.namespaces(), s.hasFulltextIndex(), s.hasTitleIndex(),
                s.illustrationSizes(), s.hasChecksum(), s.checksum(), s.newNamespaceScheme(), s.multipart(),
                s.sizeBytes(), s.main() == null ? null : s.main().target());
    }

    static final int BROWSE_SCAN_CAP = 100_000;

    ZimResults.Browse browse(LoadedArchive l, char ns, String prefix, int offset, int position, int limit, boolean assets) {
        ZimArchive a = l.archive();
        int size = a.namespaceSize(ns);
        List<ZimResults.BrowseRow> rows = new ArrayList<>();
        int skipped = 0;
        int scanned = 0;
        int pos = prefix == null || position > 0 ? position : prefixStart(a, ns, prefix);
        boolean hidden = !assets && (ns == 'C' || ns == 'I' || ns == '-');
        boolean inPrefix = false;
        java.util.Iterator<Entry> it = a.namespace(ns, pos).iterator();
        while (it.hasNext() && rows.size() < limit && scanned < BROWSE_SCAN_CAP) {
            Entry e = it.next();
            pos++;
            scanned++;
            if (prefix != null && !e.path().startsWith(prefix)) {
                if (inPrefix) { // paths sharing a prefix are contiguous in path order: the range has ended
                    pos = size;
                    break;
                }
                continue;
            }
            inPrefix = true;
            String mime = null;
            if (!e.isRedirect()) {
                mime = e.item(false).mimeType();
                if (hidden && Entries.isAsset(mime)) {
                    continue;
                }
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            String path = Entries.publicPath(a, e);
            String redirectTo = null;
            if (e.isRedirect()) {
                try {
                    redirectTo = Entries.publicPath(a, Entries.follow(e));
                } catch (BurrowException ex) {
                    redirectTo = "(broken)";
                }
            }
            rows.add(new ZimResults.BrowseRow(path, e.title().equals(e.path()) ? null : e.title(), mime, redirectTo));
        }
        if (prefix != null && inPrefix && it.hasNext() && !it.next().path().startsWith(prefix)) {
            pos = size; // the next entry is past the prefix range: nothing more to list
        }
        boolean done = pos >= size;
        ObjectNode cursor = null;
        if (!done) {
            cursor = Cursors.start("zim_browse").put("a", l.name()).put("ns", String.valueOf(ns)).put("p", pos)
                    .put("l", limit).put("as", assets);
            if (prefix != null) {
                cursor.put("px", prefix);
            }
        }
        return new ZimResults.Browse(l.name(), String.valueOf(ns), prefix, size, rows.size(), rows,
                cursor == null ? null : Cursors.encode(cursor), done);
    }

    /**
     * The position in namespace {@code ns} of the first path starting with {@code prefix}, found by binary search
     * where the reader offers it (the user namespace), else 0 (the scan then skips to it).
     */
    private static int prefixStart(ZimArchive a, char ns, String prefix) {
        if (a.hasNewNamespaceScheme() && ns != 'C') {
            return 0;
        }
        int first = a.namespace(ns, 0).findFirst().map(Entry::index).orElse(0);
        return a.findByPathPrefix(prefix).findFirst().filter(e -> e.namespace() == ns)
                .map(e -> e.index() - first).orElse(a.namespaceSize(ns));
    }

    ZimResults.RandomArticle random(LoadedArchive l) {
        ZimArchive a = l.archive();
        if (a.titleIndexSize() == 0 && a.entryCount() == 0) {
            throw new NotFoundException(l.name() + " has no articles");
        }
        Entry e = Entries.follow(a.randomEntry(ThreadLocalRandom.current()));
        String path = Entries.publicPath(a, e);
        String mime = e.item().mimeType();
        return new ZimResults.RandomArticle(l.name(), path, e.title(),
                Entries.isHtml(mime) ? articles.article(l, e).summary(500) : null, mime);
    }

    ZimResults.Result health(LoadedArchive only, boolean verify) {
        if (only != null) {
            ZimArchive a = only.archive();
            ArchiveSummary s = only.summary();
            if (!verify) {
                return new ZimResults.ArchiveHealth(only.name(), true, s.entryCount(), s.hasFulltextIndex(),
                        s.hasTitleIndex(), s.hasChecksum(), s.checksum(), null, null, null);
            }
            IntegrityReport r = a.checkIntegrity(true);
            List<ZimResults.Failure> failures = new ArrayList<>();
            for (IntegrityReport.Check c : r.failures()) {
                failures.add(new ZimResults.Failure(c.name(), c.message()));
            }
            boolean checksumOk = r.checks().stream().noneMatch(c -> c.name().equals("CHECKSUM") && !c.passed());
            return new ZimResults.ArchiveHealth(only.name(), true, s.entryCount(), s.hasFulltextIndex(),
                    s.hasTitleIndex(), s.hasChecksum(), s.checksum(), s.hasChecksum() ? checksumOk : null, r.passed(),
                    failures);
        }
        List<ZimResults.ArchiveRow> archives = new ArrayList<>();
        for (LoadedArchive l : library.all()) {
            ArchiveSummary s = l.summary();
            archives.add(new ZimResults.ArchiveRow(l.name(), s.entryCount(), s.articleCount(), s.sizeBytes(),
                    s.hasFulltextIndex(), s.hasTitleIndex()));
        }
        List<ZimResults.Unreadable> failed = new ArrayList<>();
        for (FailedArchive f : library.failures()) {
            failed.add(new ZimResults.Unreadable(f.name(), f.code().name()));
        }
        var cc = library.clusterCache();
        ZimResults.ArticleCacheStats articleCache = articles.cacheStats();
        return new ZimResults.LibraryHealth(archives, failed, library.servesDemo(), library.hasDirectories(),
                new ZimResults.ClusterCacheStats(cc.maxBytes(), cc.weightedSize(), cc.size(), cc.hitCount(),
                        cc.missCount()), articleCache, library.hasDirectories() ? library.readableDirectories() : null);
    }
}
