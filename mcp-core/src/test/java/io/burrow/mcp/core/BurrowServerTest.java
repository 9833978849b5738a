package io.burrow.mcp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

final class BurrowServerTest {

    static final class EchoModule implements BurrowModule {
        private final String name;
        private final String tool;

        EchoModule(String name, String tool) {
            this.name = name;
            this.tool = tool;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder(tool)
                    .description("Echoes its text.")
                    .inputSchema("""
                            {"type":"object","properties":{"text":{"type":"string","maxLength":10}},"required":["text"]}""")
                    .outputSchema("""
                            {"type":"object","properties":{"echoed_text":{"type":"string"}},"required":["echoed_text"]}""")
                    .handler(call -> {
                        String text = call.args().string("text");
                        if (text.equals("boom")) {
                            throw new IllegalStateException("secret internal detail /home/user/x");
                        }
                        if (text.equals("missing")) {
                            throw new NotFoundException("No such thing", "Try another");
                        }
                        return ToolResult.of(new Echo(text));
                    })
                    .build());
        }
    }

    record Echo(String echoedText) {
    }

    private static JsonNode structured(ObjectNode r) {
        return r.path("structuredContent");
    }

    @Test
    void callTool_returnsSnakeCaseStructuredContentAndText() {
        try (BurrowServer server = BurrowServer.builder().module(new EchoModule("echo", "echo")).build()) {
            ObjectNode r = server.callTool("echo", Json.object().put("text", "hi"));
            assertThat(r.path("isError").asBoolean()).isFalse();
            assertThat(structured(r).path("echoed_text").asText()).isEqualTo("hi");
            assertThat(r.path("content").get(0).path("text").asText()).contains("\"echoed_text\" : \"hi\"");
        }
    }

    @Test
    void callTool_invalidArguments_isStructuredInvalidRequest() {
        try (BurrowServer server = BurrowServer.builder().module(new EchoModule("echo", "echo")).build()) {
            ObjectNode r = server.callTool("echo", Json.object().put("text", 5));
            assertThat(r.path("isError").asBoolean()).isTrue();
            assertThat(structured(r).path("kind").asText()).isEqualTo("error");
            assertThat(structured(r).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void callTool_burrowException_keepsCodeAndHint() {
        try (BurrowServer server = BurrowServer.builder().module(new EchoModule("echo", "echo")).build()) {
            JsonNode s = structured(server.callTool("echo", Json.object().put("text", "missing")));
            assertThat(s.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
            assertThat(s.path("error").path("hint").asText()).isEqualTo("Try another");
        }
    }

    @Test
    void callTool_unexpectedException_leaksNothing() {
        try (BurrowServer server = BurrowServer.builder().module(new EchoModule("echo", "echo")).build()) {
            ObjectNode r = server.callTool("echo", Json.object().put("text", "boom"));
            assertThat(structured(r).path("error").path("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(r.toString()).doesNotContain("secret", "/home", "IllegalStateException");
        }
    }

    @Test
    void healthTool_isAlwaysPresent() {
        try (BurrowServer server = BurrowServer.builder().module(new EchoModule("echo", "echo")).build()) {
            JsonNode s = structured(server.callTool("health", null));
            assertThat(s.path("status").asText()).isEqualTo("ok");
            assertThat(s.path("modules").get(0).path("name").asText()).isEqualTo("echo");
        }
    }

    @Test
    void build_duplicateToolName_namesBothModules() {
        assertThatThrownBy(() -> BurrowServer.builder().module(new EchoModule("a", "same"))
                .module(new EchoModule("b", "same")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'same'").hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void advertisedOutputSchema_acceptsErrorResults() {
        try (BurrowServer server = BurrowServer.builder().module(new EchoModule("echo", "echo")).build()) {
            ObjectNode tool = server.advertisedTools().stream().filter(t -> t.path("name").asText().equals("echo"))
                    .findFirst().orElseThrow();
            assertThat(tool.path("outputSchema").has("anyOf")).isTrue();
            assertThat(tool.path("outputSchema").path("type").asText()).isEqualTo("object");
        }
    }
}
