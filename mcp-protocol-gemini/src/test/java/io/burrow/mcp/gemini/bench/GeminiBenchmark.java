package io.burrow.mcp.gemini.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.gemini.tools.GeminiModule;
import io.burrow.mcp.gemini.GeminiResult;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.SideBySide;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The Gemini benchmark (scripts/bench-gemini.sh), in one run against a local Molly Brown:
 * <ol>
 *   <li>a cached {@code gemini_fetch} of the home page against a no-op tool, both called through the same
 *       in-process MCP server over piped stdio with the test kit's client, each timed until its whole answer line
 *       has arrived (goal: ratio ≤ 1.2); shown again with the client also parsing each answer into a Jackson
 *       tree, a cost of the client that grows with the answer's size;</li>
 *   <li>an uncached fetch with the Gemini client (host policy, TLS, TOFU, parsing) against a plain JSSE socket
 *       doing the same handshake and request and reading the whole response (goal: ratio ≤ 1.3).</li>
 * </ol>
 * Calls are interleaved in rounds so that drift affects both sides alike; the reported figure is the median.
 * Prints a Markdown table on stdout (this is a benchmark program, not library code).
 */
public final class GeminiBenchmark {

    private GeminiBenchmark() {
    }

    /** A module with a tool that does nothing, as the baseline of an MCP round trip. */
    public static final class NoopModule implements BurrowModule {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("noop").title("No-op").description("Does nothing; the benchmark baseline.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}}}")
                    .outputSchema("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}")
                    .handler(call -> ToolResult.of(Map.of("ok", true), "ok")).build());
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int tlsRounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path dir = Files.createTempDirectory("gemini-bench");
        String url = "gemini://localhost:" + port + "/";
        Map<String, String> env = Map.of("GEMINI_ALLOW_LOCAL_HOSTS", "true",
                "GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString(),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString());

        // 1. cached gemini_fetch vs no-op tool, same in-process server, over MCP (piped stdio): until the whole
        // answer has arrived (the goal), and again with the test kit client parsing each answer into a JSON tree
        double[] cached = new double[rounds];
        double[] noop = new double[rounds];
        double[] cachedParsed = new double[rounds];
        double[] noopParsed = new double[rounds];
        try (BurrowServer server = BurrowServer.builder().module(new GeminiModule()).module(new NoopModule())
                .configSources(ConfigSources.empty().withEnv(env)).build();
                McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            client.timeout(java.time.Duration.ofSeconds(30));
            JsonNode first = client.callTool("gemini_fetch", Map.of("url", url));
            if (!first.at("/structuredContent/kind").asText().equals("gemtext")) {
                throw new IllegalStateException("unexpected first fetch: " + first);
            }
            Map<String, Object> fetchArgs = Map.of("url", url);
            Map<String, Object> noopArgs = Map.of("url", url);
            Map<String, Object> fetchCall = Map.of("name", "gemini_fetch", "arguments", fetchArgs);
            Map<String, Object> noopCall = Map.of("name", "noop", "arguments", noopArgs);
            JsonNode line = Json.parse(client.requestLine("tools/call", fetchCall)).path("result");
            if (!line.at("/structuredContent/request_info/cached").asBoolean()
                    || !line.equals(client.callTool("gemini_fetch", fetchArgs))) {
                throw new IllegalStateException("the fetch was not served from the cache: " + line);
            }
            long warmUntil = System.nanoTime() + 5_000_000_000L; // warm-up: the JIT compiles both paths first
            for (int i = 0; i < rounds / 2 || System.nanoTime() < warmUntil; i++) {
                client.requestLine("tools/call", fetchCall);
                client.requestLine("tools/call", noopCall);
                client.callTool("gemini_fetch", fetchArgs);
                client.callTool("noop", noopArgs);
            }
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                client.requestLine("tools/call", fetchCall);
                long t1 = System.nanoTime();
                client.requestLine("tools/call", noopCall);
                long t2 = System.nanoTime();
                client.callTool("gemini_fetch", fetchArgs);
                long t3 = System.nanoTime();
                client.callTool("noop", noopArgs);
                long t4 = System.nanoTime();
                cached[i] = (t1 - t0) / 1000.0;
                noop[i] = (t2 - t1) / 1000.0;
                cachedParsed[i] = (t3 - t2) / 1000.0;
                noopParsed[i] = (t4 - t3) / 1000.0;
            }
        }

