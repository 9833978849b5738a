package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defects 2 and 6: clients that send slowly hold no thread and are cut off by the limits,
 * while {@code /healthz} and MCP keep answering. On a71c437, 200 connections sending a body at 1 byte/s
 * blocked the pool's threads, so every request failed, {@code /healthz} included, and connections
 * trickling their headers were held as long as they kept sending (each byte reset the idle timeout);
 * nothing limited the connections of one client.
 */
final class HttpSlowClientTest {

    /** More slow connections than the server has threads (200). */
    private static final int ATTACKERS = 250;
    private static final String WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";

    private final TestModule module = new TestModule();
    private final BurrowServer burrow = BurrowServer.builder().module(module).build();
    private BurrowHttpServer http;
    private SlowClients attack;

    @AfterEach
    void stop() {
        if (attack != null) {
            attack.close();
        }
        if (http != null) {
            http.close();
        }
        burrow.close();
    }

    private int start(HttpSettings settings) {
        http = BurrowHttpServer.start(burrow, settings);
        return http.port();
    }

    /** {@code /healthz} from {@code from} answers 200 within a second. */
    private void healthy(String from) {
        long t0 = System.nanoTime();
        RawHttp.Response r = RawHttp.exchange(from, http.port(), RawHttp.get(http.port(), "/healthz"),
                Duration.ofSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.status()).as("/healthz from %s: %s", from, r).isEqualTo(200);
        assertThat(took).as("/healthz from %s", from).isLessThan(Duration.ofSeconds(1));
    }

    /** An MCP session opens and a tool call is answered from {@code from}, within five seconds. */
    private void mcpServes(String from) {
        int port = http.port();
        RawHttp.Response init = RawHttp.exchange(from, port, RawHttp.post(port, "/mcp", Http.INIT, Map.of()),
                Duration.ofSeconds(5));
        assertThat(init.status()).as("initialize: %s", init).isEqualTo(200);
        RawHttp.Response call = RawHttp.exchange(from, port, RawHttp.post(port, "/mcp", WHOAMI,
                Map.of("Mcp-Session-Id", init.header("Mcp-Session-Id"))), Duration.ofSeconds(5));
        assertThat(call.json().at("/result/structuredContent/client_id").asText()).as("%s", call)
                .isEqualTo("ip:" + from);
    }

    @Test
    void slowBodies_holdNoThread_andAreCutOffAtTheBodyDeadline() throws Exception {
        int port = start(HttpSettings.builder().port(0).bodyTimeoutSeconds(2).maxConnectionsPerClient(1000)
                .maxConnections(1000).build());
        attack = new SlowClients(Duration.ofMillis(500));
        int length = 2000;
        for (int i = 0; i < ATTACKERS; i++) {
            assertThat(attack.open("127.0.0.1", port, SlowClients.postHead(port, length), SlowClients.body(length)))
                    .isTrue();
        }

        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            healthy("127.0.0.1");
            mcpServes("127.0.0.1");
        }

        assertThat(attack.awaitAllClosed(Duration.ofSeconds(8))).as("slow bodies still open after 8 s: %d",
                attack.open()).isTrue();
        assertThat(attack.longestLife()).isLessThan(Duration.ofSeconds(2 + 3));
        assertThat(attack.statuses()).as("first status each slow body got").containsOnlyKeys(408);
        healthy("127.0.0.1");
    }

    @Test
    void trickledHeaders_areCutOffAtTheHeaderTimeout() throws Exception {
        int port = start(HttpSettings.builder().port(0).headerTimeoutSeconds(2).maxConnectionsPerClient(1000)
                .maxConnections(1000).build());
        attack = new SlowClients(Duration.ofMillis(300));
        for (int i = 0; i < ATTACKERS; i++) {
            assertThat(attack.open("127.0.0.1", port, "", SlowClients.endlessHeaders(port))).isTrue();
        }

        for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            healthy("127.0.0.1");
            mcpServes("127.0.0.1");
        }

        // the sweep runs every second: closed within the timeout and a second, plus slack for a busy machine
        assertThat(attack.awaitAllClosed(Duration.ofSeconds(8))).as("trickling connections still open after 8 s: %d",
                attack.open()).isTrue();
        assertThat(attack.longestLife()).isLessThan(Duration.ofSeconds(2 + 1 + 2));
        healthy("127.0.0.1");
    }

    @Test
    void anIdleConnection_isClosedAtTheHeaderTimeout_aBusyOneIsNot() throws Exception {
        int port = start(HttpSettings.builder().port(0).headerTimeoutSeconds(2).shutdownGraceSeconds(5).build());
        try (var idle = RawHttp.connect("127.0.0.1", port); var busy = RawHttp.connect("127.0.0.1", port)) {
            idle.getOutputStream().write(RawHttp.get(port, "/healthz"));
            assertThat(RawHttp.read(idle, Duration.ofSeconds(5)).status()).isEqualTo(200);
            RawHttp.Response init = RawHttp.exchange(port, RawHttp.post(port, "/mcp", Http.INIT, Map.of()));
            busy.getOutputStream().write(RawHttp.post(port, "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{}}}",
                    Map.of("Mcp-Session-Id", init.header("Mcp-Session-Id"))));
            long t0 = System.nanoTime();
            assertThat(RawHttp.closedWithin(idle, Duration.ofSeconds(5))).as("idle keep-alive connection closed")
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(3500));
            assertThat(module.entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1500); // the call has now run past the header timeout
            module.release.countDown();
            RawHttp.Response slow = RawHttp.read(busy, Duration.ofSeconds(10));
            assertThat(slow.status()).as("%s", slow).isEqualTo(200);
            assertThat(slow.json().at("/result/structuredContent/released").asBoolean()).isTrue();
        }
    }

    @Test
    void connectionsBeyondTheCapOfOneClient_areClosedAtOnce_otherClientsAreServed() throws Exception {
        int port = start(HttpSettings.builder().port(0).maxConnectionsPerClient(5).headerTimeoutSeconds(30).build());
        attack = new SlowClients(Duration.ofMillis(200));
        for (int i = 0; i < 5; i++) {
            attack.open("127.0.0.2", port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n", "");
        }
        Thread.sleep(300);
        assertThat(attack.open()).as("connections within the cap stay open").isEqualTo(5);

        List<SlowClients.Conn> before = attack.connections();
        for (int i = 0; i < 20; i++) {
            attack.open("127.0.0.2", port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n", "");
        }
        Thread.sleep(1000);
        List<SlowClients.Conn> beyond = new ArrayList<>(attack.connections());
        beyond.removeAll(before);
        assertThat(beyond).as("connections beyond the cap").allSatisfy(c -> {
            assertThat(c.closed()).isTrue();
            assertThat(c.lifetime()).isLessThan(Duration.ofSeconds(1));
        });
        assertThat(before).noneMatch(SlowClients.Conn::closed);

        healthy("127.0.0.3");
        mcpServes("127.0.0.1");

        before.get(0).channel.close();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        RawHttp.Response again;
        do {
            Thread.sleep(50);
            again = RawHttp.exchange("127.0.0.2", port, RawHttp.get(port, "/healthz"), Duration.ofSeconds(2));
        } while (again.status() != 200 && System.nanoTime() < until);
        assertThat(again.status()).as("a place freed is taken again").isEqualTo(200);
    }
}
