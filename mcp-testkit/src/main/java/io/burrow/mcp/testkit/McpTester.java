package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.McpTestClient.Era;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opentest4j.MultipleFailuresError;

/**
 * An MCP client for tests that is connected and initialized when created, and hands back typed results:
 * the Burrow counterpart of Quarkus' {@code McpAssured}. The same test runs in-process, against a packaged
 * jar over stdio, or over HTTP, in either protocol generation.
 *
 * <pre>{@code
 * try (McpTester mcp = McpTester.connect(new EchoModule())) {
 *     mcp.call("echo", Map.of("text", "hi")).assertOk();
 *     mcp.when()
 *        .call("echo", Map.of("text", "a"), r -> assertThat(r.structured("/text").asText()).isEqualTo("a"))
 *        .call("echo", Map.of(), r -> r.assertError("INVALID_REQUEST"))
 *        .tools(tools -> assertThat(tools.names()).contains("echo"))
 *        .thenAssertResults();
 * }
 * }</pre>
 *
 * Other connections and options go through {@link #builder()}: {@code McpTester.builder().era(Era.MODERN)
 * .inProcess(server)}, {@code .http(uri)}, {@code .jar(path, args…)}. JSON-RPC errors throw
 * {@link McpTestClient.RpcException}; {@link #error} expects one. {@link #raw()} is the wire-level
 * client underneath.
 */
public final class McpTester implements AutoCloseable {

    private final McpTestClient client;
    private final JsonNode initializeResult;
    private final List<AutoCloseable> owned;
    private final Process process;
    private final ByteArrayOutputStream stderr;

    private McpTester(McpTestClient client, List<AutoCloseable> owned, Process process, ByteArrayOutputStream stderr) {
        this.client = client;
        this.owned = owned;
        this.process = process;
        this.stderr = stderr;
        JsonNode init;
        try {
            init = client.initialize();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        this.initializeResult = init;
    }

    /** A builder of testers with options: the protocol generation, timeouts, headers, answers to questions. */
    public static Builder builder() {
        return new Builder();
    }

    /** Connects to {@code server} in-process over piped stdio, in the 2025-11-25 generation. */
    public static McpTester connect(BurrowServer server) {
        return builder().inProcess(server);
    }

    /**
     * Builds a server of {@code modules} with default settings, connects to it in-process in the 2025-11-25
     * generation; {@link #close()} closes the server too.
     */
    public static McpTester connect(BurrowModule... modules) {
        return builder().inProcess(modules);
    }

    /** The protocol generation spoken. */
    public Era era() {
        return client.era();
    }

    /** The {@code initialize} result (2025-11-25) or {@code server/discover} result (2026-07-28). */
    public JsonNode initializeResult() {
        return initializeResult;
    }

    /**
     * The server's {@code name} and {@code version}: from the {@code initialize} result (2025-11-25), or from the
     * {@code _meta} every 2026-07-28 result carries.
     */
    public JsonNode serverInfo() {
        JsonNode info = initializeResult.get("serverInfo");
        return info != null ? info : initializeResult.path("_meta").path("io.modelcontextprotocol/serverInfo");
    }

    /** The server's capabilities as it announced them. */
    public JsonNode capabilities() {
        return initializeResult.path("capabilities");
    }

    /** The server's instructions, or {@code null}. */
    public String instructions() {
        return initializeResult.path("instructions").asText(null);
    }

    /** Every tool, all pages. */
    public ToolList tools() {
        return new ToolList(all("tools/list", "tools"));
    }

    /** Every resource, all pages. */
    public List<JsonNode> resources() {
        return all("resources/list", "resources");
    }

    /** Every resource template, all pages. */
    public List<JsonNode> resourceTemplates() {
        return all("resources/templates/list", "resourceTemplates");
    }

    /** Every prompt, all pages. */
    public List<JsonNode> prompts() {
        return all("prompts/list", "prompts");
    }

    private List<JsonNode> all(String method, String field) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            JsonNode result = client.request(method, cursor == null ? Map.of() : Map.of("cursor", cursor));
            result.path(field).forEach(out::add);
            cursor = result.path("nextCursor").asText(null);
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError(method + " did not end after 1000 pages");
    }

