package io.burrow.mcp.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.interop.NodeMcpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client calls {@code gopher_fetch} and {@code gemini_fetch} through the stdio
 * jar against the real peers, Gophernicus and Molly Brown, started on free loopback ports with the
 * repository's peer scripts ({@code -Pinterop}; fails when a peer or node is missing).
 */
final class BackendsInteropIT {

    private static final Path REPO = Path.of(System.getProperty("burrow.repoRoot", ".."));
    private static Path state;
    private static int gopherPort;
    private static int geminiPort;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void peer(String script, String command, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", REPO.resolve("scripts/peers/" + script).toString(), command,
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(state.resolve(script + ".log").toFile());
        pb.environment().put("PEERS_RUN_DIR", state.resolve("peers").toString());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s %s finished", script, command).isTrue();
        assertThat(p.exitValue()).as("%s %s (log: %s)", script, command,
                Files.exists(state.resolve(script + ".log")) ? Files.readString(state.resolve(script + ".log")) : "")
                .isZero();
    }

    @BeforeAll
    static void startPeers() throws Exception {
        state = Files.createDirectories(Path.of("target", "backends-interop"));
        gopherPort = freePort();
        geminiPort = freePort();
        peer("gopher-server.sh", "start", gopherPort);
        peer("gemini-server.sh", "start", geminiPort);
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (gopherPort > 0) {
            peer("gopher-server.sh", "stop", gopherPort);
        }
        if (geminiPort > 0) {
            peer("gemini-server.sh", "stop", geminiPort);
        }
    }

    @Test
    void typescriptClient_fetchesGopherAndGeminiThroughTheStdioJar() throws Exception {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-stdio.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String gopher = "gopher://127.0.0.1:" + gopherPort;
        String gemini = "gemini://localhost:" + geminiPort;
        JsonNode r = NodeMcpClient.locate().run(NodeMcpClient.Script.stdio(List.of(java, "-jar", jar.toString()))
                .env("GOPHER_ALLOW_LOCAL_HOSTS", "true")
                .env("GEMINI_ALLOW_LOCAL_HOSTS", "true")
                .env("GEMINI_TOFU_STORAGE_PATH", state.resolve("tofu-" + geminiPort + ".json").toAbsolutePath().toString())
                .env("GEMINI_CLIENT_CERTS_STORAGE_PATH", state.resolve("certs").toAbsolutePath().toString())
                .callTool("gopher_fetch", Map.of("url", gopher + "/")).expectOk()
                .callTool("gopher_fetch", Map.of("url", gopher + "/0/utf8.txt")).expectOk()
                .callTool("gopher_fetch", Map.of("url", gopher + "/7/cgi-bin/search?zyzzyva")).expectOk()
                .readResource(gopher + "/0/about.txt").expectOk()
                .callTool("gemini_fetch", Map.of("url", gemini + "/")).expectOk()
                .callTool("gemini_fetch", Map.of("url", gemini + "/missing.gmi")).expectOk()
                .callTool("gopher_fetch", Map.of("url", "gopher://0.0.0.0/")).expectOk());

        JsonAssert.that(r).at("/allAsExpected").isTrue();
        JsonAssert.that(r).at("/steps/0/result/structuredContent/kind").isText("menu");
        assertThat(r.at("/steps/0/result/structuredContent/items").size()).isEqualTo(32);
        JsonAssert.that(r).at("/steps/1/result/structuredContent/kind").isText("text")
                .at("/steps/1/result/structuredContent/charset").isText("utf-8")
                .at("/steps/1/result/structuredContent/text").textContains("Zürich");
        assertThat(r.at("/steps/2/result/structuredContent/items").toString()).contains("about.txt");
        JsonAssert.that(r).at("/steps/3/result/contents/0/text").textContains("zyzzyva");
        JsonAssert.that(r).at("/steps/4/result/structuredContent/kind").isText("gemtext")
                .at("/steps/4/result/structuredContent/lang").isText("en");
        assertThat(r.at("/steps/4/result/structuredContent/document/links").toString()).contains(gemini + "/");
        JsonAssert.that(r.at("/steps/5/result")).isToolError("PERMANENT_ERROR");
        JsonAssert.that(r.at("/steps/6/result")).isToolError("BLOCKED");
    }
}
