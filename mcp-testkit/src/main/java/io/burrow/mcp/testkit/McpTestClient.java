package io.burrow.mcp.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small MCP client for tests that speaks raw JSON-RPC and hands back Jackson trees, so assertions
 * see exactly what travels on the wire.
 *
 * <pre>{@code
 * try (BurrowServer server = BurrowServer.builder().module(new MyModule()).build();
 *      McpTestClient client = McpTestClient.stdio(server)) {
 *     client.initialize();
 *     JsonNode result = client.callTool("my_tool", Map.of("arg", "value"));
 *     JsonAssert.that(result).at("/structuredContent/kind").isText("ok");
 * }
 * }</pre>
 *
 * Three ways to connect: {@link #stdio(BurrowServer)} runs the server in-process over piped stdio,
 * {@link #stdio(InputStream, OutputStream)} talks to any stdio server (for example a launched jar),
 * {@link #http(URI, Map)} talks Streamable HTTP to a running endpoint. Responses are matched by id;
 * notifications are collected in {@link #notifications()}.
 *
 * <p>Both protocol generations: by default the client speaks 2025-11-25 ({@link #initialize()} opens
 * a session); after {@link #modern()} it speaks 2026-07-28 (every request carries its
 * {@code _meta}; {@link #initialize()} calls {@code server/discover}). Questions of the server
 * ({@code elicitation/create}, {@code sampling/createMessage}, {@code roots/list}) are answered by the
 * handlers given to {@link #onRequest}: as server-to-client requests (2025-11-25), or by retrying a
 * request that came back input-required (2026-07-28). Without a handler they get "method not found"
 * (2025-11-25) or fail the call (2026-07-28).
 */
public final class McpTestClient implements AutoCloseable {

    /** A JSON-RPC error response. */
    public static final class RpcException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient JsonNode error;

        RpcException(JsonNode error) {
            super("JSON-RPC error " + error.path("code").asInt() + ": " + error.path("message").asText());
            this.error = error;
        }

        /** The {@code error} object: {@code code}, {@code message}, {@code data}. */
        public JsonNode error() {
            return error;
        }

        public int code() {
            return error.path("code").asInt();
        }
    }

    /** The protocol generations. */
    public enum Era {
        /** 2025-11-25: an initialize handshake, then a session. */
        LEGACY,
        /** 2026-07-28: self-contained requests carrying their protocol version in {@code _meta}. */
        MODERN
    }

    /** The 2025-11-25 protocol version, offered by {@link #initialize()} in the legacy era. */
    public static final String LEGACY_VERSION = "2025-11-25";

    /** The 2026-07-28 protocol version. */
    public static final String MODERN_VERSION = "2026-07-28";

    /** How messages reach the server. */
    interface Channel extends AutoCloseable {
        void send(ObjectNode message, McpTestClient client) throws IOException;

        @Override
        void close();
    }

    private final Channel channel;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<byte[]>> pendingLines = new ConcurrentHashMap<>();
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Function<JsonNode, JsonNode>> handlers = new ConcurrentHashMap<>();
    private Duration timeout = Duration.ofSeconds(30);
    private final AutoCloseable onClose;
    private volatile Era era = Era.LEGACY;
    private volatile ObjectNode capabilities = Json.object();

    private McpTestClient(Channel channel, AutoCloseable onClose) {
        this.channel = channel;
        this.onClose = onClose;
    }

    /** Runs {@code server} in-process over piped stdio (the transport of the stdio launcher). */
    public static McpTestClient stdio(BurrowServer server) {
        Pipe toServer = new Pipe();
        Pipe fromServer = new Pipe();
        Thread serving = new Thread(() -> {
            try {
                server.serveStdio(toServer.in, fromServer.out, Duration.ZERO); // a closing client reads no more answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                fromServer.end(); // ends the client's reader
            }
        }, "mcp-test-client-server");
        serving.setDaemon(true);
        serving.start();
        McpTestClient client = new McpTestClient(new LineChannel(toServer.out), () -> serving.join(10_000));
        client.startReader(fromServer.in);
        return client;
    }

    /** Talks to a stdio server through its streams (for example a child process). */
    public static McpTestClient stdio(InputStream fromServer, OutputStream toServer) {
        McpTestClient client = new McpTestClient(new LineChannel(toServer), () -> { });
        client.startReader(fromServer);
        return client;
    }

    /**
     * Talks Streamable HTTP to an endpoint such as {@code http://127.0.0.1:PORT/mcp}.
     *
     * @param headers extra headers on every request, for example {@code Authorization}
     */
    public static McpTestClient http(URI endpoint, Map<String, String> headers) {
        return new McpTestClient(new HttpChannel(endpoint, headers), () -> { });
    }

    /** Speaks 2026-07-28 from now on: no session, {@code _meta} on every request. */
    public McpTestClient modern() {
        this.era = Era.MODERN;
        return this;
    }

    /** Speaks the given protocol generation. */
    public McpTestClient era(Era era) {
        this.era = java.util.Objects.requireNonNull(era, "era");
        return this;
    }

    /** The protocol generation spoken. */
    public Era era() {
        return era;
    }

    /**
     * Answers the server's {@code method} requests ({@code elicitation/create}, {@code sampling/createMessage},
     * {@code roots/list}) with what {@code handler} returns for their params; also declares the matching
     * client capability.
     */
    public McpTestClient onRequest(String method, Function<JsonNode, JsonNode> handler) {
        handlers.put(method, handler);
        ObjectNode caps = capabilities.deepCopy();
        switch (method) {
            case "elicitation/create" -> caps.putObject("elicitation");
            case "sampling/createMessage" -> caps.putObject("sampling");
            case "roots/list" -> caps.putObject("roots");
            default -> {
            }
        }
        capabilities = caps;
        return this;
    }

    /** Sets how long to wait for each response (default 30 s). */
    public McpTestClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    private void startReader(InputStream in) {
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                byte[] buf = new byte[64 * 1024];
                for (int n = in.read(buf); n != -1; n = in.read(buf)) {
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            line.write(buf, start, i - start);
                            start = i + 1;
                            lineRead(line.toByteArray());
                            line.reset();
                        }
                    }
                    line.write(buf, start, n - start);
                }
            } catch (IOException e) {
                // stream closed
            } finally {
                pending.values().forEach(f -> f.completeExceptionally(new IOException("server closed the stream")));
                pendingLines.values().forEach(f -> f.completeExceptionally(new IOException("server closed the stream")));
            }
        }, "mcp-test-client-reader");
        t.setDaemon(true);
        t.start();
    }

    /** Handles one line from the server (without its LF). */
    private void lineRead(byte[] bytes) throws IOException {
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        int first = 0;
        while (first < length && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\r')) {
            first++;
        }
        if (first == length) {
            return; // a blank line
        }
        CompletableFuture<byte[]> raw = pendingLines.isEmpty() ? null : waiting(bytes, length);
        if (raw != null) {
            raw.complete(Arrays.copyOf(bytes, length));
        } else {
            accept(Json.parse(bytes, 0, length));
        }
    }

    /** The {@link #requestLine} waiting for this line, if it is the response to one. */
    private CompletableFuture<byte[]> waiting(byte[] line, int length) throws IOException {
        String id = responseId(line, length);
        return id == null ? null : pendingLines.remove(id);
    }

    /**
     * The numeric id of a response (a top-level {@code result} or {@code error}), read without parsing the
     * rest of the line when the id comes first; {@code null} for anything else.
     */
    static String responseId(byte[] line, int length) throws IOException {
        try (JsonParser p = Json.reader().getFactory().createParser(line, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            boolean response = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = value == JsonToken.VALUE_NUMBER_INT ? p.getText() : null;
                    case "result", "error" -> response = true;
                    case "method" -> {
                        return null; // a request or notification from the server
                    }
                    default -> {
                    }
                }
                if (response && id != null) {
                    return id;
                }
                p.skipChildren();
            }
            return null;
        }
    }

    /** Handles one message from the server. */
    void accept(JsonNode message) {
        if (message.has("method")) {
            if (message.has("id")) {
                ObjectNode reply = Json.object().put("jsonrpc", "2.0");
                reply.set("id", message.get("id"));
                Function<JsonNode, JsonNode> handler = handlers.get(message.path("method").asText());
                if (handler != null) {
                    reply.set("result", handler.apply(message.path("params")));
                } else {
                    reply.putObject("error").put("code", -32601).put("message", "Method not found");
                }
                try {
                    channel.send(reply, this);
                } catch (IOException e) {
                    // the server went away
                }
            } else {
                notifications.add(message);
                listeners.forEach(l -> l.accept(message));
            }
            return;
        }
        JsonNode id = message.get("id");
        CompletableFuture<JsonNode> f = id == null ? null : pending.remove(id.toString());
        if (f != null) {
            f.complete(message);
        } else {
            notifications.add(message); // a response nobody waits for (e.g. to a raw line)
        }
    }

    /**
     * 2025-11-25: sends {@code initialize} and {@code notifications/initialized} and returns the initialize
     * result. 2026-07-28: calls {@code server/discover} and returns its result.
     */
    public JsonNode initialize() {
        if (era == Era.MODERN) {
            return request("server/discover", Map.of());
        }
        ObjectNode params = Json.object().put("protocolVersion", LEGACY_VERSION);
        params.set("capabilities", capabilities);
        params.putObject("clientInfo").put("name", "burrow-testkit").put("version", "1");
        JsonNode result = request("initialize", params);
        notify("notifications/initialized", null);
        return result;
    }

    /**
     * Sends a request and returns its {@code result}; throws {@link RpcException} for an error response.
     * A 2026-07-28 input-required result is answered with the {@link #onRequest} handlers and the request
     * sent again (at most five rounds), so the result returned is the final one.
     */
    public JsonNode request(String method, Object params) {
        ObjectNode p = params == null ? Json.object() : Json.valueToTree(params);
        for (int round = 0; ; round++) {
            JsonNode response = requestRaw(method, p);
            if (response.has("error")) {
                throw new RpcException(response.get("error"));
            }
            JsonNode result = response.get("result");
            if (era != Era.MODERN || !"input_required".equals(result.path("resultType").asText())) {
                return result;
            }
            if (round >= 5) {
                throw new AssertionError(method + " still needs input after " + round + " rounds: " + result);
            }
            ObjectNode answers = Json.object();
            result.path("inputRequests").fields().forEachRemaining(e -> {
                Function<JsonNode, JsonNode> handler = handlers.get(e.getValue().path("method").asText());
                if (handler == null) {
                    throw new AssertionError("the server asked " + e.getValue().path("method").asText()
                            + " and no handler was given (onRequest)");
                }
                answers.set(e.getKey(), handler.apply(e.getValue().path("params")));
            });
            p = p.deepCopy();
            p.set("inputResponses", answers);
            if (result.has("requestState")) {
                p.set("requestState", result.get("requestState"));
            } else {
                p.remove("requestState");
            }
        }
    }

    /** Sends a request and returns the whole response message (result or error). */
    public JsonNode requestRaw(String method, Object params) {
        return exchange(method, params, pending);
    }

    /**
     * Sends a request and returns its response line exactly as the server wrote it, without parsing it
     * (stdio only): for checking the wire form, or for timing a round trip without this client's own
     * JSON parsing. The line has no line terminator.
     */
    public byte[] requestLine(String method, Object params) {
        if (!(channel instanceof LineChannel)) {
            throw new IllegalStateException("response lines need a stdio connection");
        }
        return exchange(method, params, pendingLines);
    }

    private <T> T exchange(String method, Object params, Map<String, CompletableFuture<T>> waiting) {
        long id = ids.incrementAndGet();
        ObjectNode msg = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", Json.valueToTree(params));
        }
        if (era == Era.MODERN) {
            withMeta(msg);
        }
        String key = Long.toString(id);
        CompletableFuture<T> f = new CompletableFuture<>();
        waiting.put(key, f);
        try {
            channel.send(msg, this);
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("no response to " + method + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } catch (ExecutionException e) {
            throw new AssertionError("no response to " + method + ": " + e.getCause().getMessage());
        } finally {
            waiting.remove(key);
        }
    }

    /** Adds the 2026-07-28 per-request {@code _meta} (protocol version, capabilities, client info). */
    private void withMeta(ObjectNode msg) {
        ObjectNode params = msg.has("params") ? (ObjectNode) msg.get("params") : msg.putObject("params");
        ObjectNode meta = params.has("_meta") ? (ObjectNode) params.get("_meta") : params.putObject("_meta");
        if (!meta.has("io.modelcontextprotocol/protocolVersion")) {
            meta.put("io.modelcontextprotocol/protocolVersion", MODERN_VERSION);
        }
        if (!meta.has("io.modelcontextprotocol/clientCapabilities")) {
            meta.set("io.modelcontextprotocol/clientCapabilities", capabilities);
        }
        if (!meta.has("io.modelcontextprotocol/clientInfo")) {
            meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "burrow-testkit").put("version", "1");
        }
    }

    /** Sends a notification. */
    public void notify(String method, Object params) {
        ObjectNode msg = Json.object().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            msg.set("params", Json.valueToTree(params));
        }
        try {
            channel.send(msg, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a raw line (stdio only), for testing malformed input. Responses to it appear in
     * {@link #notifications()}.
     */
    public void sendRawLine(String line) {
        if (!(channel instanceof LineChannel lc)) {
            throw new IllegalStateException("raw lines need a stdio connection");
        }
        lc.writeLine(line);
    }

    /** {@code tools/list} result. */
    public JsonNode listTools() {
        return request("tools/list", Map.of());
    }

    /** {@code tools/call}; returns the {@code CallToolResult} (check {@code isError}). */
    public JsonNode callTool(String name, Object arguments) {
        return request("tools/call", Map.of("name", name, "arguments", arguments == null ? Map.of() : arguments));
    }

    /** {@code tools/call} with a progress token; progress notifications reach {@code onProgress}. */
    public JsonNode callTool(String name, Object arguments, Consumer<JsonNode> onProgress) {
        String token = "progress-" + ids.incrementAndGet();
        Consumer<JsonNode> listener = n -> {
            if ("notifications/progress".equals(n.path("method").asText())
                    && token.equals(n.path("params").path("progressToken").asText())) {
                onProgress.accept(n.get("params"));
            }
        };
        listeners.add(listener);
        try {
            return request("tools/call", Map.of("name", name, "arguments", arguments == null ? Map.of() : arguments,
                    "_meta", Map.of("progressToken", token)));
        } finally {
            listeners.remove(listener);
        }
    }

    /** {@code resources/read} result. */
    public JsonNode readResource(String uri) {
        return request("resources/read", Map.of("uri", uri));
    }

    /** Notifications (and unmatched responses) received so far, in order. */
    public List<JsonNode> notifications() {
        return new ArrayList<>(notifications);
    }

    @Override
    public void close() {
        channel.close();
        try {
            onClose.close();
        } catch (Exception e) {
            // closing a test server
        }
    }

    /** Newline-delimited JSON over a stream. */
    private static final class LineChannel implements Channel {
        private final OutputStream out;

        LineChannel(OutputStream out) {
            this.out = out;
        }

        @Override
        public void send(ObjectNode message, McpTestClient client) throws IOException {
            writeLine(message.toString());
        }

        synchronized void writeLine(String line) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
