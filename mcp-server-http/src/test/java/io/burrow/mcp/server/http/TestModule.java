package io.burrow.mcp.server.http;

import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools for HTTP tests: one that blocks until released, one that reports the caller's client id (and counts its calls). */
final class TestModule implements BurrowModule {

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    /** Calls of {@code whoami} so far: what reached a tool. */
    final AtomicInteger calls = new AtomicInteger();
    /** Why the module is not ready ({@code /readyz}), or {@code null} when it is. */
    volatile String notReady;

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        out.health(() -> {
            String reason = notReady;
            return reason == null ? Map.of() : Map.of("ready", false, "not_ready_reason", reason);
        });
        out.tool(ToolDefinition.builder("slow")
                .description("Blocks until the test releases it (at most 30 s).")
                .inputSchema("{\"type\":\"object\",\"properties\":{}}")
                .outputSchema("{\"type\":\"object\",\"properties\":{\"released\":{\"type\":\"boolean\"}}}")
                .handler(call -> {
                    entered.countDown();
                    try {
                        boolean released = release.await(30, TimeUnit.SECONDS);
                        return ToolResult.of(Map.of("released", released));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ToolResult.of(Map.of("released", false));
                    }
                })
                .build());
        out.tool(ToolDefinition.builder("greet")
                .description("Asks the user's name through the client, then greets them.")
                .inputSchema("{\"type\":\"object\",\"properties\":{}}")
                .handler(call -> {
                    com.fasterxml.jackson.databind.node.ObjectNode schema = io.burrow.mcp.core.json.Json.object().put("type", "object");
                    schema.putObject("properties").putObject("name").put("type", "string");
                    io.burrow.mcp.core.spi.Elicitation e = call.elicit("Your name?", schema);
                    return ToolResult.of(null, e.accepted() ? "Hello, " + e.content().path("name").asText()
                            : "no answer: " + e.action());
                })
                .build());
        out.tool(ToolDefinition.builder("whoami")
                .description("Returns the client id the core sees.")
                .inputSchema("{\"type\":\"object\",\"properties\":{}}")
                .outputSchema("{\"type\":\"object\",\"properties\":{\"client_id\":{\"type\":\"string\"}}}")
                .handler(call -> {
                    calls.incrementAndGet();
                    return ToolResult.of(Map.of("client_id", call.clientId()));
                })
                .build());
    }
}
