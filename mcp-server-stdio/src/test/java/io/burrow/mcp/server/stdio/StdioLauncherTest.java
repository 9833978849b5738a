package io.burrow.mcp.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.launcher.Launcher;
import io.burrow.mcp.testkit.JsonAssert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stdio launcher as a user runs it: through {@link Main#run} and as a child process. */
final class StdioLauncherTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, Map.of());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.parse(line));
            }
        }
        return lines;
    }

    private static JsonNode byId(List<JsonNode> messages, int id) {
        return messages.stream().filter(m -> m.path("id").asInt(-1) == id).findFirst()
                .orElseThrow(() -> new AssertionError("no response with id " + id + " in " + messages));
    }

    static Path fixture(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        return p.resolve("fixtures/zim").resolve(name);
    }

    @Test
    void zimCommands_comeFromTheZimModuleAtRunTime() throws IOException {
        Run r = run(Map.of(), "", "zim", "info", fixture("peer-test-small.zim").toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Json.parse(r.out()).path("entry_count").asInt()).isPositive();
    }

    @Test
    void tools_listsHealthWithItsSchemas() throws IOException {
        Run r = run(Map.of(), "", "tools");

        assertThat(r.status()).isZero();
        JsonNode tools = Json.parse(r.out());
        JsonNode health = null;
        for (JsonNode t : tools) {
            if (t.path("name").asText().equals("health")) {
                health = t;
            }
        }
        assertThat(health).as("health in %s", r.out()).isNotNull();
        JsonAssert.that(health).at("/inputSchema/type").isText("object").at("/outputSchema").exists();
    }

    @Test
    void callHealth_printsTheResultAsJson() throws IOException {
        Run r = run(Map.of(), "", "call", "health", "{}");

        assertThat(r.status()).isZero();
        JsonAssert.that(Json.parse(r.out()))
                .at("/isError").isFalse()
                .at("/structuredContent/status").isText("ok")
                .at("/structuredContent/version").exists();
    }

    @Test
    void callUnknownTool_printsAnErrorResultAndExits1() throws IOException {
        Run r = run(Map.of(), "", "call", "no_such_tool", "{}");

        assertThat(r.status()).isEqualTo(1);
        JsonAssert.that(Json.parse(r.out())).isToolError("NOT_FOUND");
    }

    @Test
    void invalidSetting_exits2NamingTheEnvironmentVariable() {
        Run r = run(Map.of("BURROW_TOOL_THREADS", "-5"), "", "tools");

        assertThat(r.status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(r.err()).contains("BURROW_TOOL_THREADS").contains("-5");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void invalidFlagValue_exits2NamingTheSetting() {
        Run r = run(Map.of(), "", "tools", "--burrow-tool-threads", "lots");

        assertThat(r.status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(r.err()).contains("BURROW_TOOL_THREADS").contains("must be an integer");
    }

    @Test
    void serve_answersAMalformedLineWithAParseErrorAndGoesOn() throws IOException {
        String stdin = String.join("\n", INIT, INITIALIZED, "{this is not json",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"health\",\"arguments\":{}}}")
                + "\n";

        Run r = run(Map.of(), stdin, "serve");

        assertThat(r.status()).isZero();
        List<JsonNode> messages = jsonLines(r.out());
        assertThat(messages).anySatisfy(m -> JsonAssert.that(m).at("/error/code").isNumber(-32700).at("/id").exists());
        JsonAssert.that(byId(messages, 2)).at("/result/tools/0/name").exists();
        JsonAssert.that(byId(messages, 3)).at("/result/structuredContent/status").isText("ok");
    }

    @Test
    void serve_answersMalformedParamsWithInvalidParamsAndNoInternals() throws IOException {
        String stdin = String.join("\n", INIT, INITIALIZED,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"health\",\"arguments\":[1]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}") + "\n";

        Run r = run(Map.of(), stdin, "serve");

        List<JsonNode> messages = jsonLines(r.out());
        JsonAssert.that(byId(messages, 2)).at("/error/code").isNumber(-32602).at("/error/message")
                .textContains("Invalid params");
        JsonAssert.that(byId(messages, 3)).at("/error/code").isNumber(-32602);
        JsonAssert.that(byId(messages, 4)).at("/result").exists();
        assertThat(r.out()).doesNotContain("io.modelcontextprotocol", "Cannot construct", "java.");
    }

    @Test
    void serve_asAChildProcess_writesOnlyJsonRpcToStdoutAndLogsToStderr() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--burrow-log-level", "debug");
        pb.environment().keySet().removeIf(k -> k.startsWith("BURROW_") || k.startsWith("GOPHER_")
                || k.startsWith("GEMINI_") || k.startsWith("ZIM_"));
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> drain(p.getErrorStream(), err));
        errReader.start();
        // an unknown notification is ignored with a debug line: the flow logs at debug whatever the start loads
        p.getOutputStream().write((String.join("\n", INIT, INITIALIZED, "garbage",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/nothing\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"health\",\"arguments\":{}}}")
                + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        errReader.join(5000);

        assertThat(p.exitValue()).isZero();
        List<JsonNode> messages = jsonLines(out); // throws if any stdout line is not JSON
        assertThat(messages).allSatisfy(m -> JsonAssert.that(m).at("/jsonrpc").isText("2.0"));
        JsonAssert.that(byId(messages, 1)).at("/result/serverInfo/name").isText("burrow");
        JsonAssert.that(byId(messages, 2)).at("/result/structuredContent/status").isText("ok");
        assertThat(messages).anySatisfy(m -> JsonAssert.that(m).at("/error/code").isNumber(-32700));
        assertThat(err.toString(StandardCharsets.UTF_8)).as("debug logs go to stderr")
                .contains("DEBUG").contains("ignored notification notifications/nothing")
                .as("the demo archive, opened on first use (the warm-up or the health check)")
                .contains("INFO  io.burrow.mcp.zim.tools.internal.ArchiveLibrary - serving 1 ZIM archive(s) (the demo)")
                .as("SLF4J bound through the launcher's provider, without its information lines")
                .doesNotContain("SLF4J");
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        try {
            in.transferTo(sink);
        } catch (IOException e) {
            // process ended
        }
    }

    @Test
    void help_printsUsageAndExits0() {
        Run r = run(Map.of(), "", "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("serve").contains("--burrow-log-level");
    }
}
