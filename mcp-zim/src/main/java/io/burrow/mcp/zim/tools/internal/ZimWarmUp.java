package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.zim.search.SearchMode;
import io.burrow.mcp.zim.search.SearchRequest;
import io.burrow.mcp.zim.search.ZimSearcher;
import io.burrow.mcp.zim.tools.ZimSettings;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a first {@code zim_search} needs, done before it comes (the module's warm-up task, run when the server gets
 * its first request): the search indexes of the served archives opened, and one small search with snippets run on
 * the first archive that has a full-text index, which loads and compiles the search and snippet code. Nothing is
 * kept but what the archives keep anyway (their open indexes, cached clusters). Once a ZIM tool has been called
 * ({@link #marking}), the search is left out, or stopped at its next checkpoint: the call is doing that work
 * itself, and would only share the CPU.
 */
public final class ZimWarmUp {

    private final AtomicBoolean called = new AtomicBoolean();
    /** Cancelled once a ZIM tool is called. */
    private final FetchScope untilCalled = new FetchScope(null, new Cancellation() {
        @Override
        public boolean isCancelled() {
            return called.get();
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> { };
        }
    });

    /** Archives whose indexes are opened at most (a library of thousands opens the rest on use). */
    static final int MAX_ARCHIVES = 16;

    /** The tool, noting its first call (so that the warm-up leaves the search to it). */
    public ToolDefinition marking(ToolDefinition tool) {
        return new ToolDefinition(tool.name(), tool.title(), tool.description(), tool.inputSchema(),
                tool.outputSchema(), tool.hints(), call -> {
                    called.set(true);
                    return tool.handler().call(call);
                });
    }

    public void run(ArchiveLibrary library, ZimSettings settings) {
        SearchMode mode = settings.searchMode() == ZimSettings.SearchModeSetting.LIBZIM ? SearchMode.LIBZIM_COMPATIBLE
                : SearchMode.IMPROVED;
        boolean searched = false;
        int n = 0;
        for (LoadedArchive l : library.all()) {
            if (n++ >= MAX_ARCHIVES) {
                break;
            }
            ZimSearcher searcher = l.searcher();
            if (!searched && !called.get() && searcher.hasFulltextIndex()) {
                try {
                    searcher.search(new SearchRequest(query(l), 0, 3, mode, null, null, true), untilCalled);
                } catch (BurrowException e) {
                    return; // a call came (CANCELLED): it does the rest
                }
                searched = true;
            }
        }
    }

    /** The first word of the archive's title (words of the title are likely in its text), or "the". */
    private static String query(LoadedArchive l) {
        String title = l.summary().title().orElse("").strip();
        String word = title.isEmpty() ? "" : title.split("\\s+")[0].replaceAll("[^\\p{L}\\p{N}]", "");
        return word.isEmpty() ? "the" : word.toLowerCase(Locale.ROOT);
    }
}
