package io.burrow.mcp.server.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Burrow server over stdio, in front of the SDK's stdio transport.
 *
 * <p>The SDK transport ends the session at the first malformed line and may drop a response still in
 * flight when stdin closes. This bridge reads stdin itself: a line that is not JSON is answered with a
 * JSON-RPC parse error (-32700), a JSON line that is not a JSON-RPC message with an invalid-request
 * error (-32600), and the session goes on. At end of input it waits (bounded) until every request has
 * been answered before it lets the transport close. Every line written to stdout is written whole,
 * so the bridge's own error responses never interleave with the SDK's.
 */
public final class StdioBridge {

    private static final Logger LOG = LoggerFactory.getLogger(StdioBridge.class);
    /** Largest accepted message, as the SDK's default. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final SyncLineOutput out;
    private final Duration drainTimeout;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public StdioBridge(InputStream in, OutputStream out, Duration drainTimeout) {
        this.in = in;
        this.out = new SyncLineOutput(out, this::onOutgoing);
        this.drainTimeout = drainTimeout;
    }

    /**
     * Serves until stdin ends and every pending request has been answered (or the drain timeout passed).
     */
    public void run(BurrowServer server) throws IOException {
        LineQueueInputStream sdkIn = new LineQueueInputStream();
        McpSyncServer mcp = server.serve(new StdioServerTransportProvider(BurrowServer.jsonMapper(), sdkIn, out));
        try {
            pump(sdkIn);
            drain();
        } finally {
            sdkIn.close();
            try {
                mcp.closeGracefully();
            } catch (RuntimeException e) {
                LOG.debug("closing the MCP server failed", e);
            }
            server.released(mcp);
        }
    }

    private void pump(LineQueueInputStream sdkIn) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        boolean tooLong = false;
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                if (!tooLong) {
                    line.write(buf, start, i - start);
                    handle(line.toByteArray(), sdkIn);
                } else {
                    writeError(null, McpSchema.ErrorCodes.PARSE_ERROR, "Message too large");
                }
                line.reset();
                tooLong = false;
                start = i + 1;
            }
            if (!tooLong) {
                line.write(buf, start, n - start);
                if (line.size() > MAX_LINE_BYTES) {
                    tooLong = true;
                    line.reset();
                }
            }
        }
        if (line.size() > 0 && !tooLong) {
            handle(line.toByteArray(), sdkIn);
        }
    }

    private void handle(byte[] raw, LineQueueInputStream sdkIn) {
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        JsonNode node;
        try {
            node = Json.plain().readTree(text);
        } catch (IOException e) {
            writeError(null, McpSchema.ErrorCodes.PARSE_ERROR, "Parse error");
            return;
        }
        if (node == null || !node.isObject()) {
            writeError(null, McpSchema.ErrorCodes.INVALID_REQUEST,
                    node != null && node.isArray() ? "Batch requests are not supported" : "Invalid Request");
            return;
        }
        JsonNode id = node.get("id");
        JsonNode validId = id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        boolean isRequest = node.hasNonNull("method") && validId != null;
        try {
            if (!"2.0".equals(node.path("jsonrpc").asText()) || (id != null && validId == null && !id.isNull())) {
                throw new IllegalArgumentException("not JSON-RPC 2.0");
            }
            McpSchema.deserializeJsonRpcMessage(BurrowServer.jsonMapper(), text);
        } catch (IOException | RuntimeException e) {
            writeError(validId, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request");
            return;
        }
        if (isRequest) {
            pending.add(validId.toString());
        }
        sdkIn.feed((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void onOutgoing(byte[] line) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            JsonNode node = Json.plain().readTree(line);
            if (node != null && node.has("id") && !node.has("method") && (node.has("result") || node.has("error"))) {
                pending.remove(node.get("id").toString());
            }
        } catch (IOException e) {
            LOG.debug("unparseable outgoing line", e);
        }
    }

    private void drain() {
        long until = System.nanoTime() + drainTimeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!pending.isEmpty()) {
            LOG.warn("stdin closed with {} request(s) unanswered after {}", pending.size(), drainTimeout);
        }
    }

    private void writeError(JsonNode id, int code, String message) {
        ObjectNode err = Json.plain().createObjectNode();
        err.put("jsonrpc", "2.0");
        err.set("id", id == null ? Json.plain().nullNode() : id);
        err.putObject("error").put("code", code).put("message", message);
        try {
            out.write((err.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            LOG.debug("writing an error response failed", e);
        }
    }

    /** Writes complete lines atomically and reports each one. */
    static final class SyncLineOutput extends OutputStream {
        private final OutputStream target;
        private final java.util.function.Consumer<byte[]> onLine;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

        SyncLineOutput(OutputStream target, java.util.function.Consumer<byte[]> onLine) {
            this.target = target;
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    buffer.write(b, start, i - start + 1);
                    byte[] line = buffer.toByteArray();
                    buffer.reset();
                    target.write(line);
                    target.flush();
                    onLine.accept(line);
                    start = i + 1;
                }
            }
            buffer.write(b, start, off + len - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            if (buffer.size() > 0) {
                target.write(buffer.toByteArray());
                buffer.reset();
            }
            target.flush();
        }
    }
}