    /** Calls a tool ({@code arguments}: a map, record or JSON tree; {@code null} for none). */
    public ToolCallResult call(String tool, Object arguments) {
        return ToolCallResult.of(client.callTool(tool, arguments));
    }

    /** Calls a tool with a progress token; each {@code notifications/progress} params reaches {@code onProgress}. */
    public ToolCallResult call(String tool, Object arguments, Consumer<JsonNode> onProgress) {
        return ToolCallResult.of(client.callTool(tool, arguments, onProgress));
    }

    /** Reads a resource. */
    public ResourceContents read(String uri) {
        return new ResourceContents(client.readResource(uri));
    }

    /** Gets a prompt. */
    public PromptMessages prompt(String name, Map<String, String> arguments) {
        return new PromptMessages(client.request("prompts/get", Map.of("name", name, "arguments", arguments)));
    }

    /** Sends any request and expects a JSON-RPC error; fails, showing the result, if it succeeds. */
    public McpError error(String method, Object params) {
        JsonNode response = client.requestRaw(method, params);
        if (!response.has("error")) {
            throw new AssertionError("expected an error from " + method + ", got: " + response);
        }
        return new McpError(response.get("error"));
    }

    /** Starts a batch of calls sent together, whose checks run when they have all been answered. */
    public Batch when() {
        return new Batch();
    }

    /** The wire-level client underneath: raw requests, notifications, malformed lines. */
    public McpTestClient raw() {
        return client;
    }

