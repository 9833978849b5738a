package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.search.SearchMode;
import io.burrow.mcp.zim.search.SearchRequest;
import io.burrow.mcp.zim.search.SearchResults;
import io.burrow.mcp.zim.search.ZimSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zim search FILE QUERY [--limit N] [--offset K] [--libzim-compatible]}: full-text search as JSON. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Full-text search of the archive's Xapian index; prints one JSON object.")
final class ZimSearch extends ZimSubcommand {

    @Parameters(index = "1", paramLabel = "QUERY", description = "The query (Xapian syntax: AND, OR, NOT, \"phrases\", +/-).")
    String query;

    @Option(names = "--limit", defaultValue = "10", description = "Maximum results (default 10, at most 1000).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Index of the first result (default 0).")
    int offset;

    @Option(names = "--libzim-compatible",
            description = "Exactly libzim 8.1.1's results (no accent folding, no exact-title promotion).")
    boolean compatible;

    @Override
    int run(ZimArchive zim) {
        if (limit < 0 || limit > SearchRequest.MAX_LIMIT || offset < 0) {
            err.println("Error: --limit must be 0.." + SearchRequest.MAX_LIMIT + " and --offset >= 0");
            return 2;
        }
        SearchRequest req = SearchRequest.of(query).withPage(offset, limit)
                .withMode(compatible ? SearchMode.LIBZIM_COMPATIBLE : SearchMode.IMPROVED);
        SearchResults r = ZimSearcher.open(zim).search(req);
        out.println(ZimJson.write(ZimSearchJson.of(r)));
        return 0;
    }
}
