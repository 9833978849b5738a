package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.json.Json;
import io.modelcontextprotocol.spec.McpError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class ErrorBodiesTest {

    private static byte[] serialised(McpError e) throws Exception {
        return Json.plain().writeValueAsBytes(e); // what the SDK's servlets write
    }

    @Test
    void serialisedException_keepsNoTextOfIt() throws Exception {
        McpError e = McpError.builder(-32600).message("Invalid message format: Cannot construct instance of "
                + "`io.modelcontextprotocol.spec.McpSchema$JSONRPCRequest` at /home/user/secret").build();
        byte[] body = serialised(e);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("stackTrace"); // the leak being replaced

        ErrorBodies.Safe safe = ErrorBodies.sanitize(400, body, false);

        assertThat(safe.code()).isEqualTo(ErrorBodies.INVALID_REQUEST);
        assertThat(safe.message()).isEqualTo("Bad request");
    }

    @Test
    void knownSafeMessages_areKept() throws Exception {
        McpError e = McpError.builder(-32601).message("text/event-stream required in Accept header; "
                + "application/json required in Accept header").build();

        ErrorBodies.Safe safe = ErrorBodies.sanitize(400, serialised(e), false);

        assertThat(safe.message()).contains("Accept header");
        assertThat(safe.code()).isEqualTo(ErrorBodies.INVALID_REQUEST);
    }

    @Test
    void unknownSession_dropsTheEchoedId() throws Exception {
        ErrorBodies.Safe safe = ErrorBodies.sanitize(404,
                serialised(McpError.builder(-32603).message("Session not found: abc-123").build()), true);

        assertThat(safe.code()).isEqualTo(ErrorBodies.SESSION_NOT_FOUND);
        assertThat(safe.message()).isEqualTo("Session not found");
    }

    @Test
    void garbageOrNothing_getsTheStatusDefault() {
        assertThat(ErrorBodies.sanitize(500, "java.lang.IllegalStateException: boom\n\tat x.Y".getBytes(
                StandardCharsets.UTF_8), false)).isEqualTo(new ErrorBodies.Safe(500, ErrorBodies.INTERNAL_ERROR,
                "Internal error"));
        assertThat(ErrorBodies.sanitize(405, new byte[0], false).message()).isEqualTo("Method not allowed");
        assertThat(ErrorBodies.sanitize(404, new byte[0], false).code()).isEqualTo(ErrorBodies.TRANSPORT_ERROR);
    }

    @Test
    void envelope_isJsonRpc() throws Exception {
        var tree = Json.plain().readTree(ErrorBodies.envelope(Json.plain().getNodeFactory().numberNode(7), 401,
                ErrorBodies.TRANSPORT_ERROR, "Unauthorized"));

        assertThat(tree.toString()).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32000,\"message\":\"Unauthorized\",\"data\":{\"status\":401}}}");
    }
}
