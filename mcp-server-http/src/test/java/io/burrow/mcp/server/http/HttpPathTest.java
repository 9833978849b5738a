package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, defect 3: every request target is either the MCP endpoint, with every check of a POST to
 * {@code /mcp} (draining, counting in flight, the JSON-RPC envelope), or refused before MCP. On a71c437
 * {@code /./mcp} and {@code /healthz/../mcp} reached the SDK servlet past the gate's POST checks: served
 * while draining, not counted in flight, {@code params:[1,2]} answered 200 with an empty body,
 * {@code jsonrpc:"1.0"} answered. Also defect 8's wrong path carrying {@code Mcp-Session-Id}, which was
 * answered -32001 "Session not found".
 */
final class HttpPathTest {

    private static final String WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";
    private static final String JSONRPC_1 = "{\"jsonrpc\":\"1.0\",\"id\":8,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";
    private static final String PARAMS_ARRAY = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":[1,2]}";

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

    private int start() {
        http = BurrowHttpServer.start(burrow, HttpSettings.builder().port(0).shutdownGraceSeconds(20).build());
        return http.port();
    }

    /**
     * Request targets that name the endpoint only after decoding, normalising, case folding, or dropping
     * path parameters, a trailing slash or an empty segment. {@code PORT} is replaced by the server's port.
     */
    static Stream<String> nonCanonical() {
        return Stream.of("/./mcp", "/healthz/../mcp", "/readyz/../mcp", "/x/../mcp", "/mcp/.", "/mcp/x/..",
                "/%2e/mcp", "/%2E/mcp", "/.%2e/mcp", "/healthz/%2e%2e/mcp", "/healthz%2f..%2fmcp", "/%6dcp", "/%6Dcp",
                "/mc%70", "//mcp", "/mcp/", "/mcp//", "/MCP", "/Mcp", "/mcp;x=1", "/mcp;", "/;x/mcp", "/mcp;/",
                "/mcp%3b", "/mcp%2f", "/mcp%00", "/mcp%20", "/mcp%09", "/mcp/..;/mcp", "/healthz;/../mcp", "/mcp#x",
                "mcp", "*", "http://127.0.0.1:PORT/./mcp", "http://127.0.0.1:PORT/healthz/../mcp",
                "http://127.0.0.1:PORT//mcp", "http://127.0.0.1:PORT/MCP");
    }

    /** Spellings of the endpoint itself: a query, the absolute form (RFC 9112 3.2.2). */
    static Stream<String> canonical() {
        return Stream.of("/mcp", "/mcp?", "/mcp?x=1", "/mcp?x=/../healthz", "http://127.0.0.1:PORT/mcp",
                "http://127.0.0.1:PORT/mcp?x");
    }

    private static String target(String t, int port) {
        return t.replace("PORT", Integer.toString(port));
    }

    private static RawHttp.Response post(int port, String target, String body, Map<String, String> headers) {
        return RawHttp.exchange(port, RawHttp.post(port, target(target, port), body, headers));
    }

    /** A session opened at the literal endpoint. */
    private String session(int port) {
        RawHttp.Response init = post(port, "/mcp", Http.INIT, Map.of());
        assertThat(init.status()).as("%s", init).isEqualTo(200);
        return init.header("Mcp-Session-Id");
    }

    /** A refusal before MCP: 404 from the handler or 400 from Jetty's URI checks, as a sanitised envelope. */
    private static void assertRefusedBeforeMcp(RawHttp.Response r, String what) {
        assertThat(r.status()).as("%s: %s", what, r).isIn(400, 404);
        assertThat(r.header("Mcp-Session-Id")).as("%s: a session was created", what).isNull();
        assertThat(r.header("Content-Type")).as("%s", what).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.path("error").path("code").asInt()).as("%s: %s", what, r)
                .isEqualTo(r.status() == 404 ? ErrorBodies.TRANSPORT_ERROR : ErrorBodies.INVALID_REQUEST);
        assertThat(body.path("error").path("data").path("status").asInt()).isEqualTo(r.status());
        assertThat(r.body()).doesNotContain("Exception", "java.", "org.eclipse", "io.burrow");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonCanonical")
    void nonCanonicalTargets_areRefusedBeforeMcp(String target) {
        int port = start();
        String session = session(port);
        int sessions = http.sessions();

        for (String body : List.of(Http.INIT, WHOAMI, JSONRPC_1, PARAMS_ARRAY)) {
            assertRefusedBeforeMcp(post(port, target, body, Map.of()), target + " " + body);
            assertRefusedBeforeMcp(post(port, target, body, Map.of("Mcp-Session-Id", session)),
                    target + " in a session " + body);
        }
        assertRefusedBeforeMcp(RawHttp.exchange(port, ("GET " + target(target, port) + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session + "\r\n\r\n").getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1)), "GET " + target);

