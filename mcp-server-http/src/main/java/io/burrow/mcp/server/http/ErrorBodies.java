package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The bodies of HTTP error responses: always a JSON-RPC error envelope
 * {@code {"jsonrpc":"2.0","id":…,"error":{"code","message","data":{"status"}}}} with a fixed,
 * client-safe message. Whatever a servlet wrote (the SDK serialises whole exception objects, with
 * stack traces and class names) is only inspected to keep a JSON-RPC code and a message from a short
 * list of known-safe texts; everything else is replaced.
 */
final class ErrorBodies {

    /** JSON-RPC code for errors of the HTTP transport itself (auth, origin, limits, shutdown). */
    static final int TRANSPORT_ERROR = -32000;
    /** JSON-RPC code for an unknown or expired session (as the TypeScript SDK uses). */
    static final int SESSION_NOT_FOUND = -32001;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INTERNAL_ERROR = -32603;

    /** Messages the SDK's servlets write that reveal nothing and help the client. */
    private static final Set<String> SAFE_PARTS = Set.of(
            "text/event-stream required in Accept header",
            "application/json required in Accept header",
            "Both application/json and text/event-stream required in Accept header",
            "Session ID required in mcp-session-id header",
            "Server is shutting down");

    private ErrorBodies() {
    }

    /** A safe code and message for an HTTP error. */
    record Safe(int status, int code, String message) {
    }

    /**
     * Replaces what a servlet wrote for an error status by a safe code and message.
     *
     * @param written the body written by the servlet (may be empty, truncated or not JSON)
     * @param sessionHeader whether the request carried an {@code Mcp-Session-Id}
     */
    static Safe sanitize(int status, byte[] written, boolean sessionHeader) {
        JsonNode rpcError = null;
        try {
            JsonNode tree = written.length == 0 ? null : Json.plain().readTree(written);
            if (tree != null && tree.has("jsonRpcError")) {
                rpcError = tree.get("jsonRpcError"); // a serialised McpError
            } else if (tree != null && tree.path("error").isObject()) {
                rpcError = tree.get("error");
            }
        } catch (java.io.IOException | RuntimeException e) {
            rpcError = null;
        }
        String message = rpcError == null ? null : rpcError.path("message").asText(null);
        int code = rpcError == null ? 0 : rpcError.path("code").asInt(0);
        if (message != null && message.startsWith("Session not found")) {
            return new Safe(status, SESSION_NOT_FOUND, "Session not found");
        }
        if (status == 404 && sessionHeader) {
            return new Safe(status, SESSION_NOT_FOUND, "Session not found");
        }
        String safeMessage = message != null && isSafe(message) ? message : defaultMessage(status);
        int safeCode;
        if (status == 400) {
            safeCode = code == PARSE_ERROR ? PARSE_ERROR : INVALID_REQUEST;
        } else if (status >= 500 && status != 503) {
            safeCode = INTERNAL_ERROR;
        } else {
            safeCode = TRANSPORT_ERROR;
        }
        return new Safe(status, safeCode, safeMessage);
    }

    private static boolean isSafe(String message) {
        return Arrays.stream(message.split(";")).map(String::trim).allMatch(SAFE_PARTS::contains);
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

    /** The envelope bytes. */
    static byte[] envelope(JsonNode id, int status, int code, String message) {
        ObjectNode root = Json.plain().createObjectNode().put("jsonrpc", "2.0");
        root.set("id", id == null ? Json.plain().nullNode() : id);
        ObjectNode error = root.putObject("error").put("code", code).put("message", message);
        error.putObject("data").put("status", status);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
