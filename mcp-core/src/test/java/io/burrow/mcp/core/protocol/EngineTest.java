package io.burrow.mcp.core.protocol;

import static io.burrow.mcp.core.protocol.Wiretap.json;
import static io.burrow.mcp.core.protocol.Wiretap.modern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.Elicitation;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.PromptResult;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol engine over a connection: both generations, deadlines, cancellation, failures, questions. */
final class EngineTest {

    private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{}}";

    private final AtomicBoolean blockStopped = new AtomicBoolean();
    private final CountDownLatch blockStarted = new CountDownLatch(1);
    private final AtomicInteger runs = new AtomicInteger();
    private final BurrowServer server = BurrowServer.builder().module(new TestModule())
            .configSources(ConfigSources.empty().withEnv(Map.of("BURROW_REQUEST_TIMEOUT_SECONDS", "1",
                    "BURROW_PAGE_SIZE", "2")))
            .build();
    private final Wiretap wire = new Wiretap(server);

    @AfterEach
    void close() {
        wire.close();
        server.close();
    }

    private final class TestModule implements BurrowModule {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("echo").description("Echoes.").inputSchema(
                    "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
                    .outputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}")
                    .handler(call -> ToolResult.of(Map.of("text", call.args().string("text")))).build());
            out.tool(ToolDefinition.builder("block").description("Waits until cancelled.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        blockStarted.countDown();
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            blockStopped.set(call.cancellation().isCancelled());
                            Thread.currentThread().interrupt();
                        }
                        return ToolResult.of(null, "finished");
                    }).build());
            out.tool(ToolDefinition.builder("stubborn").description("Ignores interrupts.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                        while (System.nanoTime() < until) {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException e) {
                                // keeps going
                            }
                        }
                        return ToolResult.of(null, "late");
                    }).build());
            out.tool(ToolDefinition.builder("crash").description("Throws an Error.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        throw new InternalError("a fault occurred in a recent unsafe memory access /srv/zims/a.zim");
                    }).build());
            out.tool(ToolDefinition.builder("confirm").description("Asks the user.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        runs.incrementAndGet();
                        Elicitation e = call.elicit("Really?", json(
                                "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}"));
                        return ToolResult.of(null, "action=" + e.action() + " ok=" + e.content().path("ok"));
                    }).build());
            out.tool(ToolDefinition.builder("two_steps").description("Asks twice.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        String a = call.ask(ClientRequest.elicitation("first", "1?", json("{\"type\":\"object\"}")))
                                .map(n -> n.path("content").path("v").asText()).orElse("-");
                        String b = call.ask(ClientRequest.elicitation("second", "2?", json("{\"type\":\"object\"}")))
                                .map(n -> n.path("content").path("v").asText()).orElse("-");
                        return ToolResult.of(null, a + "+" + b);
                    }).build());
            out.resources(new ResourceProvider() {
                @Override
                public Set<String> schemes() {
                    return Set.of("t");
                }

                @Override
                public List<ResourceInfo> resources() {
                    return IntStream.range(0, 5).mapToObj(i -> new ResourceInfo("t://r" + i, "r" + i, null, null,
                            "text/plain", null)).toList();
                }

                @Override
                public ResourceData read(String uri, ReadLimits limits) {
                    if (uri.equals("t://r0")) {
                        return ResourceData.text(uri, "text/plain", "zero");
                    }
                    throw new io.burrow.mcp.core.NotFoundException("No resource " + uri);
                }
            });
            out.prompt(new PromptDefinition("ask", null, "Asks the user first.", List.of(), call -> {
                String v = call.ask(ClientRequest.elicitation("topic", "Topic?", json("{\"type\":\"object\"}")))
                        .map(n -> n.path("content").path("topic").asText()).orElse("none");
                return PromptResult.ofUserText(null, "topic=" + v);
            }));
        }
    }

    private ObjectNode initialize(String capabilities) throws InterruptedException {
        JsonNode r = wire.call("initialize", json("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":" + capabilities
                + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"));
        wire.notify("notifications/initialized", null);
        return (ObjectNode) r.get("result");
    }

    @Test
    void legacy_initialize_thenToolsAndCalls() throws Exception {
        ObjectNode init = initialize("{}");
        assertThat(init.path("protocolVersion").asText()).isEqualTo("2025-11-25");
        assertThat(init.path("capabilities").path("resources").path("subscribe").asBoolean()).isTrue();
        assertThat(init.path("serverInfo").path("name").asText()).isEqualTo("burrow");

        JsonNode list = wire.call("tools/list", null).get("result");
        assertThat(list.has("resultType")).isFalse();
        assertThat(list.path("tools").size()).isEqualTo(2); // page size 2
        assertThat(list.path("nextCursor").isTextual()).isTrue();

        JsonNode call = wire.call("tools/call", json("{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}"));
        assertThat(call.at("/result/structuredContent/text").asText()).isEqualTo("hi");
    }

    @Test
    void legacy_unknownVersion_isAnsweredWithTheLatest() throws Exception {
        JsonNode r = wire.call("initialize", json("{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{}}"));
        assertThat(r.at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void requestWithoutSessionOrMeta_isAnsweredWithWhatToDo() throws Exception {
        JsonNode r = wire.call("tools/list", null);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(r.at("/error/message").asText()).contains("initialize", "io.modelcontextprotocol/protocolVersion");
    }

    @Test
    void modern_sessionlessToolsList_isAnsweredWithCacheHints() throws Exception {
        JsonNode r = wire.call("tools/list", modern(null, "{}")).get("result");
        assertThat(r.path("resultType").asText()).isEqualTo("complete");
        assertThat(r.path("ttlMs").asLong()).isPositive();
        assertThat(r.path("cacheScope").asText()).isEqualTo("public");
        assertThat(r.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText()).isEqualTo("burrow");
    }

    @Test
    void modern_discover_listsBothGenerations() throws Exception {
        JsonNode r = wire.call("server/discover", modern(null, "{}")).get("result");
        assertThat(r.path("supportedVersions").toString()).contains("2026-07-28", "2025-11-25");
        assertThat(r.path("capabilities").has("tools")).isTrue();
        assertThat(r.path("instructions").asText()).isNotBlank();
    }

    @Test
    void modern_badMeta_isRefusedWithTheRightCodes() throws Exception {
        ObjectNode unknown = modern(null, "{}");
        ((ObjectNode) unknown.get("_meta")).put("io.modelcontextprotocol/protocolVersion", "2099-01-01");
        JsonNode r = wire.call("tools/list", unknown);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32022);
        assertThat(r.at("/error/data/supported").toString()).contains("2026-07-28");
        assertThat(r.at("/error/data/requested").asText()).isEqualTo("2099-01-01");

        ObjectNode noCaps = json("{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}");
        assertThat(wire.call("tools/list", noCaps).at("/error/code").asInt()).isEqualTo(-32602);

        ObjectNode badLevel = modern(null, "{}");
        ((ObjectNode) badLevel.get("_meta")).put("io.modelcontextprotocol/logLevel", "loud");
        assertThat(wire.call("tools/list", badLevel).at("/error/code").asInt()).isEqualTo(-32602);

        assertThat(wire.call("initialize", modern(null, "{}")).at("/error/code").asInt()).isEqualTo(-32601);
    }

    @Test
    void modern_unknownResource_isInvalidParams_legacyIsResourceNotFound() throws Exception {
        JsonNode m = wire.call("resources/read", modern(json("{\"uri\":\"t://nope\"}"), "{}"));
        assertThat(m.at("/error/code").asInt()).isEqualTo(-32602);
        initialize("{}");
        JsonNode l = wire.call("resources/read", json("{\"uri\":\"t://nope\"}"));
        assertThat(l.at("/error/code").asInt()).isEqualTo(-32002);
        assertThat(l.at("/error/data/code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void pagination_walksTheWholeList_andRefusesForgedCursors() throws Exception {
        initialize("{}");
        int seen = 0;
        String cursor = null;
        do {
            ObjectNode p = Json.object();
            if (cursor != null) {
                p.put("cursor", cursor);
            }
            JsonNode r = wire.call("resources/list", p).get("result");
            seen += r.path("resources").size();
            cursor = r.path("nextCursor").asText(null);
        } while (cursor != null);
        assertThat(seen).isEqualTo(5);
        assertThat(wire.call("resources/list", json("{\"cursor\":\"!!\"}")).at("/error/code").asInt()).isEqualTo(-32602);
    }

    @Test
    void anErrorThrownByATool_isAnsweredAsInternalError_withoutDetails() throws Exception {
        initialize("{}");
        JsonNode r = wire.call("tools/call", json("{\"name\":\"crash\"}"));
        assertThat(r.at("/result/isError").asBoolean()).isTrue();
        assertThat(r.at("/result/structuredContent/error/code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(r.toString()).doesNotContain("/srv", "InternalError", "unsafe");
    }

    @Test
    void aToolPastItsDeadline_isAnsweredWithTimeout_evenIfItIgnoresInterrupts() throws Exception {
        initialize("{}");
        long id = wire.send("tools/call", json("{\"name\":\"stubborn\"}"));
        JsonNode r = wire.response(id, Duration.ofMillis(2500));
        assertThat(r).as("answered within the 1 s deadline (plus slack), not after the tool's 3 s").isNotNull();
        assertThat(r.at("/result/structuredContent/error/code").asText()).isEqualTo("TIMEOUT");
        JsonNode late = wire.response(id, Duration.ofSeconds(3));
        assertThat(late).as("the late result is not sent as a second answer").isNull();
    }

    @Test
    void cancellation_stopsTheWork_andSendsNoAnswer() throws Exception {
        initialize("{}");
        long id = wire.send("tools/call", json("{\"name\":\"block\"}"));
        assertThat(blockStarted.await(5, TimeUnit.SECONDS)).isTrue();
        wire.notify("notifications/cancelled", json("{\"requestId\":" + id + ",\"reason\":\"user\"}"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!blockStopped.get() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(blockStopped).isTrue();
        assertThat(wire.response(id, Duration.ofMillis(1500))).isNull();
    }

    @Test
    void modern_cancellationOverStdio_stopsTheWork() throws Exception {
        long id = wire.send("tools/call", modern(json("{\"name\":\"block\"}"), "{}"));
        assertThat(blockStarted.await(5, TimeUnit.SECONDS)).isTrue();
        wire.notify("notifications/cancelled", json("{\"requestId\":" + id + "}"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!blockStopped.get() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(blockStopped).isTrue();
    }

    @Test
    void legacyElicitation_isAServerToClientRequest() throws Exception {
        initialize("{\"elicitation\":{}}");
        long id = wire.send("tools/call", json("{\"name\":\"confirm\"}"));
        JsonNode question = wire.next(m -> "elicitation/create".equals(m.path("method").asText()), Duration.ofSeconds(5));
        assertThat(question).isNotNull();
        assertThat(question.at("/params/message").asText()).isEqualTo("Really?");
        ObjectNode answer = json("{\"jsonrpc\":\"2.0\",\"result\":{\"action\":\"accept\",\"content\":{\"ok\":true}}}");
        answer.set("id", question.get("id"));
        wire.connection.receive(answer);
        assertThat(wire.response(id).at("/result/content/0/text").asText()).isEqualTo("action=ACCEPT ok=true");
    }

    @Test
    void legacyElicitation_withoutTheCapability_isUnsupported() throws Exception {
        initialize("{}");
        JsonNode r = wire.call("tools/call", json("{\"name\":\"confirm\"}"));
        assertThat(r.at("/result/content/0/text").asText()).startsWith("action=UNSUPPORTED");
    }

    @Test
    void modernElicitation_isAnInputRequiredResult_andTheRetryCompletes() throws Exception {
        JsonNode first = wire.call("tools/call", modern(json("{\"name\":\"confirm\"}"), "{\"elicitation\":{}}"))
                .get("result");
        assertThat(first.path("resultType").asText()).isEqualTo("input_required");
        assertThat(first.at("/inputRequests/confirm/method").asText()).isEqualTo("elicitation/create");
        assertThat(first.path("requestState").isTextual()).isTrue();

        ObjectNode retry = modern(json("{\"name\":\"confirm\"}"), "{\"elicitation\":{}}");
        retry.putObject("inputResponses").set("confirm", json("{\"action\":\"decline\"}"));
        retry.set("requestState", first.get("requestState"));
        JsonNode done = wire.call("tools/call", retry).get("result");
        assertThat(done.path("resultType").asText()).isEqualTo("complete");
        assertThat(done.at("/content/0/text").asText()).startsWith("action=DECLINE");
    }

    @Test
    void modernMultiRound_keepsEarlierAnswersSealed() throws Exception {
        JsonNode r1 = wire.call("tools/call", modern(json("{\"name\":\"two_steps\"}"), "{\"elicitation\":{}}"))
                .get("result");
        assertThat(r1.path("inputRequests").has("first")).isTrue();
        ObjectNode p2 = modern(json("{\"name\":\"two_steps\"}"), "{\"elicitation\":{}}");
        p2.putObject("inputResponses").set("first", json("{\"action\":\"accept\",\"content\":{\"v\":\"A\"}}"));
        p2.set("requestState", r1.get("requestState"));
        JsonNode r2 = wire.call("tools/call", p2).get("result");
        assertThat(r2.path("inputRequests").has("second")).isTrue();
        assertThat(r2.path("inputRequests").has("first")).isFalse();

        ObjectNode p3 = modern(json("{\"name\":\"two_steps\"}"), "{\"elicitation\":{}}");
        p3.putObject("inputResponses").set("second", json("{\"action\":\"accept\",\"content\":{\"v\":\"B\"}}"));
        p3.set("requestState", r2.get("requestState"));
        assertThat(wire.call("tools/call", p3).at("/result/content/0/text").asText()).isEqualTo("A+B");
    }

    @Test
    void tamperedOrForeignRequestState_isRefused() throws Exception {
        JsonNode r1 = wire.call("tools/call", modern(json("{\"name\":\"two_steps\"}"), "{\"elicitation\":{}}"))
                .get("result");
        String state = r1.path("requestState").asText();
        ObjectNode tampered = modern(json("{\"name\":\"two_steps\"}"), "{\"elicitation\":{}}");
        tampered.put("requestState", state.substring(0, state.length() - 2) + (state.endsWith("A") ? "BB" : "AA"));
        assertThat(wire.call("tools/call", tampered).at("/error/code").asInt()).isEqualTo(-32602);

        ObjectNode otherTool = modern(json("{\"name\":\"confirm\"}"), "{\"elicitation\":{}}");
        otherTool.put("requestState", state);
        JsonNode r = wire.call("tools/call", otherTool);
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.at("/error/message").asText()).contains("another request");
    }

    @Test
    void modernPrompt_canAskToo() throws Exception {
        JsonNode r1 = wire.call("prompts/get", modern(json("{\"name\":\"ask\"}"), "{\"elicitation\":{}}")).get("result");
        assertThat(r1.path("resultType").asText()).isEqualTo("input_required");
        ObjectNode p2 = modern(json("{\"name\":\"ask\"}"), "{\"elicitation\":{}}");
        p2.putObject("inputResponses").set("topic", json("{\"action\":\"accept\",\"content\":{\"topic\":\"owls\"}}"));
        p2.set("requestState", r1.get("requestState"));
        assertThat(wire.call("prompts/get", p2).at("/result/messages/0/content/text").asText()).isEqualTo("topic=owls");
    }

    @Test
    void subscriptionsListen_acknowledgesThenDeliversTaggedEvents_untilCancelled() throws Exception {
        long id = wire.send("subscriptions/listen", modern(json(
                "{\"notifications\":{\"resourcesListChanged\":true,\"toolsListChanged\":true}}"), "{}"));
        JsonNode ack = wire.next(m -> "notifications/subscriptions/acknowledged".equals(m.path("method").asText()),
                Duration.ofSeconds(5));
        assertThat(ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asLong()).isEqualTo(id);
        assertThat(ack.at("/params/notifications/resourcesListChanged").asBoolean()).isTrue();
        assertThat(ack.at("/params/notifications").has("toolsListChanged")).as("tools never change here").isFalse();

        server.endpoint().resourcesChanged();
        JsonNode event = wire.next(m -> "notifications/resources/list_changed".equals(m.path("method").asText()),
                Duration.ofSeconds(5));
        assertThat(event.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asLong()).isEqualTo(id);

        wire.notify("notifications/cancelled", json("{\"requestId\":" + id + "}"));
        server.endpoint().resourcesChanged();
        assertThat(wire.next(m -> "notifications/resources/list_changed".equals(m.path("method").asText()),
                Duration.ofMillis(500))).isNull();
    }

    @Test
    void malformedEnvelopes_areAnswered() throws Exception {
        wire.connection.receive(json("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}"));
        assertThat(wire.response(1).at("/error/code").asInt()).isEqualTo(-32600);
        wire.connection.receive(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":[1,2]}"));
        assertThat(wire.response(2).at("/error/code").asInt()).isEqualTo(-32602);
        wire.connection.receive(Json.array().add(1));
        JsonNode batch = wire.next(m -> m.has("error"), Duration.ofSeconds(5));
        assertThat(batch.at("/error/message").asText()).contains("batch");
    }

    @Test
    void aRequestIdStillRunning_cannotBeReused() throws Exception {
        initialize("{}");
        wire.connection.receive(json("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}"));
        assertThat(blockStarted.await(5, TimeUnit.SECONDS)).isTrue();
        wire.connection.receive(json("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}"));
        JsonNode r = wire.next(m -> m.path("id").asInt() == 77 && m.has("error"), Duration.ofSeconds(5));
        assertThat(r.at("/error/message").asText()).contains("still in use");
    }
}
