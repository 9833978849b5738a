package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class SerializedTransportProviderTest {

    static final class Noop implements BurrowModule {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("noop").description("Does nothing.")
                    .inputSchema("{\"type\":\"object\"}").handler(call -> ToolResult.of(Map.of("ok", true))).build());
        }
    }

    @Test
    void concurrentResponses_overStdio_areAllDelivered() throws Exception {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 20);
        OutputStream serverOut = new PipedOutputStream(fromServer);
        try (BurrowServer server = BurrowServer.builder().module(new Noop()).build()) {
            McpSyncServer mcp = server.serve(new StdioServerTransportProvider(BurrowServer.jsonMapper(), serverIn,
                    serverOut));
            BufferedReader reader = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
            Set<String> ids = new HashSet<>();
            CountDownLatch all = new CountDownLatch(51);
            Thread readerThread = new Thread(() -> {
                try {
                    for (String line; (line = reader.readLine()) != null; ) {
                        var m = io.burrow.mcp.core.json.Json.plain().readTree(line);
                        if (m.has("id") && m.has("result")) {
                            synchronized (ids) {
                                ids.add(m.get("id").asText());
                            }
                            all.countDown();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            readerThread.setDaemon(true);
            readerThread.start();
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            for (int i = 1; i <= 50; i++) { // pipelined: their responses are emitted concurrently
                send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":\"c" + i + "\",\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"noop\",\"arguments\":{}}}");
            }
            assertThat(all.await(20, TimeUnit.SECONDS)).as("responses received: " + ids).isTrue();
            assertThat(ids).hasSize(51).contains("init", "c1", "c50");
            toServer.close();
            mcp.closeGracefully();
        }
    }

    @Test
    void sendMessage_neverRunsTwoEmissionsAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        io.modelcontextprotocol.spec.McpServerTransport fake = new io.modelcontextprotocol.spec.McpServerTransport() {
            @Override
            public reactor.core.publisher.Mono<Void> sendMessage(io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage m) {
                return reactor.core.publisher.Mono.fromRunnable(() -> { // emits on the subscribing thread, like the SDK
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    sent.incrementAndGet();
                });
            }

            @Override
            public <T> T unmarshalFrom(Object data, io.modelcontextprotocol.json.TypeRef<T> typeRef) {
                return null;
            }

            @Override
            public reactor.core.publisher.Mono<Void> closeGracefully() {
                return reactor.core.publisher.Mono.empty();
            }
        };
        SerializedTransportProvider.Serialized serialized = new SerializedTransportProvider.Serialized(fake);
        var note = new io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification("2.0", "x", null);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    serialized.sendMessage(note).block();
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(20_000);
        }
        assertThat(sent.get()).isEqualTo(200);
        assertThat(maxInFlight.get()).isEqualTo(1);
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
