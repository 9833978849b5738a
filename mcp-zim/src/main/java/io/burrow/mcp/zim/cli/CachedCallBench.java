package io.burrow.mcp.zim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.zim.tools.ZimModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached-call figures of {@code zim bench}: the ZIM tools called in-process through a {@link BurrowServer} over
 * the archive's directory (no transport), each call's first (uncached) duration and the median of its repeated
 * (cached) calls, against a tool returning the very same result from memory ({@code replay}), alternated one by
 * one; the replay tool has the ZIM tool's schemas and gets the same arguments. Keys {@code cached_<call>_first_ms}, {@code cached_<call>_median_us}, {@code replay_<call>_median_us} and
 * {@code cached_<call>_ratio} (cached / replay).
 */
final class CachedCallBench {

    private CachedCallBench() {
    }

    /** The results the replay tools return, by tool. */
    private static final Map<String, ToolResult> REPLAY = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Tools {@code replay_<tool>}, each returning {@link #REPLAY}'s result with the input and output schemas of the
     * ZIM tool (so that the same arguments are validated alike): the cost of carrying the same payload without any
     * ZIM work.
     */
    private static final class ReplayModule implements BurrowModule {
        private final Map<String, String[]> schemas;

        ReplayModule(Map<String, String[]> schemas) {
            this.schemas = schemas;
        }

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            schemas.forEach((tool, schema) -> out.tool(ToolDefinition.builder("replay_" + tool).title("Replay")
                    .description("Returns a fixed result; for benchmarks.").inputSchema(schema[0])
                    .outputSchema(schema[1]).handler(call -> REPLAY.get(tool)).build()));
        }
    }

    static Map<String, Object> run(Path file, String query, int calls) {
        Map<String, Object> m = new LinkedHashMap<>();
        String name = file.getFileName().toString();
        Map<String, String> env = Map.of("ZIM_DIRECTORIES", file.toAbsolutePath().getParent().toString(),
                "ZIM_WATCH_INTERVAL_SECONDS", "0", "BURROW_LOG_LEVEL", "warn");
        Map<String, String[]> schemas = new LinkedHashMap<>();
        try (BurrowServer probe = BurrowServer.builder().module(new ZimModule())
                .configSources(ConfigSources.empty().withEnv(env)).build()) {
            for (var t : probe.tools()) {
                schemas.put(t.name(), new String[] {Json.toTree(t.inputSchema()).toString(),
                    Json.toTree(t.outputSchema()).toString()});
            }
        }
        try (BurrowServer server = BurrowServer.builder().module(new ZimModule()).module(new ReplayModule(schemas))
                .configSources(ConfigSources.empty().withEnv(env)).build()) {
            ObjectNode search = Json.object().put("zim_file_path", name).put("query", query);
            JsonNode first = server.callTool("zim_search", search);
            String top = first.at("/structuredContent/results/0/path").asText("");
            Map<String, ObjectNode> targets = new LinkedHashMap<>();
            targets.put("search", search);
            targets.put("search_title", Json.object().put("zim_file_path", name).put("query", query)
                    .put("mode", "title"));
            targets.put("get", Json.object().put("zim_file_path", name).put("entry_path", top));
            targets.put("browse", Json.object().put("zim_file_path", name));
            targets.put("links", Json.object().put("zim_file_path", name).put("entry_path", top));
            targets.put("metadata", Json.object().put("zim_file_path", name));
            for (Map.Entry<String, ObjectNode> t : targets.entrySet()) {
                String tool = "zim_" + t.getKey().replace("_title", "");
                ObjectNode args = t.getValue();
                if (!t.getKey().equals("search")) {
                    long t0 = System.nanoTime();
                    first = server.callTool(tool, args);
                    m.put("cached_" + t.getKey() + "_first_ms", Math.round((System.nanoTime() - t0) / 1e3) / 1e3);
                } else {
                    m.put("cached_search_first_ms", null); // timed below on a query not searched yet
                }
                if (first.path("isError").asBoolean()) {
                    continue;
                }
                JsonNode hit = server.callTool(tool, args);
                REPLAY.put(tool, ToolResult.of(hit.get("structuredContent"), hit.at("/content/0/text").asText()));
                double[] r = compare(calls, () -> server.callTool(tool, args),
                        () -> server.callTool("replay_" + tool, args));
                m.put("cached_" + t.getKey() + "_median_us", r[0]);
                m.put("replay_" + t.getKey() + "_median_us", r[1]);
                m.put("cached_" + t.getKey() + "_ratio", Math.round(r[0] / r[1] * 100) / 100.0);
            }
            ObjectNode fresh = Json.object().put("zim_file_path", name).put("query", query + " tutorial");
            long t0 = System.nanoTime();
            server.callTool("zim_search", fresh);
            m.put("cached_search_first_ms", Math.round((System.nanoTime() - t0) / 1e3) / 1e3);
        }
        return m;
    }

    /** Alternates single calls of a and b after a warm-up; the median of each, in µs. */
    private static double[] compare(int calls, Runnable a, Runnable b) {
        for (int i = 0; i < Math.max(500, calls / 2); i++) {
            a.run();
            b.run();
        }
        List<Double> ta = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            a.run();
            long t1 = System.nanoTime();
            b.run();
            long t2 = System.nanoTime();
            ta.add((t1 - t0) / 1e3);
            tb.add((t2 - t1) / 1e3);
        }
        return new double[] {Math.round(SearchBench.percentile(ta, 50) * 10) / 10.0,
            Math.round(SearchBench.percentile(tb, 50) * 10) / 10.0};
    }
}
