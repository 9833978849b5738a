package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A stdio-like connection to a server whose every outgoing message is captured, for engine tests. */
final class Wiretap implements MessageSink, AutoCloseable {

    static final String MODERN = "2026-07-28";

    final LinkedBlockingQueue<JsonNode> out = new LinkedBlockingQueue<>();
    final Connection connection;
    private long ids;

    Wiretap(BurrowServer server) {
        this.connection = server.endpoint().connect(Transport.STDIO, Client.STDIO, this);
    }

    @Override
    public void write(JsonNode message) {
        out.add(message);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.parse(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends a request; returns its id. */
    long send(String method, ObjectNode params) {
        long id = ++ids;
        ObjectNode m = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        connection.receive(m);
        return id;
    }

    void notify(String method, ObjectNode params) {
        ObjectNode m = Json.object().put("jsonrpc", "2.0").put("method", method);
        m.set("params", params);
        connection.receive(m);
    }

    /** Modern params: the given ones plus the per-request _meta. */
    static ObjectNode modern(ObjectNode params, String capabilities) {
        ObjectNode p = params == null ? Json.object() : params;
        ObjectNode meta = p.has("_meta") ? (ObjectNode) p.get("_meta") : p.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", MODERN);
        meta.set("io.modelcontextprotocol/clientCapabilities", json(capabilities));
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "wiretap").put("version", "1");
        return p;
    }

    /** The next message matching {@code filter} within {@code timeout}; others are kept aside. */
    JsonNode next(Predicate<JsonNode> filter, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        List<JsonNode> aside = new ArrayList<>();
        try {
            while (true) {
                long left = until - System.nanoTime();
                JsonNode m = left <= 0 ? null : out.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    return null;
                }
                if (filter.test(m)) {
                    return m;
                }
                aside.add(m);
            }
        } finally {
            out.addAll(aside);
        }
    }

    /** The response to request {@code id}, or {@code null} if none arrives within {@code timeout}. */
    JsonNode response(long id, Duration timeout) throws InterruptedException {
        return next(m -> !m.has("method") && m.path("id").asLong(-1) == id, timeout);
    }

    JsonNode response(long id) throws InterruptedException {
        JsonNode r = response(id, Duration.ofSeconds(10));
        if (r == null) {
            throw new AssertionError("no response to request " + id);
        }
        return r;
    }

    JsonNode call(String method, ObjectNode params) throws InterruptedException {
        return response(send(method, params));
    }

    @Override
    public void close() {
        connection.close();
    }
}
