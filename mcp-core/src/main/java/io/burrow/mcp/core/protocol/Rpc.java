package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 codes and message builders. */
final class Rpc {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Resource not found, protocol 2025-11-25 and earlier (2026-07-28 uses -32602). */
    static final int RESOURCE_NOT_FOUND = -32002;
    /** 2025-11-25 session not found (implementation-defined; the HTTP status 404 is what clients act on). */
    static final int SESSION_NOT_FOUND = -32001;
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private Rpc() {
    }

    static ObjectNode response(JsonNode id, JsonNode result) {
        ObjectNode m = NODES.objectNode();
        m.put("jsonrpc", "2.0");
        m.set("id", id);
        m.set("result", result);
        return m;
    }

    static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode m = NODES.objectNode();
        m.put("jsonrpc", "2.0");
        m.set("id", id == null ? NODES.nullNode() : id);
        ObjectNode e = m.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.set("data", data);
        }
        return m;
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode m = NODES.objectNode();
        m.put("jsonrpc", "2.0");
        m.put("method", method);
        if (params != null) {
            m.set("params", params);
        }
        return m;
    }

    static ObjectNode request(JsonNode id, String method, ObjectNode params) {
        ObjectNode m = notification(method, params);
        m.set("id", id);
        return m;
    }

    /** Whether {@code id} is a valid JSON-RPC request id (a string or an integer). */
    static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }
}
