package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 2026-07-28 client that closes its stream cancels its request (issue 12, defect 5): the Gopher fetch in
 * flight is stopped and its connection closed, which the fake server sees.
 */
final class HttpCancellationTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final BurrowServer burrow = BurrowServer.builder()
            .module(BurrowServer.discoverModules().stream().filter(m -> m.name().equals("gopher")).findFirst()
                    .map(BurrowModule.class::cast).orElseThrow())
            .configSources(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                    "GOPHER_TIMEOUT_SECONDS", "30", "GOPHER_RESPECT_ROBOTS_TXT", "false")))
            .build();
    private final BurrowHttpServer http = BurrowHttpServer.start(burrow,
            HttpSettings.builder().port(0).heartbeatSeconds(1).build());

    @AfterEach
    void stop() {
        http.close();
        burrow.close();
        gopher.close();
    }

    @Test
    void aModernClientClosingItsStream_cancelsTheFetchInFlight() throws Exception {
        gopher.dispatcher(request -> GopherResponse.stall());
        ObjectNode msg = Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call");
        ObjectNode params = msg.putObject("params").put("name", "gopher_fetch");
        params.putObject("arguments").put("url", gopher.url('0', "/silent"));
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "cancel-test").put("version", "1");
        byte[] body = msg.toString().getBytes(StandardCharsets.UTF_8);
        int port = http.endpoint().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + http.endpoint().getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: gopher_fetch\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(gopher.takeRequest(Duration.ofSeconds(5))).as("the fetch started").isNotNull();
        } // the client goes away
        assertThat(gopher.awaitClientClosed(1, Duration.ofSeconds(5))).as("the fetch's connection was closed").isTrue();
    }
}
