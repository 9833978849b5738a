package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.zim.ArchiveSummary;
import io.burrow.mcp.zim.ZimArchive;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** An archive being served: its name, its opening, its searcher and its summary (both read on first use). */
public final class LoadedArchive {

    private static final AtomicLong OPENINGS = new AtomicLong();

    private final String name;
    private final Path file;
    private final String stamp;
    private final ZimArchive archive;
    private volatile io.burrow.mcp.zim.search.ZimSearcher searcher;
    private volatile ArchiveSummary summary;

    LoadedArchive(String name, Path file, ZimArchive archive) {
        this.name = name;
        this.file = file;
        this.stamp = "#" + OPENINGS.incrementAndGet();
        this.archive = archive;
    }

    /** The name clients use ({@code zim_file_path}, {@code zim://} URIs): the path below its directory. */
    public String name() {
        return name;
    }

    /** Its file (never shown; null for the demo archive). */
    Path file() {
        return file;
    }

    /** Whether its searcher is open (for tests). */
    boolean searcherOpen() {
        return searcher != null;
    }

    /** Drops the searcher of a retired archive (calls still running keep theirs). */
    void dropSearcher() {
        searcher = null;
    }

    /** The archive. */
    public ZimArchive archive() {
        return archive;
    }

    /** Which opening of the file this is: a new one when the file is replaced (keys of caches of its content). */
    public String stamp() {
        return stamp;
    }

    /**
     * Its summary, with the index flags of its searcher (read on first use: the archive does not change while
     * it is served, a replaced file is a new {@code Loaded}).
     */
    public ArchiveSummary summary() {
        ArchiveSummary s = summary;
        if (s == null) {
            io.burrow.mcp.zim.search.ZimSearcher searcher = searcher();
            s = ArchiveSummary.of(archive).withIndexes(searcher.hasFulltextIndex(), searcher.hasTitleIndex());
            summary = s;
        }
        return s;
    }

    /** Its searcher, opened on first use. */
    public io.burrow.mcp.zim.search.ZimSearcher searcher() {
        io.burrow.mcp.zim.search.ZimSearcher s = searcher;
        if (s == null) {
            synchronized (this) {
                s = searcher;
                if (s == null) {
                    s = io.burrow.mcp.zim.search.ZimSearcher.open(archive);
                    searcher = s;
                }
            }
        }
        return s;
    }
}