    /** What a server started by {@link Builder#process} wrote to stderr so far (the last 1 MiB). */
    public String stderr() {
        if (stderr == null) {
            throw new IllegalStateException("only a server started as a process has a stderr here");
        }
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Closes the connection and whatever the tester started: the server built from modules, the process
     * (given 10 s to exit after its stdin closes, then destroyed).
     */
    @Override
    public void close() {
        client.close();
        if (process != null) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a test server
            }
        }
    }

    /**
     * Requests sent together (concurrently, as a busy client would); {@link #thenAssertResults()} waits for
     * every answer, runs each check, and reports every failing check at once.
     */
    public final class Batch {
        private final List<Step<?>> steps = new ArrayList<>();

        private Batch() {
        }

        private record Step<T>(String what, Supplier<T> request, Consumer<? super T> check) {
        }

        private <T> Batch add(String what, Supplier<T> request, Consumer<? super T> check) {
            steps.add(new Step<>(what, request, Objects.requireNonNull(check, "check")));
            return this;
        }

        /** Calls a tool and checks its result. */
        public Batch call(String tool, Object arguments, Consumer<ToolCallResult> check) {
            return add("tools/call " + tool, () -> McpTester.this.call(tool, arguments), check);
        }

        /** Reads a resource and checks its contents. */
        public Batch read(String uri, Consumer<ResourceContents> check) {
            return add("resources/read " + uri, () -> McpTester.this.read(uri), check);
        }

        /** Lists the tools and checks them. */
        public Batch tools(Consumer<ToolList> check) {
            return add("tools/list", McpTester.this::tools, check);
        }

        /** Gets a prompt and checks it. */
        public Batch prompt(String name, Map<String, String> arguments, Consumer<PromptMessages> check) {
            return add("prompts/get " + name, () -> McpTester.this.prompt(name, arguments), check);
        }

        /** Sends a request that must fail, and checks its error. */
        public Batch error(String method, Object params, Consumer<McpError> check) {
            return add(method + " (expecting an error)", () -> McpTester.this.error(method, params), check);
        }

        /** Sends every request, waits for every answer, runs every check; fails listing each failed check. */
        public void thenAssertResults() {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(steps.size(), 16)), r -> {
                Thread t = new Thread(r, "mcp-tester-batch");
                t.setDaemon(true);
                return t;
            });
            try {
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (Step<?> step : steps) {
                    runs.add(CompletableFuture.runAsync(() -> run(step), pool));
                }
                List<Throwable> failures = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    try {
                        runs.get(i).join();
                    } catch (RuntimeException e) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        failures.add(new AssertionError("step " + (i + 1) + " (" + steps.get(i).what() + "): "
                                + cause.getMessage(), cause));
                    }
                }
                if (!failures.isEmpty()) {
                    throw new MultipleFailuresError(failures.size() + " of " + steps.size() + " steps failed", failures);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private static <T> void run(Step<T> step) {
            step.check().accept(step.request().get());
        }
    }

    /** Options of a {@link McpTester}, then where it connects. */
    public static final class Builder {
        private Era era = Era.LEGACY;
        private Duration timeout = Duration.ofSeconds(30);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, Function<JsonNode, JsonNode>> handlers = new LinkedHashMap<>();
        private ConfigSources settings = ConfigSources.empty();

        private Builder() {
        }

        /** The protocol generation (default {@link Era#LEGACY}, 2025-11-25). */
        public Builder era(Era era) {
            this.era = Objects.requireNonNull(era, "era");
            return this;
        }

        /** How long to wait for each answer (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** A header on every HTTP request (for example {@code Authorization}). */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** {@code Authorization: Bearer token} on every HTTP request. */
        public Builder bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** An environment variable of a server started by {@link #process}. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Settings of a server built by {@link #inProcess(BurrowModule...)} (default: every default). */
        public Builder settings(ConfigSources settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Answers the server's {@code method} questions ({@code elicitation/create}, {@code sampling/createMessage},
         * {@code roots/list}) in either generation; see {@link McpTestClient#onRequest}.
         */
        public Builder onRequest(String method, Function<JsonNode, JsonNode> handler) {
            handlers.put(method, handler);
            return this;
        }

        /** Connects to {@code server} in-process over piped stdio; the caller closes the server. */
        public McpTester inProcess(BurrowServer server) {
            return open(McpTestClient.stdio(server), List.of(), null, null);
        }

        /** Builds a server of {@code modules} and connects to it in-process; closing the tester closes it. */
        public McpTester inProcess(BurrowModule... modules) {
            BurrowServer.Builder b = BurrowServer.builder().configSources(settings);
            for (BurrowModule m : modules) {
                b.module(m);
            }
            BurrowServer server = b.build();
            try {
                return open(McpTestClient.stdio(server), List.of(server), null, null);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
        }

        /** Connects over Streamable HTTP to an endpoint such as {@code http://127.0.0.1:PORT/mcp}. */
        public McpTester http(URI endpoint) {
            return open(McpTestClient.http(endpoint, headers), List.of(), null, null);
        }

        /**
         * Starts a stdio server as a process ({@code command}: the program and its arguments) and connects to
         * it; its stderr is kept for {@link McpTester#stderr()}; closing the tester ends the process.
         */
        public McpTester process(List<String> command) {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(environment);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> keepTail(p.getErrorStream(), err), "mcp-tester-stderr");
            drain.setDaemon(true);
            drain.start();
            try {
                return open(McpTestClient.stdio(p.getInputStream(), p.getOutputStream()), List.of(), p, err);
            } catch (RuntimeException | Error e) {
                p.destroyForcibly();
                throw new AssertionError(e.getMessage() + "; the server's stderr: " + tail(err), e);
            }
        }

        /** Starts a packaged jar ({@code java -jar jar args…}, with this JVM's {@code java}); see {@link #process}. */
        public McpTester jar(Path jar, String... args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(List.of(args));
            return process(command);
        }

        private McpTester open(McpTestClient client, List<AutoCloseable> owned, Process process,
                ByteArrayOutputStream err) {
            client.era(era).timeout(timeout);
            handlers.forEach(client::onRequest);
            return new McpTester(client, owned, process, err);
        }

        private static void keepTail(InputStream in, ByteArrayOutputStream sink) {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n = in.read(buf); n != -1; n = in.read(buf)) {
                    synchronized (sink) {
                        if (sink.size() > 1 << 20) {
                            byte[] all = sink.toByteArray();
                            sink.reset();
                            sink.write(all, all.length / 2, all.length - all.length / 2);
                        }
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        private static String tail(ByteArrayOutputStream err) {
            synchronized (err) {
                String s = err.toString(StandardCharsets.UTF_8);
                return s.length() > 4000 ? "…" + s.substring(s.length() - 4000) : s;
            }
        }
    }
}
