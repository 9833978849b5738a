package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.McpTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 4: 2025-11-25 sessions are capped and end when idle. On a71c437 a token holder opened
 * 2,000 sessions in 9 s and each lived until the SDK's 30-minute sweep; there was no setting for either.
 */
final class HttpSessionLimitTest {

    private static final String WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";

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

    private int start(HttpSettings settings) {
        http = BurrowHttpServer.start(burrow, settings);
        return http.port();
    }

    private RawHttp.Response post(String body, Map<String, String> headers) {
        return RawHttp.exchange(http.port(), RawHttp.post(http.port(), "/mcp", body, headers));
    }

    private static Map<String, String> in(String session) {
        return Map.of("Mcp-Session-Id", session);
    }

    /** The refusal of an initialize beyond the cap: 503 with a JSON-RPC error that says what and what to do. */
    private static void assertTooManySessions(RawHttp.Response r, int cap) {
        assertThat(r.status()).as("%s", r).isEqualTo(503);
        assertThat(r.header("Mcp-Session-Id")).isNull();
        JsonNode error = r.json().path("error");
        JsonAssert.that(r.json()).at("/id").isNumber(1);
        assertThat(error.path("code").asInt()).isEqualTo(ErrorBodies.TRANSPORT_ERROR);
        assertThat(error.path("message").asText()).contains("Too many sessions", Integer.toString(cap), "DELETE");
        assertThat(error.path("data").path("code").asText()).isEqualTo("TOO_MANY_SESSIONS");
        assertThat(error.path("data").path("status").asInt()).isEqualTo(503);
    }

    @Test
    void initializeBeyondTheCap_isRefusedClearly_existingSessionsServe_andADeleteFreesAPlace() {
        start(HttpSettings.builder().port(0).maxSessions(5).build());
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawHttp.Response r = post(Http.INIT, Map.of());
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            sessions.add(r.header("Mcp-Session-Id"));
        }

        assertTooManySessions(post(Http.INIT, Map.of()), 5);
        assertThat(http.sessions()).isEqualTo(5);
        for (String s : sessions) {
            assertThat(post(WHOAMI, in(s)).json().at("/result/structuredContent/client_id").asText())
                    .isEqualTo("ip:127.0.0.1");
        }
        try (McpTestClient modern = McpTestClient.http(http.endpoint(), Map.of()).modern()) {
            JsonAssert.that(modern.callTool("whoami", Map.of())).at("/structuredContent/client_id").isText("ip:127.0.0.1");
        }

        RawHttp.Response delete = RawHttp.exchange(http.port(), ("DELETE /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + http.port()
                + "\r\nMcp-Session-Id: " + sessions.get(0) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(delete.status()).isEqualTo(204);
        assertThat(post(WHOAMI, in(sessions.get(0))).status()).isEqualTo(404);
        assertThat(post(Http.INIT, Map.of()).status()).isEqualTo(200);
        assertTooManySessions(post(Http.INIT, Map.of()), 5);
    }

    @Test
    void aChurningClient_neverHoldsMoreThanTheCap() throws Exception {
        start(HttpSettings.builder().port(0).maxSessions(50).build());
        int created = 0;
        int refused = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 400; i++) {
            RawHttp.Response r = post(Http.INIT, Map.of());
            if (r.status() == 200) {
                created++;
            } else {
                assertTooManySessions(r, 50);
                refused++;
            }
            assertThat(http.sessions()).isLessThanOrEqualTo(50);
        }
        System.out.printf("session churn: 400 initialize in %d ms, %d sessions created, %d refused%n",
                (System.nanoTime() - t0) / 1_000_000, created, refused);
        assertThat(created).isEqualTo(50);
        assertThat(refused).isEqualTo(350);
    }

    @Test
    void idleSessionsEnd_busyAndUsedOnesLive() throws Exception {
        start(HttpSettings.builder().port(0).maxSessions(3).sessionIdleSeconds(5).build());
        String used = post(Http.INIT, Map.of()).header("Mcp-Session-Id");
        String idle = post(Http.INIT, Map.of()).header("Mcp-Session-Id");
        String busy = post(Http.INIT, Map.of()).header("Mcp-Session-Id");
        assertTooManySessions(post(Http.INIT, Map.of()), 3);
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> post("{\"jsonrpc\":\"2.0\",\"id\":3,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{}}}", in(busy)));
        assertThat(module.entered.await(5, TimeUnit.SECONDS)).isTrue();

        long until = System.nanoTime() + Duration.ofMillis(7500).toNanos();
        while (System.nanoTime() < until) {
            assertThat(post(WHOAMI, in(used)).status()).isEqualTo(200);
            Thread.sleep(1000);
        }

        RawHttp.Response gone = post(WHOAMI, in(idle));
        assertThat(gone.status()).as("%s", gone).isEqualTo(404);
        assertThat(gone.json().at("/error/code").asInt()).isEqualTo(ErrorBodies.SESSION_NOT_FOUND);
        assertThat(gone.json().at("/error/message").asText()).contains("initialize");
        assertThat(http.sessions()).isEqualTo(2);
        module.release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).json().at("/result/structuredContent/released").asBoolean()).isTrue();
        assertThat(post(WHOAMI, in(busy)).status()).as("the session whose call ran through the idle time").isEqualTo(200);
        assertThat(post(Http.INIT, Map.of()).status()).as("the expired session's place is free").isEqualTo(200);
    }

    @Test
    void idleTimeCounts_fromTheEndOfTheSessionsLastCallOrStream() throws Exception {
        int port = start(HttpSettings.builder().port(0).sessionIdleSeconds(5).heartbeatSeconds(1).build());
        String caller = post(Http.INIT, Map.of()).header("Mcp-Session-Id");
        String streamer = post(Http.INIT, Map.of()).header("Mcp-Session-Id");
        CompletableFuture<RawHttp.Response> slow = CompletableFuture.supplyAsync(() -> post("{\"jsonrpc\":\"2.0\",\"id\":3,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{}}}", in(caller)));
        assertThat(module.entered.await(5, TimeUnit.SECONDS)).isTrue();
        try (var stream = RawHttp.connect("127.0.0.1", port)) {
            stream.getOutputStream().write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: text/event-stream\r\n"
                    + "Mcp-Session-Id: " + streamer + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            Thread.sleep(6500); // longer than the idle time, with a call running in one session and a stream open in the other
        }
        module.release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);

        Thread.sleep(2500); // less than the idle time since the call ended and the stream closed; sweeps ran meanwhile
        assertThat(post(WHOAMI, in(caller)).status()).as("the session whose call just ended").isEqualTo(200);
        assertThat(post(WHOAMI, in(streamer)).status()).as("the session whose stream just closed").isEqualTo(200);
    }
}
