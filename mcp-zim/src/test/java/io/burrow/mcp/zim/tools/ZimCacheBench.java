package io.burrow.mcp.zim.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.SideBySide;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cached-call benchmark of the ZIM tools (run by {@code scripts/bench-zim.sh --cached}), like GopherBench's lines
 * (1) and (1b): through the in-process MCP server over piped stdio, each repeated call of a ZIM tool (answered from the
 * result cache) against a tool returning the very same result from memory ({@code replay}: same arguments, same input
 * and output schemas, same payload), and against a no-op tool; each call timed from sending the request until its whole answer line has
 * arrived. Calls alternate one by one after a warm-up; medians are compared. Goal: cached / replay ≤ 1.2.
 *
 * <p>Usage: {@code ZimCacheBench ARCHIVE.zim} (system properties {@code bench.calls}, default 5,000,
 * {@code bench.warmUpSeconds}, default 3, and {@code bench.only}, a part of the call names to run).
 */
public final class ZimCacheBench {

    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 3));

    private ZimCacheBench() {
    }

    /**
     * Tools {@code noop} (a tiny result) and {@code replay_<tool>}: a fixed result, with the tool's input and output
     * schemas (so that the same arguments are validated alike), and nothing else.
     */
    static final class BenchModule implements BurrowModule {
        static final Map<String, ToolResult> REPLAY = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, String[]> schemas;

        BenchModule(Map<String, String[]> schemas) {
            this.schemas = schemas;
        }

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("noop").title("No-op").description("Does nothing; for benchmarks.")
                    .inputSchema("{\"type\":\"object\"}")
                    .outputSchema("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}")
                    .handler(call -> ToolResult.of(Map.of("ok", true), "ok")).build());
            schemas.forEach((tool, schema) -> out.tool(ToolDefinition.builder("replay_" + tool).title("Replay")
                    .description("Returns a fixed result; for benchmarks.").inputSchema(schema[0])
                    .outputSchema(schema[1]).handler(call -> REPLAY.get(tool)).build()));
        }
    }

    public static void main(String[] args) throws Exception {
        Path zim = Path.of(args[0]).toAbsolutePath();
        int calls = Integer.getInteger("bench.calls", 5000);
        String name = zim.getFileName().toString();
        Map<String, String> env = Map.of("ZIM_DIRECTORIES", zim.getParent().toString(), "ZIM_WATCH_INTERVAL_SECONDS",
                "0", "BURROW_LOG_LEVEL", "warn");
        Map<String, String[]> schemas = new LinkedHashMap<>();
        try (BurrowServer probe = BurrowServer.builder().module(new ZimModule()).configSources(ConfigSources.empty()
                .withEnv(env)).build()) {
            for (var t : probe.tools()) {
                schemas.put(t.name(), new String[] {Json.writer().writeValueAsString(t.inputSchema()),
                    Json.writer().writeValueAsString(t.outputSchema())});
            }
        }
        try (BurrowServer server = BurrowServer.builder().module(new ZimModule()).module(new BenchModule(schemas))
                .configSources(ConfigSources.empty().withEnv(env)).build();
                McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            System.out.printf("ZIM cached-call benchmark: %s, medians of %d calls per side, Java %s, %d CPUs%n", name,
                    calls, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            JsonNode top = client.callTool("zim_search", Map.of("zim_file_path", name, "query", "asyncio event loop"));
            String path = top.at("/structuredContent/results/0/path").asText();
            JsonNode toc = client.callTool("zim_get", Map.of("zim_file_path", name, "entry_path", path, "view", "toc"));
            String section = toc.at("/structuredContent/sections/1/id").asText(toc.at("/structuredContent/sections/0/id")
                    .asText());
            Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
            targets.put("zim_search fulltext", Map.of("zim_file_path", name, "query", "asyncio event loop"));
            targets.put("zim_search title", Map.of("zim_file_path", name, "query", "asyncio", "mode", "title"));
            targets.put("zim_search suggest", Map.of("zim_file_path", name, "query", "asyn", "mode", "suggest"));
            targets.put("zim_get", Map.of("zim_file_path", name, "entry_path", path));
            targets.put("zim_get_section", Map.of("zim_file_path", name, "entry_path", path, "section_id", section));
            targets.put("zim_browse", Map.of("zim_file_path", name, "prefix", "library/"));
            targets.put("zim_links", Map.of("zim_file_path", name, "entry_path", path));
            targets.put("zim_metadata", Map.of("zim_file_path", name));
            String only = System.getProperty("bench.only", "");
            for (Map.Entry<String, Map<String, Object>> t : targets.entrySet()) {
                String tool = t.getKey().split(" ")[0];
                if (!t.getKey().contains(only)) {
                    continue;
                }
                JsonNode first = client.callTool(tool, t.getValue());
                if (first.path("isError").asBoolean()) {
                    System.out.println(t.getKey() + ": failed: " + first);
                    continue;
                }
                JsonNode second = client.callTool(tool, t.getValue());
                BenchModule.REPLAY.put(tool, ToolResult.of(second.get("structuredContent"),
                        second.at("/content/0/text").asText()));
                Map<String, Object> call = Map.of("name", tool, "arguments", t.getValue());
                Map<String, Object> replay = Map.of("name", "replay_" + tool, "arguments", t.getValue());
                Map<String, Object> noop = Map.of("name", "noop", "arguments", Map.of());
                JsonNode a = parse(client.requestLine("tools/call", call)).path("result");
                JsonNode b = parse(client.requestLine("tools/call", replay)).path("result");
                if (!a.equals(second) || !b.equals(second)) {
                    throw new IllegalStateException("answers differ for " + t.getKey());
                }
                int bytes = client.requestLine("tools/call", call).length;
                SideBySide same = compare(calls, () -> client.requestLine("tools/call", call),
                        () -> client.requestLine("tools/call", replay));
                report("(1b) cached " + t.getKey() + " (" + bytes / 1024 + " KB)", "replay, same payload", same, 1.2);
                SideBySide none = compare(calls / 2, () -> client.requestLine("tools/call", call),
                        () -> client.requestLine("tools/call", noop));
                report("(1) cached " + t.getKey(), "no-op tool", none, 0);
            }
        }
    }

    private static JsonNode parse(byte[] line) {
        try {
            return Json.parse(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Warm-up, then single calls of a and b alternated ({@link SideBySide}). */
    private static SideBySide compare(int calls, Supplier<?> a, Supplier<?> b) {
        return SideBySide.measure(calls, WARM_UP, a::get, b::get);
    }

    private static void report(String what, String baseline, SideBySide r, double goal) {
        System.out.println(r.report(what, baseline, goal));
        System.out.flush();
    }
}
