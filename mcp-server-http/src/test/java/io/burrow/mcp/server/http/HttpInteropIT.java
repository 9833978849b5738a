package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.interop.InteropFixtureModule;
import io.burrow.mcp.testkit.interop.NodeMcpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client drives the HTTP jar, started as a process on a free loopback port
 * with a bearer token ({@code -Pinterop}). Fails, never skips, when node or the npm packages are missing.
 */
final class HttpInteropIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/mcp)");
    private static final String TOKEN = newToken();

    private static Process server;
    private static URI endpoint;
    private static final List<String> stderr = new CopyOnWriteArrayList<>();
    private static Thread stderrReader;

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @BeforeAll
    static void startJar() throws Exception {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-http.jar"));
        assertThat(jar).as("the shaded HTTP jar (built by mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", InteropFixtureModule.classpath(jar), Main.class.getName(),
                "--port", "0", "--auth-token", TOKEN, "--http-shutdown-grace-seconds", "5");
        pb.environment().keySet().removeIf(k -> k.startsWith("BURROW_"));
        server = pb.start();
        server.getOutputStream().close();
        CompletableFuture<URI> url = new CompletableFuture<>();
        stderrReader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    stderr.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // process ended
            }
            url.completeExceptionally(new AssertionError("the HTTP jar exited: " + stderr));
        }, "http-jar-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
        endpoint = url.get(60, TimeUnit.SECONDS);
    }

    /** SIGTERM: the launcher drains, stops and exits by itself. */
    @AfterAll
    static void stopJarWithSigterm() throws Exception {
        if (server == null) {
            return;
        }
        server.toHandle().destroy(); // SIGTERM, keeping our end of its stderr open
        boolean exited = server.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            server.destroyForcibly();
        }
        assertThat(exited).as("exited after SIGTERM").isTrue();
        assertThat(server.exitValue()).isEqualTo(143);
        stderrReader.join(5000);
        assertThat(stderr).anySatisfy(l -> assertThat(l).contains("HTTP server stopped"));
    }

    @Test
    void withTheToken_theClientInitializesListsCallsAndReads() {
        JsonNode r = NodeMcpClient.locate().run(NodeMcpClient.Script.http(endpoint).token(TOKEN)
                .listTools().expectOk()
                .callTool("health", Map.of()).expectOk()
                .readResource(InteropFixtureModule.RESOURCE_URI).expectOk()
                .callTool("no_such_tool", Map.of()).expectError()
                .callTool(InteropFixtureModule.TOOL, Map.of("text", 42)).expectOk());

        JsonAssert.that(r).at("/connected").isTrue().at("/allAsExpected").isTrue()
                .at("/serverInfo/name").isText("burrow").at("/sessionId").exists();
        assertThat(r.at("/steps/0/result/tools").findValuesAsText("name")).contains("health",
                InteropFixtureModule.TOOL);
        JsonAssert.that(r).at("/steps/1/result/structuredContent/status").isText("ok")
                .at("/steps/2/result/contents/0/text").isText(InteropFixtureModule.RESOURCE_TEXT)
                .at("/steps/3/error/code").isNumber(-32602);
        assertThat(r.at("/steps/3/error").toString()).doesNotContain("Exception", "java.", "io.modelcontextprotocol");
        // an error result validated by the client against the tool's outputSchema
        JsonAssert.that(r.at("/steps/4/result")).isToolError("INVALID_REQUEST");
        assertThat(r.at("/transportErrors").size()).as("%s", r.at("/transportErrors")).isZero();
    }

    @Test
    void withoutToken_connectionFailsWith401() {
        JsonNode r = NodeMcpClient.locate().run(NodeMcpClient.Script.http(endpoint).expectConnectFailure());

        JsonAssert.that(r).at("/connected").isFalse().at("/allAsExpected").isTrue();
        assertThat(r.at("/connectError").toString()).contains("401");
    }

    @Test
    void withAWrongToken_connectionFailsWith401() {
        JsonNode r = NodeMcpClient.locate().run(NodeMcpClient.Script.http(endpoint).token(TOKEN + "0")
                .expectConnectFailure());

        JsonAssert.that(r).at("/connected").isFalse();
        assertThat(r.at("/connectError").toString()).contains("401");
    }

    @Test
    void fromAForeignOrigin_connectionFailsWith403EvenWithTheToken() {
        JsonNode r = NodeMcpClient.locate().run(NodeMcpClient.Script.http(endpoint).token(TOKEN)
                .origin("http://evil.example.com").expectConnectFailure());

        JsonAssert.that(r).at("/connected").isFalse();
        assertThat(r.at("/connectError").toString()).contains("403");
    }

    @Test
    void fromALoopbackOrigin_theClientIsServed() {
        JsonNode r = NodeMcpClient.locate().run(NodeMcpClient.Script.http(endpoint).token(TOKEN)
                .origin("http://localhost:6274").ping().expectOk());

        JsonAssert.that(r).at("/connected").isTrue().at("/allAsExpected").isTrue();
    }
}
