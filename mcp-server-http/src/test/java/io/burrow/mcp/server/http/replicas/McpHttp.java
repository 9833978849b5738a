package io.burrow.mcp.server.http.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One client's Streamable HTTP connection to an MCP endpoint, seen as a load balancer's client sees it: each
 * message is one POST, and the answer keeps its HTTP status, its session id and the replica that served it (the
 * {@code X-Burrow-Replica} header the replica test's HAProxy adds). Uses the JDK and Jackson only, so that it
 * runs on the HTTP launcher's jar.
 */
final class McpHttp {

    static final String MODERN = "2026-07-28";
    static final String LEGACY = "2025-11-25";
    static final ObjectMapper JSON = new ObjectMapper();

    /** What came back: the HTTP status, headers of interest and the JSON-RPC answer (null for 202 or a non-JSON body). */
    record Answer(int status, String sessionId, String replica, JsonNode message) {

        /** A JSON-RPC result that is not a tool error. */
        boolean ok() {
            return status == 200 && message != null && message.has("result")
                    && !message.path("result").path("isError").asBoolean(false);
        }

        /** The JSON-RPC error code, or 0. */
        int rpcCode() {
            return message == null ? 0 : message.path("error").path("code").asInt(0);
        }

        /** A short description for reports. */
        String describe() {
            String m = message == null ? "" : message.toString();
            return "HTTP " + status + (replica != null ? " from " + replica : "") + " "
                    + (m.length() > 300 ? m.substring(0, 300) + "…" : m);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String token;
    private final AtomicLong ids = new AtomicLong();

    /** @param token the bearer token, or null */
    McpHttp(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    URI endpoint() {
        return endpoint;
    }

    /** A 2026-07-28 request: {@code _meta} in the body, the version, method and name headers beside it. */
    Answer modern(String method, ObjectNode params) throws IOException, InterruptedException {
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", MODERN);
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "burrow-replica-driver").put("version", "1");
        String name = params.path(method.equals("resources/read") ? "uri" : "name").asText(null);
        return post(request(method, params), Map.of("MCP-Protocol-Version", MODERN, "Mcp-Method", method),
                name);
    }

    /** A 2025-11-25 {@code initialize}; the answer carries the new session's id. */
    Answer initialize() throws IOException, InterruptedException {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", LEGACY);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "burrow-replica-driver").put("version", "1");
        Answer a = post(request("initialize", params), Map.of(), null);
        if (a.ok() && a.sessionId() != null) {
            ObjectNode note = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized");
            post(note, Map.of("Mcp-Session-Id", a.sessionId(), "MCP-Protocol-Version", LEGACY), null);
        }
        return a;
    }

    /** A request of the 2025-11-25 session {@code sessionId}. */
    Answer legacy(String sessionId, String method, ObjectNode params) throws IOException, InterruptedException {
        return post(request(method, params), Map.of("Mcp-Session-Id", sessionId, "MCP-Protocol-Version", LEGACY),
                null);
    }

    private ObjectNode request(String method, ObjectNode params) {
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        m.set("params", params);
        return m;
    }

    private Answer post(ObjectNode message, Map<String, String> headers, String name)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
        headers.forEach(b::header);
        if (name != null) {
            b.header("Mcp-Name", name);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode answer = null;
        try (Stream<String> body = r.body()) {
            if (type.startsWith("text/event-stream")) {
                answer = lastEvent(body.iterator(), message.path("id"));
            } else if (type.startsWith("application/json")) {
                String text = String.join("\n", (Iterable<String>) body::iterator);
                answer = text.isBlank() ? null : JSON.readTree(text);
            }
        }
        return new Answer(r.statusCode(), r.headers().firstValue("Mcp-Session-Id").orElse(null),
                r.headers().firstValue("X-Burrow-Replica").orElse(null), answer);
    }

    /** The event of a server-sent stream answering {@code id} (progress and log events before it are skipped). */
    private static JsonNode lastEvent(Iterator<String> lines, JsonNode id) throws IOException {
        StringBuilder data = new StringBuilder();
        JsonNode found = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.isEmpty() && data.length() > 0) {
                JsonNode event = JSON.readTree(data.toString());
                data.setLength(0);
                if (event.path("id").equals(id) && !event.has("method")) {
                    found = event;
                }
            }
        }
        if (data.length() > 0) {
            JsonNode event = JSON.readTree(data.toString());
            if (event.path("id").equals(id) && !event.has("method")) {
                found = event;
            }
        }
        return found;
    }
}
