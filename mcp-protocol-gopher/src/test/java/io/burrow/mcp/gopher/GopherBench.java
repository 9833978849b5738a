package io.burrow.mcp.gopher;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.gopher.tools.GopherModule;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.SideBySide;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Gopher benchmark (run by {@code scripts/bench-gopher.sh}), against the real Gophernicus peer:
 *
 * <ol>
 *   <li>a cached {@code gopher_fetch} through the in-process MCP server over piped stdio (the launcher's transport),
 *       against a no-op tool call through the same server and transport, each timed until its whole answer line
 *       has arrived at the client (goal: ratio ≤ 1.2); line (1p) repeats it with the test kit client also
 *       parsing each answer into a Jackson tree, a cost of the client that grows with the answer's size;
 *   <li>an uncached fetch from the local Gophernicus through the Gopher client, against a plain
 *       blocking-socket fetch of the same selector (goal: ratio ≤ 1.3).
 * </ol>
 *
 * Calls alternate between the two sides one by one, after a warm-up, and the medians of the single
 * call durations are compared, so both sides see the same machine load. Line (1b) compares the cached
 * fetch with a tool returning the very same result from memory: what the fetch path adds on top of
 * carrying its payload through MCP.
 */
public final class GopherBench {

    /** Shortest warm-up of each comparison. */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 5));

    private GopherBench() {
    }

    /** A module with one tool that does nothing. */
    static final class NoopModule implements BurrowModule {
        @Override
        public String name() {
            return "bench";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("noop").title("No-op").description("Does nothing; for benchmarks.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}}}")
                    .outputSchema("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}")
                    .handler(call -> ToolResult.of(Map.of("ok", true), "ok")).build());
        }
    }

    /**
     * A tool that returns a fixed, precomputed result with gopher_fetch's output schema: the cost of
     * carrying the same payload through MCP without any fetch logic.
     */
    static final class ReplayModule implements BurrowModule {
        static volatile JsonNode structured;
        static volatile String text;

        @Override
        public String name() {
            return "replay";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("replay").title("Replay").description("Returns a fixed result; for benchmarks.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}}}")
                    .outputSchema(io.burrow.mcp.gopher.tools.internal.GopherSchemas.fetchOutput())
                    .handler(call -> ToolResult.of(structured, text)).build());
        }
    }

    public static void main(String[] args) throws Exception {
        int cachedCalls = Integer.getInteger("bench.cachedCalls", 20000);
        int networkCalls = Integer.getInteger("bench.networkCalls", 1000);
        try (GopherPeer peer = GopherPeer.start()) {
            System.out.printf("Gopher benchmark: medians of %d cached / %d network calls per side, Java %s, %d CPUs, "
                    + "Gophernicus on 127.0.0.1:%d%n", cachedCalls, networkCalls, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), peer.port());
            java.util.Set<String> sections = java.util.Set.of(System.getProperty("bench.sections", "cached,uncached,fake")
                    .split(","));
            if (sections.contains("cached")) {
                cached(peer, cachedCalls);
            }
            if (sections.contains("uncached")) {
                uncached(peer, networkCalls);
            }
            if (sections.contains("fake")) {
                uncachedFake(cachedCalls / 4);
            }
        }
    }

    private static void cached(GopherPeer peer, int calls) {
        ConfigSources cfg = ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                "BURROW_LOG_LEVEL", "warn"));
        try (BurrowServer server = BurrowServer.builder().module(new GopherModule()).module(new NoopModule())
                .module(new ReplayModule()).configSources(cfg).build(); McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            for (String[] target : new String[][] {{"root menu (32 items)", peer.url("/")},
                    {"text (about.txt, 382 B)", peer.url("/0/about.txt")}}) {
                Map<String, Object> fetchArgs = Map.of("url", target[1]);
                Map<String, Object> noopArgs = Map.of("url", target[1]);
                JsonNode first = client.callTool("gopher_fetch", fetchArgs);
                if (first.path("isError").asBoolean()) {
                    throw new IllegalStateException("fetch failed: " + first);
                }
                JsonNode second = client.callTool("gopher_fetch", fetchArgs);
                if (!second.at("/structuredContent/request_info/cached").asBoolean()) {
                    throw new IllegalStateException("second fetch was not cached: " + second);
                }
                ReplayModule.structured = second.get("structuredContent");
                ReplayModule.text = second.at("/content/0/text").asText();
                Map<String, Object> fetchCall = Map.of("name", "gopher_fetch", "arguments", fetchArgs);
                Map<String, Object> noopCall = Map.of("name", "noop", "arguments", noopArgs);
                Map<String, Object> replayCall = Map.of("name", "replay", "arguments", noopArgs);
                for (Map<String, Object> call : java.util.List.of(fetchCall, replayCall)) {
                    JsonNode line = parse(client.requestLine("tools/call", call)).path("result");
                    if (!line.equals(second)) {
                        throw new IllegalStateException("answers differ: " + line + " vs " + second);
                    }
                }
                SideBySide r = compare(calls, () -> client.requestLine("tools/call", fetchCall),
                        () -> client.requestLine("tools/call", noopCall));
                report("(1) cached gopher_fetch over MCP stdio, " + target[0], "no-op tool over MCP stdio", r, 1.2);
                SideBySide parsed = compare(calls, () -> client.callTool("gopher_fetch", fetchArgs),
                        () -> client.callTool("noop", noopArgs));
                report("(1p) the same, the client also parsing each answer", "no-op tool, answer parsed", parsed, 0);
                SideBySide same = compare(calls, () -> client.requestLine("tools/call", fetchCall),
                        () -> client.requestLine("tools/call", replayCall));
                report("(1b) the same as (1)", "fixed result, same payload", same, 1.2);
            }
        }
    }

    private static JsonNode parse(byte[] line) {
        try {
            return io.burrow.mcp.core.json.Json.parse(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void uncached(GopherPeer peer, int calls) throws IOException {
        ConfigSources cfg = ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                "GOPHER_CACHE_ENABLED", "false"));
        try (BurrowServer server = BurrowServer.builder().module(new GopherModule()).configSources(cfg).build();
                McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            ProtocolClient<GopherResult> gopher = server.client("gopher");
            for (String[] target : new String[][] {{"text (about.txt, 382 B)", "/about.txt", "/0/about.txt"},
                    {"root menu (32 items)", "", "/"}, {"binary (sample.bin, 4096 B)", "/files/sample.bin",
                            "/9/files/sample.bin"}}) {
                String url = peer.url(target[2]);
                byte[] plain = plainFetch(peer.port(), target[1]);
                if (plain.length == 0) {
                    throw new IllegalStateException("plain fetch got nothing");
                }
                gopher.fetch(url);
                SideBySide r = compare(calls, () -> gopher.fetch(url), () -> plainFetch(peer.port(), target[1]));
                report("(2) uncached fetch, Gopher client, " + target[0], "plain blocking socket", r, 1.3);
            }
            String url = peer.url("/0/about.txt");
            SideBySide r = compare(calls, () -> client.callTool("gopher_fetch", Map.of("url", url)),
                    () -> plainFetch(peer.port(), "/about.txt"));
            report("(2b) uncached gopher_fetch over MCP stdio, text (about.txt)", "plain blocking socket", r, 1.3);
        }
    }

    /**
     * (2c) the uncached comparison against an in-JVM FakeGopherServer, which answers in microseconds
     * where Gophernicus forks a process per connection: it shows the client's own overhead.
     */
    private static void uncachedFake(int calls) {
        ConfigSources cfg = ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                "GOPHER_CACHE_ENABLED", "false"));
        try (io.burrow.mcp.testkit.gopher.FakeGopherServer fake = new io.burrow.mcp.testkit.gopher.FakeGopherServer()
                .start(); BurrowServer server = BurrowServer.builder().module(new GopherModule()).configSources(cfg)
                        .build()) {
            io.burrow.mcp.testkit.gopher.GopherResponse menu = GopherResponse32.menu(fake);
            fake.dispatcher(r -> menu);
            ProtocolClient<GopherResult> gopher = server.client("gopher");
            String url = fake.rootUrl();
            SideBySide r = compare(calls, () -> gopher.fetch(url), () -> plainFetch(fake.port(), ""));
            report("(2c) uncached fetch, Gopher client, in-JVM fake server, menu", "plain blocking socket", r, 1.3);
        }
    }

    /** A 32-item menu like the gopherhole's root. */
    static final class GopherResponse32 {
        static io.burrow.mcp.testkit.gopher.GopherResponse menu(io.burrow.mcp.testkit.gopher.FakeGopherServer fake) {
            io.burrow.mcp.testkit.gopher.FakeGopherServer.MenuBuilder m = fake.menu();
            for (int i = 0; i < 32; i++) {
                m.item(i % 3 == 0 ? '1' : '0', "Item " + i + " of a typical gopher menu", "/dir/item-" + i);
            }
            return m.build();
        }
    }

    static byte[] plainFetch(int port, String selector) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((selector + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Warm-up, then single calls of a and b alternated ({@link SideBySide}). */
    private static SideBySide compare(int calls, Supplier<?> a, Supplier<?> b) {
        return SideBySide.measure(calls, WARM_UP, a::get, b::get);
    }

    /** Prints one comparison; a goal of 0 means the line is for information. */
    private static void report(String what, String baseline, SideBySide r, double goal) {
        System.out.println(r.report(what, baseline, goal));
        System.out.flush();
    }
}
