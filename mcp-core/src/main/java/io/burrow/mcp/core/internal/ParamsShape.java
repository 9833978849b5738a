package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Shape checks of the {@code params} of the requests whose parameters the SDK deserialises before any
 * of our code runs. When that deserialisation fails, the SDK 2.1.0 answers {@code -32603} with the
 * Jackson message (class names of its internals) over stdio, and nothing at all over Streamable HTTP
 * (the client waits forever). Transports call this first and answer {@code -32602 Invalid params}.
 */
public final class ParamsShape {

    private ParamsShape() {
    }

    /**
     * What is wrong with a JSON-RPC request's params, or {@code null} if the SDK can read them.
     *
     * @param message a JSON-RPC request object
     * @return a client-safe description of the problem, or {@code null}
     */
    public static String problem(JsonNode message) {
        String method = message.path("method").asText("");
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            return "params must be an object";
        }
        JsonNode p = params == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : params;
        return switch (method) {
            case "tools/call" -> !p.path("name").isTextual() ? "tools/call needs a string 'name'"
                    : !objectOrAbsent(p.get("arguments")) ? "tools/call 'arguments' must be an object" : null;
            case "prompts/get" -> !p.path("name").isTextual() ? "prompts/get needs a string 'name'"
                    : !objectOrAbsent(p.get("arguments")) ? "prompts/get 'arguments' must be an object" : null;
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    !p.path("uri").isTextual() ? method + " needs a string 'uri'" : null;
            case "completion/complete" -> !p.path("ref").isObject() || !p.path("ref").path("type").isTextual()
                    ? "completion/complete needs a 'ref' object with a 'type'"
                    : !p.path("argument").isObject() || !p.path("argument").path("name").isTextual()
                            ? "completion/complete needs an 'argument' object with a 'name'" : null;
            case "logging/setLevel" -> !p.path("level").isTextual() ? "logging/setLevel needs a string 'level'" : null;
            case "initialize" -> !p.isObject() || !p.path("protocolVersion").isTextual()
                    ? "initialize needs a string 'protocolVersion'" : null;
            default -> null;
        };
    }

    private static boolean objectOrAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isObject();
    }
}
