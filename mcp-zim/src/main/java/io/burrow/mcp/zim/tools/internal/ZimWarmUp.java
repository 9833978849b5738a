package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.zim.search.ZimSearcher;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a first {@code zim_search} needs, done before it comes (the module's warm-up task, run when the server gets
 * its first request): the search indexes of the served archives opened, and one search with snippets on the first
 * archive that has a full-text index, through the tool's own path (its result records serialised to JSON and
 * rendered as text once), which loads and compiles the search, decoding, snippet and result code. Nothing is kept
 * but what the archives keep anyway (their open indexes, cached clusters, extracted page text). Once a ZIM tool has
 * been called ({@link #marking}), the search is left out, or stopped at its next checkpoint: the call is doing that
 * work itself, and would only share the CPU.
 */
public final class ZimWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(ZimWarmUp.class);

    private final ZimSearch search;
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

    /** Hits of the warm-up search: as many as a default {@code zim_search} shows, each with its snippet. */
    private static final int HITS = 10;

    /** @param search the tool's searches, run by {@link #run} as a call runs them */
    public ZimWarmUp(ZimSearch search) {
        this.search = search;
    }

    /** The tool, noting its first call (so that the warm-up leaves the search to it). */
    public ToolDefinition marking(ToolDefinition tool) {
        return new ToolDefinition(tool.name(), tool.title(), tool.description(), tool.inputSchema(),
                tool.outputSchema(), tool.hints(), call -> {
                    called.set(true);
                    return tool.handler().call(call);
                });
    }

    /**
     * Opens the indexes and runs the search (unless a call came first).
     *
     * @return whether the search ran to its end
     */
    public boolean run(ArchiveLibrary library) {
        boolean searched = false;
        int n = 0;
        for (LoadedArchive l : library.all()) {
            if (n++ >= MAX_ARCHIVES) {
                break;
            }
            ZimSearcher searcher = l.searcher();
            if (!searched && !called.get() && searcher.hasFulltextIndex()) {
                ZimSearch.SearchParams p = new ZimSearch.SearchParams(query(l), "fulltext", l.name(), false, null, null,
                        0, HITS);
                try {
                    ZimResults.Search r = CallScope.during(untilCalled, () -> search.search(p));
                    Json.writer().writeValueAsString(Json.toTree(r));
                    ZimRendering.search(r);
                } catch (BurrowException e) {
                    return false; // a call came (CANCELLED): it does the rest
                } catch (JsonProcessingException e) {
                    LOG.debug("the warm-up search's result did not serialise: {}", e.toString());
                }
                searched = true;
            }
        }
        return searched;
    }

    /** The first word of the archive's title (words of the title are likely in its text), or "the". */
    private static String query(LoadedArchive l) {
        String title = l.summary().title().orElse("").strip();
        String word = title.isEmpty() ? "" : title.split("\\s+")[0].replaceAll("[^\\p{L}\\p{N}]", "");
        return word.isEmpty() ? "the" : word.toLowerCase(Locale.ROOT);
    }
}
