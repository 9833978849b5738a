package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** Streamable HTTP: every message is a POST; answers come as JSON or as a server-sent event stream. */
final class HttpChannel implements McpTestClient.Channel {

    /** An HTTP-level failure (status ≥ 400). */
    static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;

        HttpStatusException(int status, String body) {
            super("HTTP " + status + ": " + body);
        }
    }

    private final URI endpoint;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String sessionId;
    private volatile String protocolVersion;

    HttpChannel(URI endpoint, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void send(ObjectNode message, McpTestClient client) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
        headers.forEach(b::header);
        if (client.era() == McpTestClient.Era.MODERN) {
            modernHeaders(b, message);
        } else {
            if (sessionId != null) {
                b.header("Mcp-Session-Id", sessionId);
            }
            if (protocolVersion != null) {
                b.header("MCP-Protocol-Version", protocolVersion);
            }
        }
        Thread t = new Thread(() -> exchange(b.build(), message, client), "mcp-test-http");
        t.setDaemon(true);
        t.start();
    }

    /** The 2026-07-28 request headers: protocol version, method and name mirrored from the body. */
    private static void modernHeaders(HttpRequest.Builder b, ObjectNode message) {
        JsonNode params = message.path("params");
        b.header("MCP-Protocol-Version", params.path("_meta").path("io.modelcontextprotocol/protocolVersion")
                .asText(McpTestClient.MODERN_VERSION));
        String method = message.path("method").asText();
        b.header("Mcp-Method", method);
        JsonNode name = switch (method) {
            case "tools/call", "prompts/get" -> params.get("name");
            case "resources/read" -> params.get("uri");
            default -> null;
        };
        if (name != null && name.isTextual()) {
            b.header("Mcp-Name", headerValue(name.asText()));
        }
    }

    /** A value as a header: as is when it is plain visible ASCII, else in the {@code =?base64?…?=} form. */
    static String headerValue(String value) {
        boolean plain = !value.isEmpty() && !value.startsWith(" ") && !value.endsWith(" ")
                && !(value.startsWith("=?base64?") && value.endsWith("?="))
                && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        return plain ? value : "=?base64?" + java.util.Base64.getEncoder()
                .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
    }

    private void exchange(HttpRequest request, ObjectNode message, McpTestClient client) {
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() >= 400) {
                String body = String.join("\n", response.body().toList());
                fail(message, client, response.statusCode(), body);
                return;
            }
            boolean answered = false;
            if (type.startsWith("text/event-stream")) {
                Iterator<String> lines = response.body().iterator();
                StringBuilder data = new StringBuilder();
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && data.length() > 0) {
                        answered |= deliver(Json.parse(data.toString()), message, client);
                        data.setLength(0);
                    }
                }
                if (data.length() > 0) {
                    answered |= deliver(Json.parse(data.toString()), message, client);
                }
            } else if (type.startsWith("application/json")) {
                String body = String.join("\n", response.body().toList());
                if (!body.isBlank()) {
                    answered = deliver(Json.parse(body), message, client);
                }
            } else {
                response.body().close();
            }
            if (!answered) {
                // a stream that ended (or was cut off) before the answer: no answer, said at once (not for notifications)
                fail(message, client, 0, "the response ended without an answer (HTTP " + response.statusCode() + ")");
            }
        } catch (IOException e) {
            fail(message, client, 0, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            // an event stream cut off mid-way (the lines' iterator throws): no answer, said at once
            fail(message, client, 0, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands a message to the client; whether it is the answer to {@code request}. */
    private boolean deliver(JsonNode message, ObjectNode request, McpTestClient client) {
        JsonNode pv = message.path("result").path("protocolVersion");
        if (pv.isTextual()) {
            protocolVersion = pv.asText();
        }
        client.accept(message);
        // ids by value: the request's is a long, the answer's parses as an int
        return (message.has("result") || message.has("error")) && message.path("id").toString()
                .equals(request.path("id").toString());
    }

    /** Turns an HTTP failure into a JSON-RPC error response for the waiting request. */
    private static void fail(ObjectNode message, McpTestClient client, int status, String body) {
        if (!message.has("id") || message.has("result") || message.has("error")) {
            return;
        }
        ObjectNode err = Json.object().put("jsonrpc", "2.0");
        err.set("id", message.get("id"));
        err.putObject("error").put("code", -32000).put("message", "HTTP " + status).put("data", body);
        client.accept(err);
    }

    @Override
    public void close() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).header("Mcp-Session-Id", id).DELETE()
                .timeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        try {
            http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            // best effort
        }
    }
}
