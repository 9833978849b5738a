package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP for tests that look at status codes, headers and bodies. */
final class Http {

    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    // the JDK client refuses to set Host itself; allow it for Host validation tests
    static {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** Headers a well-behaved MCP client sends with a POST. */
    static Map<String, String> mcpHeaders() {
        return Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream");
    }

    static HttpResponse<String> post(URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /**
     * Asserts that an error response is a JSON-RPC envelope with this status and code, and that it
     * leaks nothing: no exception, stack trace, class or package name, or host path.
     */
    static JsonNode assertSanitizedError(HttpResponse<String> r, int status, int code) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        String body = r.body();
        assertThat(body).doesNotContain("stackTrace", "Exception", "exception", "java.", "io.modelcontextprotocol",
                "org.eclipse", "io.burrow", "/work", "/tmp", "/home", "jsonRpcError", "\tat ");
        JsonNode tree;
        try {
            tree = Json.parse(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body);
        }
        assertThat(tree.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(tree.has("id")).isTrue();
        assertThat(tree.path("error").path("code").asInt()).as("code in %s", body).isEqualTo(code);
        assertThat(tree.path("error").path("message").asText()).isNotBlank();
        assertThat(tree.path("error").path("data").path("status").asInt()).isEqualTo(status);
        return tree;
    }
}
