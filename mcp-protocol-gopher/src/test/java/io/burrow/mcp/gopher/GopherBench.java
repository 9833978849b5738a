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
import io.burrow.mcp.testkit.McpTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Gopher benchmark (run by {@code scripts/bench-gopher.sh}), against the real Gophernicus peer:
 *
 * <ol>
 *   <li>a cached {@code gopher_fetch} through the in-process MCP server over the SDK's stdio transport,
 *       against a no-op tool call through the same server and transport (goal: ratio ≤ 1.2);
 *   <li>an uncached fetch from the local Gophernicus through the Gopher client, against a plain
 *       blocking-socket fetch of the same selector (goal: ratio ≤ 1.3).
 * </ol>
 *
 * Measurements alternate between the two sides in rounds, after a warm-up, and report the median of
 * the per-round means, so both sides see the same machine load.
 */
public final class GopherBench {

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

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 10);
        int cachedCalls = Integer.getInteger("bench.cachedCalls", 2000);
        int networkCalls = Integer.getInteger("bench.networkCalls", 100);
        try (GopherPeer peer = GopherPeer.start()) {
            System.out.printf("Gopher benchmark: %d rounds, Java %s, %d CPUs, Gophernicus on 127.0.0.1:%d%n", rounds,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), peer.port());
            cached(peer, rounds, cachedCalls);
            uncached(peer, rounds, networkCalls);
        }
    }

    private static void cached(GopherPeer peer, int rounds, int calls) {
        ConfigSources cfg = ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                "BURROW_LOG_LEVEL", "warn"));
        try (BurrowServer server = BurrowServer.builder().module(new GopherModule()).module(new NoopModule())
                .configSources(cfg).build(); McpTestClient client = McpTestClient.stdio(server)) {
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
                double[] r = compare(rounds, calls, () -> client.callTool("gopher_fetch", fetchArgs),
                        () -> client.callTool("noop", noopArgs));
                report("(1) cached gopher_fetch over MCP stdio, " + target[0], "no-op tool over MCP stdio", r, 1.2);
            }
        }
    }

    private static void uncached(GopherPeer peer, int rounds, int calls) throws IOException {
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
                double[] r = compare(rounds, calls, () -> gopher.fetch(url), () -> plainFetch(peer.port(), target[1]));
                report("(2) uncached fetch, Gopher client, " + target[0], "plain blocking socket", r, 1.3);
            }
            String url = peer.url("/0/about.txt");
            double[] r = compare(rounds, calls, () -> client.callTool("gopher_fetch", Map.of("url", url)),
                    () -> plainFetch(peer.port(), "/about.txt"));
            report("(2b) uncached gopher_fetch over MCP stdio, text (about.txt)", "plain blocking socket", r, 1.3);
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

    /** Alternating rounds; returns {median µs of a, median µs of b}. */
    private static double[] compare(int rounds, int calls, Supplier<?> a, Supplier<?> b) {
        for (int i = 0; i < Math.max(calls, 200); i++) { // warm-up
            a.get();
            b.get();
        }
        double[] ta = new double[rounds];
        double[] tb = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ta[round] = timeMicros(calls, a);
            tb[round] = timeMicros(calls, b);
        }
        return new double[] {median(ta), median(tb)};
    }

    private static double timeMicros(int calls, Supplier<?> s) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            s.get();
        }
        return (System.nanoTime() - start) / 1000.0 / calls;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static void report(String what, String baseline, double[] r, double goal) {
        double ratio = r[0] / r[1];
        System.out.printf("%-62s %9.1f µs | %-28s %9.1f µs | ratio %.2f (goal <= %.1f: %s)%n", what, r[0], baseline,
                r[1], ratio, goal, ratio <= goal ? "met" : "MISSED");
    }
}
