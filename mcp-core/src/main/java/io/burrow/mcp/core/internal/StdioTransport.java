package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The stdio transport: one MCP session over newline-delimited JSON-RPC on a pair of byte streams.
 *
 * <p>Unlike the SDK's stdio transport it keeps the session going on bad input: a line that is not
 * JSON is answered with a parse error (-32700), a JSON line that is not a JSON-RPC message with an
 * invalid-request error (-32600), a request whose params the SDK cannot read with invalid-params
 * (-32602, where the SDK would answer with its internal exception text), a line over 16 MiB with a
 * parse error. Messages are read and written as UTF-8 bytes, never as Java strings; each outgoing
 * message is written whole, under a lock, by the thread that sends it, so concurrent responses can
 * neither interleave nor be lost. {@link #awaitEnd} returns once the input has ended and every request
 * read has been answered (or a drain timeout passed). The streams are not closed.
 */
public final class StdioTransport implements McpServerTransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
    /** Largest accepted message, as the SDK's default. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final ObjectMapper json = Json.plain();
    private final InputStream in;
    private final OutputStream out;
    private final Object writing = new Object();
    /** Holds each outgoing message before it is written whole; guarded by {@link #writing}. */
    private ByteArrayOutputStream buffer = newBuffer();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Object ended = new Object();
    private volatile boolean inputEnded;
    private volatile boolean closed;
    private volatile McpServerSession session;

    public StdioTransport(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new SessionTransport());
        Thread reader = new Thread(this::readAll, "burrow-stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until the input has ended, then until every request read has been answered, at most
     * {@code drain} for the latter.
     *
     * @return whether every request was answered
     */
    public boolean awaitEnd(Duration drain) throws InterruptedException {
        synchronized (ended) {
            while (!inputEnded) {
                ended.wait();
            }
        }
        long until = System.nanoTime() + drain.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        if (!pending.isEmpty()) {
            LOG.warn("input ended with {} request(s) unanswered after {}", pending.size(), drain);
            return false;
        }
        return true;
    }

    private void readAll() {
        try {
            Lines.read(in, MAX_LINE_BYTES, new Lines.Handler() {
                @Override
                public void line(byte[] line, int length) {
                    if (!Lines.isBlank(line, length)) {
                        handle(line, length);
                    }
                }

                @Override
                public void tooLong() {
                    writeError(null, McpSchema.ErrorCodes.PARSE_ERROR, "Message too large");
                }
            });
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("reading the input failed", e);
            }
        } finally {
            synchronized (ended) {
                inputEnded = true;
                ended.notifyAll();
            }
        }
    }

    private void handle(byte[] line, int length) {
        JsonNode node;
        try {
            node = json.readTree(line, 0, length);
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
        McpSchema.JSONRPCMessage message;
        try {
            if (!"2.0".equals(node.path("jsonrpc").asText()) || (id != null && validId == null && !id.isNull())) {
                throw new IllegalArgumentException("not JSON-RPC 2.0");
            }
            message = toMessage(node);
        } catch (IOException | RuntimeException e) {
            writeError(validId, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request");
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest) {
            String invalid = ParamsShape.problem(node);
            if (invalid != null) { // the SDK would answer with its internal Jackson message
                writeError(validId, McpSchema.ErrorCodes.INVALID_PARAMS, "Invalid params: " + invalid);
                return;
            }
            pending.add(validId.toString());
        }
        McpServerSession s = session;
        s.handle(message).subscribe(null, e -> LOG.warn("handling a {} failed", kind(message), e));
    }

    /** The JSON-RPC message of a JSON object, as the SDK's own stdio transport reads it. */
    private McpSchema.JSONRPCMessage toMessage(JsonNode node) throws IOException {
        if (node.has("method") && node.hasNonNull("id")) {
            return json.treeToValue(node, McpSchema.JSONRPCRequest.class);
        }
        if (node.has("method")) {
            return json.treeToValue(node, McpSchema.JSONRPCNotification.class);
        }
        if (node.has("result") || node.has("error")) {
            return json.treeToValue(node, McpSchema.JSONRPCResponse.class);
        }
        throw new IllegalArgumentException("neither request, notification nor response");
    }

    private static String kind(McpSchema.JSONRPCMessage message) {
        return message instanceof McpSchema.JSONRPCRequest r ? "request " + r.method()
                : message instanceof McpSchema.JSONRPCNotification n ? "notification " + n.method() : "response";
    }

    private void writeError(JsonNode id, int code, String message) {
        ObjectNode err = json.createObjectNode();
        err.put("jsonrpc", "2.0");
        err.set("id", id == null ? json.nullNode() : id);
        err.putObject("error").put("code", code).put("message", message);
        write(err);
    }

    /** Writes one message and its newline, whole. */
    private void write(Object message) {
        synchronized (writing) {
            if (closed) {
                LOG.debug("transport closed, dropping an outgoing message");
                return;
            }
            try {
                buffer.reset();
                json.writeValue(buffer, message); // no pretty printing: the JSON text has no raw newline
                buffer.write('\n');
                buffer.writeTo(out);
                out.flush();
            } catch (IOException e) {
                LOG.debug("writing to the output failed", e);
            }
            if (buffer.size() > Lines.KEEP_BYTES) {
                buffer = newBuffer(); // reset() would keep the large array: one huge message must not pin it
            }
        }
        if (message instanceof McpSchema.JSONRPCResponse r && r.id() != null) {
            pending.remove(json.valueToTree(r.id()).toString());
        }
    }

    private static ByteArrayOutputStream newBuffer() {
        return new ByteArrayOutputStream(8 * 1024);
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.error(new IllegalStateException("no session")) : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    @Override
    public void close() {
        McpServerSession s = session;
        if (s != null) {
            s.close();
        }
    }

    /** The one session's side of the transport. */
    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return json.convertValue(data, json.getTypeFactory().constructType(type.getType()));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(() -> closed = true);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
