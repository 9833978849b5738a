package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.McpTestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP server on 127.0.0.1, port 0: MCP over Streamable HTTP and every protection in front of it. */
final class BurrowHttpServerTest {

    private static final String TOKEN = "test-token-0123456789abcdef";

    private final TestModule module = new TestModule();
    private final BurrowServer burrow = BurrowServer.builder().module(module).build();
    private BurrowHttpServer http;

    @AfterEach
    void stop() {
        module.release.countDown();
        if (http != null) {
            http.close();
        }
        burrow.close();
    }

    private BurrowHttpServer start(HttpSettings settings) {
        http = BurrowHttpServer.start(burrow, settings);
        return http;
    }

    private static HttpSettings local() {
        return HttpSettings.builder().port(0).build();
    }

    private URI uri(String path) {
        return http.endpoint().resolve(path);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(name, value);
        return m;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(McpTestClient.Era.class)
    void bothGenerations_callToolsAndAnswerQuestions(McpTestClient.Era era) {
        start(local());
        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of()).era(era)
                .onRequest("elicitation/create", params -> io.burrow.mcp.core.json.Json.object()
                        .put("action", "accept").set("content",
                                io.burrow.mcp.core.json.Json.object().put("name", "Ada")))) {
            client.initialize();
            JsonAssert.that(client.callTool("health", Map.of())).at("/structuredContent/status").isText("ok");
            assertThat(io.burrow.mcp.testkit.ToolCallResult.of(client.callTool("greet", Map.of())).text())
                    .isEqualTo("Hello, Ada");
        }
        assertThat(http.sessions()).as("only the 2025-11-25 client opened a session, and closing ended it").isZero();
    }

    @Test
    void mcpOverHttp_initializeListToolsAndCallHealth() {
        start(local());
        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of())) {
            JsonNode init = client.initialize();
            JsonAssert.that(init).at("/serverInfo/name").isText("burrow").at("/capabilities/tools").exists()
                    .at("/capabilities/logging").exists();

            JsonNode tools = client.listTools();
            assertThat(tools.path("tools").findValuesAsText("name")).contains("health", "slow", "whoami");

            JsonAssert.that(client.callTool("health", Map.of())).at("/isError").isFalse()
                    .at("/structuredContent/status").isText("ok");
        }
        assertThat(http.endpoint().toString()).startsWith("http://127.0.0.1:").endsWith("/mcp");
        assertThat(http.port()).isPositive();
    }

    @Test
    void toolErrors_areErrorResultsAndProtocolErrorsAreClean() {
        start(local());
        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of())) {
            client.initialize();
            McpTestClient.RpcException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                    McpTestClient.RpcException.class, () -> client.callTool("no_such_tool", Map.of()));
            assertThat(unknown.code()).isEqualTo(-32602);
            assertThat(unknown.error().toString()).doesNotContain("Exception", "java.", "io.modelcontextprotocol");

            McpTestClient.RpcException resource = org.junit.jupiter.api.Assertions.assertThrows(
                    McpTestClient.RpcException.class, () -> client.readResource("nowhere://x"));
            assertThat(resource.error().toString()).doesNotContain("Exception", "java.", "io.modelcontextprotocol");
        }
    }

    @Test
    void probes_answerWithoutAuthentication() {
        start(local().toBuilder().authToken(TOKEN).build());

        HttpResponse<String> health = Http.get(uri("/healthz"), Map.of());
        HttpResponse<String> ready = Http.get(uri("/readyz"), Map.of());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"ok\"");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\"");
    }

    @Test
    void readyz_followsTheModulesReadiness() {
        start(local());
        assertThat(Http.get(uri("/readyz"), Map.of()).statusCode()).isEqualTo(200);

        module.notReady = "the store is unreachable";
        HttpResponse<String> notReady = Http.get(uri("/readyz"), Map.of());
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"not_ready\"", "\"test\":\"the store is unreachable\"");
        assertThat(Http.get(uri("/healthz"), Map.of()).statusCode()).as("alive all the same").isEqualTo(200);

        module.notReady = null;
        assertThat(Http.get(uri("/readyz"), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void token_missingOrWrongGets401WithAChallenge_rightOneWorks() {
        start(local().toBuilder().authToken(TOKEN).build());

        HttpResponse<String> missing = Http.post(http.endpoint(), Http.INIT, Http.mcpHeaders());
        Http.assertSanitizedError(missing, 401, ErrorBodies.TRANSPORT_ERROR);
        assertThat(missing.headers().firstValue("WWW-Authenticate").orElse("")).isEqualTo("Bearer realm=\"burrow\"");

        HttpResponse<String> wrong = Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Authorization", "Bearer " + TOKEN + "x"));
        Http.assertSanitizedError(wrong, 401, ErrorBodies.TRANSPORT_ERROR);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");

        HttpResponse<String> basic = Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Authorization", "Basic dXNlcjpwYXNz"));
        assertThat(basic.statusCode()).isEqualTo(401);

        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of("Authorization", "Bearer " + TOKEN))) {
            client.initialize();
            JsonAssert.that(client.callTool("health", Map.of())).at("/structuredContent/status").isText("ok");
        }
    }

    @Test
    void clientId_isAHashOfTheTokenNeverTheToken() {
        start(local().toBuilder().authToken(TOKEN).build());
        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of("Authorization", "Bearer " + TOKEN))) {
            client.initialize();
            String id = client.callTool("whoami", Map.of()).path("structuredContent").path("client_id").asText();
            assertThat(id).matches("token:[0-9a-f]{16}").doesNotContain(TOKEN);
        }
    }

    @Test
    void clientId_withoutTokenIsTheRemoteAddress() {
        start(local());
        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of())) {
            client.initialize();
            String id = client.callTool("whoami", Map.of()).path("structuredContent").path("client_id").asText();
            assertThat(id).isEqualTo("ip:127.0.0.1");
        }
    }

    @Test
    void origin_foreignGets403_loopbackAndConfiguredOnesAreServed() {
        start(local().toBuilder().allowedOrigins(List.of("https://app.example.com")).build());

        Http.assertSanitizedError(Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Origin", "http://evil.example.com")), 403, ErrorBodies.TRANSPORT_ERROR);
        Http.assertSanitizedError(Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Origin", "null")), 403, ErrorBodies.TRANSPORT_ERROR);

        HttpResponse<String> loopback = Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Origin", "http://localhost:6274"));
        assertThat(loopback.statusCode()).isEqualTo(200);
        assertThat(loopback.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");

        HttpResponse<String> configured = Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Origin", "https://app.example.com"));
        assertThat(configured.statusCode()).isEqualTo(200);
        assertThat(configured.headers().firstValue("Mcp-Session-Id")).isPresent();
    }

    @Test
    void origin_isCheckedBeforeTheToken() {
        start(local().toBuilder().authToken(TOKEN).build());

        Http.assertSanitizedError(Http.post(http.endpoint(), Http.INIT, with(with(Http.mcpHeaders(),
                "Origin", "http://evil.example.com"), "Authorization", "Bearer " + TOKEN)), 403,
                ErrorBodies.TRANSPORT_ERROR);
    }

    @Test
    void corsPreflight_fromAnAllowedOriginIsAnswered() {
        start(local());

        HttpResponse<String> r = Http.send(java.net.http.HttpRequest.newBuilder(http.endpoint())
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type").build());

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:3000");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization");
    }

    @Test
    void host_foreignGets421_configuredHostIsServed() {
        start(local());
        Http.assertSanitizedError(Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Host", "evil.example.com")), 421, ErrorBodies.TRANSPORT_ERROR);
        assertThat(Http.post(http.endpoint(), Http.INIT, with(Http.mcpHeaders(), "Host", "localhost:" + http.port()))
                .statusCode()).isEqualTo(200);
        http.close();

        start(local().toBuilder().allowedHosts(List.of("mcp.example.com")).build());
        assertThat(Http.post(http.endpoint(), Http.INIT, with(Http.mcpHeaders(), "Host", "mcp.example.com"))
                .statusCode()).isEqualTo(200);
        Http.assertSanitizedError(Http.post(http.endpoint(), Http.INIT,
                with(Http.mcpHeaders(), "Host", "127.0.0.1:" + http.port())), 421, ErrorBodies.TRANSPORT_ERROR);
    }

    @Test
    void errorBodies_areSanitisedJsonRpcEnvelopes() {
        start(local());
        URI mcp = http.endpoint();

        Http.assertSanitizedError(Http.post(mcp, "{garbage", Http.mcpHeaders()), 400, ErrorBodies.PARSE_ERROR);
        Http.assertSanitizedError(Http.post(mcp, "[" + Http.INIT + "]", Http.mcpHeaders()), 400,
                ErrorBodies.INVALID_REQUEST);
        Http.assertSanitizedError(Http.post(mcp, "{\"foo\":1}", Http.mcpHeaders()), 400, ErrorBodies.INVALID_REQUEST);
        // valid JSON-RPC envelope, but not a valid message: refused without internals
        Http.assertSanitizedError(Http.post(mcp, "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":7}",
                Http.mcpHeaders()), 400, ErrorBodies.INVALID_REQUEST);

        JsonNode unknownSession = Http.assertSanitizedError(Http.post(mcp,
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}",
                with(Http.mcpHeaders(), "Mcp-Session-Id", "no-such-session-4711")), 404, ErrorBodies.SESSION_NOT_FOUND);
        assertThat(unknownSession.toString()).doesNotContain("4711");
        JsonAssert.that(unknownSession).at("/id").isNumber(5);

        assertThat(Http.post(mcp, Http.INIT, Map.of("Content-Type", "application/json")).statusCode())
                .as("a client that sends no Accept header takes what comes").isEqualTo(200);
        JsonNode xmlOnly = Http.assertSanitizedError(Http.post(mcp, Http.INIT,
                Map.of("Content-Type", "application/json", "Accept", "application/xml")), 406, ErrorBodies.TRANSPORT_ERROR);
        JsonAssert.that(xmlOnly).at("/error/message").textContains("Accept");
        assertThat(Http.post(mcp, Http.INIT, Map.of("Content-Type", "application/json", "Accept", "application/xml"))
                .headers().firstValue("Connection")).as("a POST refused before its body was read closes its connection, "
                        + "and says so, so the client does not re-use it").hasValue("close");

        Http.assertSanitizedError(Http.post(mcp, Http.INIT, with(Http.mcpHeaders(), "Content-Type", "text/plain")),
                415, ErrorBodies.TRANSPORT_ERROR);
        Http.assertSanitizedError(Http.get(mcp, Map.of("Accept", "text/event-stream",
                "Mcp-Session-Id", "no-such-session")), 404, ErrorBodies.SESSION_NOT_FOUND);
        Http.assertSanitizedError(Http.get(uri("/nothing-here"), Map.of()), 404, ErrorBodies.TRANSPORT_ERROR);
        Http.assertSanitizedError(Http.send(java.net.http.HttpRequest.newBuilder(mcp)
                .method("PUT", java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()), 405,
                ErrorBodies.TRANSPORT_ERROR);
    }

    @Test
    void malformedParams_getAnInvalidParamsResponseInsteadOfSilence() throws Exception {
        start(local());
        HttpResponse<String> init = Http.post(http.endpoint(), Http.INIT, Http.mcpHeaders());
        Map<String, String> session = with(Http.mcpHeaders(), "Mcp-Session-Id",
                init.headers().firstValue("Mcp-Session-Id").orElseThrow());

        for (String params : List.of("\"x\"", "{\"name\":5}", "{\"name\":\"health\",\"arguments\":[1]}")) {
            HttpResponse<String> r = Http.post(http.endpoint(),
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":" + params + "}", session);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode tree = io.burrow.mcp.core.json.Json.parse(r.body());
            JsonAssert.that(tree).at("/id").isNumber(9).at("/error/code").isNumber(-32602)
                    .at("/error/message").textContains("Invalid params");
            assertThat(r.body()).doesNotContain("Exception", "io.modelcontextprotocol", "java.");
        }
        HttpResponse<String> complete = Http.post(http.endpoint(),
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"completion/complete\",\"params\":{\"ref\":{}}}", session);
        assertThat(complete.body()).contains("-32602");
    }

    @Test
    void requestSizeLimit_largerBodiesGet413() {
        start(local().toBuilder().maxRequestBytes(4096).build());
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(5000) + "\"}}";

        Http.assertSanitizedError(Http.post(http.endpoint(), big, Http.mcpHeaders()), 413, ErrorBodies.TRANSPORT_ERROR);
    }

    @Test
    void stateless_servesToolsAndAdvertisesNoSessionFeatures() {
        start(local().toBuilder().stateless(true).build());
        assertThat(http.stateless()).isTrue();
        try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of())) {
            JsonNode init = client.initialize();
            JsonAssert.that(init).at("/capabilities/tools").exists().at("/capabilities/logging").isMissing();
            assertThat(init.path("capabilities").path("resources").path("subscribe").asBoolean(false)).isFalse();
            assertThat(init.path("capabilities").path("resources").path("listChanged").asBoolean(false)).isFalse();
            assertThat(init.path("capabilities").path("tools").path("listChanged").asBoolean(false)).isFalse();

            JsonAssert.that(client.callTool("health", Map.of())).at("/structuredContent/status").isText("ok");
        }
        Http.assertSanitizedError(Http.get(http.endpoint(), Map.of("Accept", "text/event-stream")), 405,
                ErrorBodies.TRANSPORT_ERROR);
    }

    @Test
    void nonLoopbackWithoutToken_isRefusedBeforeListening() {
        assertThatThrownBy(() -> BurrowHttpServer.start(burrow, local().toBuilder().host("0.0.0.0").build()))
                .isInstanceOf(HttpStartupException.class)
                .hasMessageContaining("Refusing to listen on 0.0.0.0 without authentication")
                .hasMessageContaining("BURROW_AUTH_TOKEN")
                .hasMessageContaining("--insecure-no-auth");
    }

    @Test
    void malformedAllowlist_isRefused() {
        assertThatThrownBy(() -> BurrowHttpServer.start(burrow, local().toBuilder().allowedOrigins(List.of("not an origin")).build()))
                .isInstanceOf(HttpStartupException.class).hasMessageContaining("not an origin");
    }

    @Test
    void gracefulShutdown_letsTheCallInFlightFinishAndRefusesNewOnes() throws Exception {
        start(local().toBuilder().shutdownGraceSeconds(20).build());
        McpTestClient client = McpTestClient.http(http.endpoint(), Map.of());
        client.initialize();
        CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> client.callTool("slow", Map.of()));
        assertThat(module.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(http.requestsInFlight()).isEqualTo(1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(http::close);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (http.ready() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(Http.get(uri("/readyz"), Map.of()).statusCode()).isEqualTo(503);
        Http.assertSanitizedError(Http.post(http.endpoint(), Http.INIT, Http.mcpHeaders()), 503,
                ErrorBodies.TRANSPORT_ERROR);
        assertThat(closing).isNotDone();

        module.release.countDown();
        JsonNode result = call.get(10, TimeUnit.SECONDS);
        JsonAssert.that(result).at("/isError").isFalse().at("/structuredContent/released").isTrue();
        closing.get(10, TimeUnit.SECONDS);
        client.close();
    }

    @Test
    void gracefulShutdown_isBoundedByTheGracePeriod() throws Exception {
        start(local().toBuilder().shutdownGraceSeconds(1).build());
        McpTestClient client = McpTestClient.http(http.endpoint(), Map.of()).timeout(Duration.ofSeconds(20));
        client.initialize();
        CompletableFuture.runAsync(() -> {
            try {
                client.callTool("slow", Map.of());
            } catch (RuntimeException | AssertionError e) {
                // the server goes away under it
            }
        });
        assertThat(module.entered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        http.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
        client.close();
    }
}