        // 2. uncached fetch with the client vs plain JSSE, same handshake and request
        double[] ours = new double[tlsRounds];
        double[] jsse = new double[tlsRounds];
        Map<String, String> uncachedEnv = new java.util.HashMap<>(env);
        uncachedEnv.put("GEMINI_CACHE_ENABLED", "false");
        try (BurrowServer server = BurrowServer.builder().module(new GeminiModule())
                .configSources(ConfigSources.empty().withEnv(uncachedEnv)).build()) {
            ProtocolClient<GeminiResult> gemini = server.client("gemini");
            SSLContext plain = trustAll();
            long bytes = 0;
            for (int i = 0; i < tlsRounds / 3; i++) { // warm-up
                gemini.fetch(url);
                bytes = plainFetch(plain, port, url);
            }
            for (int i = 0; i < tlsRounds; i++) {
                long t0 = System.nanoTime();
                GeminiResult r = gemini.fetch(url);
                long t1 = System.nanoTime();
                long n = plainFetch(plain, port, url);
                long t2 = System.nanoTime();
                if (!(r instanceof GeminiResult.Gemtext g) || g.size() + 25 != n || Boolean.TRUE.equals(r.requestInfo().cached())) {
                    throw new IllegalStateException("fetches disagree: " + r + " vs " + n + " bytes");
                }
                ours[i] = (t1 - t0) / 1000.0;
                jsse[i] = (t2 - t1) / 1000.0;
            }
            if (bytes <= 0) {
                throw new IllegalStateException("plain fetch read nothing");
            }
        }

        double cachedMedian = SideBySide.median(cached);
        double noopMedian = SideBySide.median(noop);
        double oursMedian = SideBySide.median(ours);
        double jsseMedian = SideBySide.median(jsse);
        StringBuilder out = new StringBuilder();
        out.append("| Measurement | Median (µs) | p90 (µs) | Samples |\n|---|---:|---:|---:|\n");
        row(out, "cached `gemini_fetch` of the home page (MCP over piped stdio), until the answer has arrived", cached);
        row(out, "no-op tool call (same server, same client), until the answer has arrived", noop);
        row(out, "cached `gemini_fetch`, the client also parsing the answer into a JSON tree", cachedParsed);
        row(out, "no-op tool call, the client also parsing the answer", noopParsed);
        row(out, "uncached fetch with the Gemini client (policy, TLS, TOFU, parse)", ours);
        row(out, "plain JSSE socket: same handshake, request and read", jsse);
        out.append('\n');
        out.append(String.format(Locale.ROOT, "- cached fetch / no-op: **%.2f** (goal ≤ 1.2)%n", cachedMedian / noopMedian));
        out.append(String.format(Locale.ROOT, "- the same with the client parsing each answer: %.2f%n",
                SideBySide.median(cachedParsed) / SideBySide.median(noopParsed)));
        out.append(String.format(Locale.ROOT, "- uncached fetch / plain JSSE: **%.2f** (goal ≤ 1.3)%n", oursMedian / jsseMedian));
        System.out.print(out);
        System.exit(0);
    }

    private static void row(StringBuilder out, String name, double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d |%n", name, s[s.length / 2],
                s[(int) (s.length * 0.9)], s.length));
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return c;
    }

    /** Connect, handshake with SNI, send the request line, read everything; returns the bytes read. */
    private static long plainFetch(SSLContext ctx, int port, String url) throws Exception {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(s, "localhost", port, true)) {
                SSLParameters p = tls.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName("localhost")));
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                tls.setSSLParameters(p);
                tls.setSoTimeout(10_000);
                tls.startHandshake();
                tls.getOutputStream().write((url + "\r\n").getBytes(StandardCharsets.UTF_8));
                tls.getOutputStream().flush();
                InputStream in = tls.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                return all.size();
            }
        }
    }
}
