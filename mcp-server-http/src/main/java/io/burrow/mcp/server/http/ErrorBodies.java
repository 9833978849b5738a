package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * The bodies of the transport's own HTTP error responses: always a JSON-RPC error envelope
 * {@code {"jsonrpc":"2.0","id":…,"error":{"code","message","data":{"status"}}}} with a fixed,
 * client-safe message.
 */
final class ErrorBodies {

    /** JSON-RPC code for errors of the HTTP transport itself (auth, origin, limits, shutdown). */
    static final int TRANSPORT_ERROR = -32000;
    /** JSON-RPC code for an unknown or expired session (as the engine and the TypeScript SDK use). */
    static final int SESSION_NOT_FOUND = -32001;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INTERNAL_ERROR = -32603;

    private ErrorBodies() {
    }

    /** The message for a status when nothing better is known. */
    static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 411 -> "Length required";
            case 413 -> "Request body too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type: send application/json";
            case 421 -> "Misdirected request: Host not allowed";
            case 429 -> "Too many requests";
            case 431 -> "Request headers too large";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal error" : "Request failed";
        };
    }

    /** The JSON-RPC code of an HTTP error status. */
    static int code(int status) {
        return status >= 500 && status != 503 ? INTERNAL_ERROR : status == 400 ? INVALID_REQUEST : TRANSPORT_ERROR;
    }

    /** The envelope bytes. */
    static byte[] envelope(JsonNode id, int status, int code, String message) {
        ObjectNode root = Json.object().put("jsonrpc", "2.0");
        root.set("id", id == null ? Json.nodes().nullNode() : id);
        ObjectNode error = root.putObject("error").put("code", code).put("message", message);
        error.putObject("data").put("status", status);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
