package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.interop.NodeMcpClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Clients of both protocol generations against the packaged launchers ({@code -Pinterop}): the MCP
 * Inspector 2.12 CLI in its legacy (2025-11-25) and modern (2026-07-28) era, over stdio (the stdio jar)
 * and Streamable HTTP (the HTTP jar); and the Java SDK 2.2 modern client over HTTP. Each lists the tools,
 * searches the demo archive, reads a {@code zim://} entry and renders a prompt.
 */
final class ModernClientsIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/mcp)");
    private static final String ENTRY = "zim://burrow-demo.zim/wiki/Gopher.html";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static Process http;
    private static URI endpoint;
    private static final List<String> httpLog = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startHttpJar() throws Exception {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-http.jar"));
        assertThat(jar).as("the shaded HTTP jar (built by mvn package)").exists();
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar.toString(), "--port", "0");
        pb.environment().keySet().removeIf(k -> k.startsWith("BURROW_") || k.startsWith("ZIM_"));
        http = pb.start();
        http.getOutputStream().close();
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(http.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    httpLog.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.completeExceptionally(new AssertionError("the HTTP jar exited: " + httpLog));
        }, "http-jar-stderr");
        reader.setDaemon(true);
        reader.start();
        endpoint = url.get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopHttpJar() throws Exception {
        if (http != null) {
            http.toHandle().destroy();
            if (!http.waitFor(30, TimeUnit.SECONDS)) {
                http.destroyForcibly();
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The target arguments of the Inspector: the stdio jar as a command, or the HTTP endpoint. */
    private static List<String> target(String transport) {
        if (transport.equals("stdio")) {
            Path jar = Path.of(System.getProperty("burrow.stdioJar", "../mcp-server-stdio/target/mcp-server-stdio.jar"));
            assertThat(jar).as("the shaded stdio jar").exists();
            return List.of(java(), "-jar", jar.toString());
        }
        return List.of(endpoint.toString(), "--transport", "http");
    }

    private static JsonNode inspect(String era, String transport, String... method) {
        List<String> args = new ArrayList<>();
        if (era.equals("modern")) {
            args.addAll(List.of("--protocol-era", "modern"));
        }
        args.addAll(target(transport));
        args.addAll(List.of(method));
        args.addAll(List.of("--format", "json"));
        NodeMcpClient.InspectorRun run = NodeMcpClient.locate().inspector(args, TIMEOUT);
        assertThat(run.exitCode()).as("Inspector %s %s %s: %s %s", era, transport, List.of(method), run.stdout(),
                run.stderr()).isZero();
        return run.json();
    }

    @ParameterizedTest(name = "{0} era over {1}")
    @CsvSource({"legacy, stdio", "modern, stdio", "legacy, http", "modern, http"})
    void inspector_listsSearchesReadsAndPrompts(String era, String transport) {
        JsonNode tools = inspect(era, transport, "--method", "tools/list");
        assertThat(tools.at("/result/tools").findValuesAsText("name")).contains("zim_search", "zim_get", "health");

        JsonNode search = inspect(era, transport, "--method", "tools/call", "--tool-name", "zim_search",
                "--tool-arg", "query=gopher");
        assertThat(search.at("/result/isError").asBoolean()).isFalse();
        assertThat(search.at("/result/structuredContent/results/0/path").asText()).isEqualTo("wiki/Gopher.html");

        JsonNode read = inspect(era, transport, "--method", "resources/read", "--uri", ENTRY);
        assertThat(read.at("/result/contents/0/uri").asText()).isEqualTo(ENTRY);
        assertThat(read.at("/result/contents/0/text").asText()).contains("Gopher");

        JsonNode prompt = inspect(era, transport, "--method", "prompts/get", "--prompt-name", "research",
                "--prompt-args", "topic=gopherholes");
        assertThat(prompt.at("/result/messages/0/content/text").asText()).contains("gopherholes", "zim_search");

        if (era.equals("modern")) {
            assertThat(tools.at("/result/resultType").asText("complete")).isEqualTo("complete");
            assertThat(read.at("/result/ttlMs").asLong()).as("archive reads are stable: a cache hint").isPositive();
        }
    }

    @Test
    void javaSdkModernClient_overHttp() {
        HttpClientMcpTransport transport = HttpClientMcpTransport.builder(endpoint)
                .jsonMapper(new JacksonMcpJsonMapper(new com.fasterxml.jackson.databind.ObjectMapper().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)))
                .connectTimeout(Duration.ofSeconds(10)).build();
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder("burrow-interop", "1").build())
                .callTimeout(Duration.ofSeconds(60)).build();

        McpSchema.DiscoverResult discover = client.discover();
        assertThat(discover.supportedVersions()).contains("2026-07-28", "2025-11-25");

        McpSchema.ListToolsResult tools = client.tools().list();
        assertThat(tools.tools()).extracting(McpSchema.Tool::name).contains("zim_search", "health");

        McpSchema.CallToolResult search = client.tool("zim_search").arguments(Map.of("query", "gopher")).call();
        assertThat(search.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(String.valueOf(search.structuredContent())).contains("wiki/Gopher.html");

        McpSchema.ReadResourceResult read = client.resource(ENTRY).read();
        assertThat(String.valueOf(read.contents())).contains("Gopher");

        McpSchema.GetPromptResult prompt = client.prompt("research").arguments(Map.of("topic", "gopherholes")).get();
        assertThat(String.valueOf(prompt.messages())).contains("gopherholes");
    }
}
