package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.search.SearchRequest;
import io.burrow.mcp.zim.search.SearchResults;
import io.burrow.mcp.zim.search.ZimSearcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zim suggest FILE QUERY [--limit N]}: title suggestions as JSON (libzim's suggestion searcher). */
@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = "Title suggestions for what was typed so far; prints one JSON object.")
final class ZimSuggest extends ZimSubcommand {

    @Parameters(index = "1", paramLabel = "QUERY", description = "The beginning of a title or of its words.")
    String query;

    @Option(names = "--limit", defaultValue = "10", description = "Maximum suggestions (default 10, at most 1000).")
    int limit;

    @Override
    int run(ZimArchive zim) {
        if (limit < 0 || limit > SearchRequest.MAX_LIMIT) {
            err.println("Error: --limit must be 0.." + SearchRequest.MAX_LIMIT);
            return 2;
        }
        SearchResults r = ZimSearcher.open(zim).suggest(query, limit);
        out.println(ZimJson.write(ZimSearchJson.of(r)));
        return 0;
    }
}