        assertThat(module.calls).as("tool calls that reached the server").hasValue(0);
        assertThat(http.sessions()).isEqualTo(sessions);
        assertThat(http.requestsInFlight()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonical")
    void theEndpointsOwnSpellings_getEveryCheckOfPostMcp(String target) {
        int port = start();
        String session = session(port);

        RawHttp.Response init = post(port, target, Http.INIT, Map.of());
        assertThat(init.status()).as("%s", init).isEqualTo(200);
        assertThat(init.header("Mcp-Session-Id")).isNotNull();

        RawHttp.Response call = post(port, target, WHOAMI, Map.of("Mcp-Session-Id", session));
        assertThat(call.status()).as("%s", call).isEqualTo(200);
        assertThat(call.json().path("result").path("structuredContent").path("client_id").asText()).isEqualTo("ip:127.0.0.1");

        RawHttp.Response v1 = post(port, target, JSONRPC_1, Map.of("Mcp-Session-Id", session));
        assertThat(v1.status()).as("%s", v1).isEqualTo(400);
        assertThat(v1.json().path("error").path("code").asInt()).isEqualTo(-32600);

        RawHttp.Response array = post(port, target, PARAMS_ARRAY, Map.of("Mcp-Session-Id", session));
        assertThat(array.status()).as("%s", array).isEqualTo(200);
        assertThat(array.json().path("id").asInt()).isEqualTo(9);
        assertThat(array.json().path("error").path("code").asInt()).isEqualTo(-32602);

        assertThat(module.calls).hasValue(1);
    }

    @Test
    void whileDraining_noSpellingOfTheEndpointServesACall() throws Exception {
        int port = start();
        String session = session(port);
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> post(port, "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{}}}",
                Map.of("Mcp-Session-Id", session)));
        assertThat(module.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(http.requestsInFlight()).isEqualTo(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(http::close);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (http.ready() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(http.ready()).isFalse();

        List<String> served = new ArrayList<>();
        for (String t : Stream.concat(canonical(), nonCanonical()).toList()) {
            RawHttp.Response r = post(port, t, WHOAMI, Map.of("Mcp-Session-Id", session));
            if (r.status() != 503 && r.status() != 404 && r.status() != 400) {
                served.add(t + " -> " + r);
            }
            if (canonical().anyMatch(t::equals)) {
                assertThat(r.status()).as("%s while draining: %s", t, r).isEqualTo(503);
            }
        }
        assertThat(served).isEmpty();
        assertThat(module.calls).hasValue(0);
        assertThat(closing).isNotDone();

        module.release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAbsoluteTargetNamingAnotherHost_isRefused() {
        int port = start();
        for (String authority : List.of("evil.example.com", "evil.example.com:" + port, "localhost:" + (port + 1))) {
            RawHttp.Response r = post(port, "http://" + authority + "/mcp", Http.INIT, Map.of());
            assertThat(r.status()).as("%s: %s", authority, r).isIn(400, 421);
            assertThat(r.header("Mcp-Session-Id")).isNull();
        }
        assertThat(http.sessions()).isZero();
    }

    @Test
    void aWrongPathCarryingASessionId_isNotFoundNotSessionNotFound() {
        int port = start();
        String session = session(port);
        for (String id : List.of(session, "no-such-session")) {
            for (String path : List.of("/nothing", "/mcp/", "/mcp/sessions")) {
                RawHttp.Response r = post(port, path, WHOAMI, Map.of("Mcp-Session-Id", id));
                assertThat(r.status()).as("%s", r).isEqualTo(404);
                assertThat(r.json().path("error").path("code").asInt()).as("%s", r).isEqualTo(ErrorBodies.TRANSPORT_ERROR);
                assertThat(r.json().path("error").path("message").asText()).doesNotContainIgnoringCase("session");
            }
        }
        RawHttp.Response unknown = post(port, "/mcp", WHOAMI, Map.of("Mcp-Session-Id", "no-such-session"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").path("code").asInt()).isEqualTo(ErrorBodies.SESSION_NOT_FOUND);
    }

    @Test
    void aTargetOrHeadersOverJettysLimits_areRefusedWithAnEnvelope() {
        int port = start();
        RawHttp.Response headers = post(port, "/mcp", Http.INIT, Map.of("X-Pad", "x".repeat(9000)));
        assertThat(headers.status()).as("%s", headers).isEqualTo(431);
        assertThat(headers.json().at("/error/code").asInt()).isEqualTo(ErrorBodies.TRANSPORT_ERROR);
        RawHttp.Response target = post(port, "/mcp?" + "x".repeat(9000), Http.INIT, Map.of());
        assertThat(target.status()).as("%s", target).isEqualTo(414);
        assertThat(target.json().at("/error/code").asInt()).isEqualTo(ErrorBodies.TRANSPORT_ERROR);
        assertThat(http.sessions()).isZero();
    }
}
