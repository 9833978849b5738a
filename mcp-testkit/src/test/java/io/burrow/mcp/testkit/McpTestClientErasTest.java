package io.burrow.mcp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.Elicitation;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The harness speaks both protocol generations, questions to the user included, with the same test code. */
final class McpTestClientErasTest {

    /** A tool that asks the user for a name. */
    static final class AskModule implements BurrowModule {
        @Override
        public String name() {
            return "ask";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("greet").description("Asks the user's name, then greets them.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{}}")
                    .handler(call -> {
                        ObjectNode schema = Json.object().put("type", "object");
                        schema.putObject("properties").putObject("name").put("type", "string");
                        Elicitation e = call.elicit("Your name?", schema);
                        return ToolResult.of(null, e.accepted() ? "Hello, " + e.content().path("name").asText()
                                : "no answer: " + e.action());
                    }).build());
        }
    }

    @ParameterizedTest
    @EnumSource(McpTestClient.Era.class)
    void questionsAreAnswered_inBothGenerations(McpTestClient.Era era) {
        try (BurrowServer server = BurrowServer.builder().module(new AskModule()).build();
                McpTestClient client = McpTestClient.stdio(server).era(era)
                        .onRequest("elicitation/create", params -> Json.object()
                                .put("action", "accept").set("content",
                                        Json.object().put("name", "Ada")))) {
            client.initialize();
            ToolCallResult r = ToolCallResult.of(client.callTool("greet", Map.of()));
            assertThat(r.text()).isEqualTo("Hello, Ada");
        }
    }

    @ParameterizedTest
    @EnumSource(McpTestClient.Era.class)
    void aClientThatCannotAsk_getsUnsupported(McpTestClient.Era era) {
        try (BurrowServer server = BurrowServer.builder().module(new AskModule()).build();
                McpTestClient client = McpTestClient.stdio(server).era(era)) {
            client.initialize();
            assertThat(ToolCallResult.of(client.callTool("greet", Map.of())).text()).isEqualTo("no answer: UNSUPPORTED");
        }
    }
}
