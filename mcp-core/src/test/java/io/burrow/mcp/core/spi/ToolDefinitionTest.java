package io.burrow.mcp.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.burrow.mcp.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ToolDefinitionTest {

    private static final String SCHEMA = """
            {"type":"object","properties":{"n":{"type":"integer","minimum":-3,"maximum":4294967296,
            "multipleOf":0.5,"default":12345678901234567890123},"flag":{"type":"boolean","default":false},
            "tags":{"type":"array","items":{"enum":["a",null,1.25e3]}}},"required":["n"],
            "additionalProperties":false}""";

    @Test
    void schemaText_readsAsJacksonsUntypedReadingDoes() throws Exception {
        ToolDefinition t = ToolDefinition.builder("t").description("d").inputSchema(SCHEMA)
                .handler(call -> ToolResult.of(Map.of())).build();
        ToolDefinition jackson = ToolDefinition.builder("t").description("d")
                .inputSchema(Json.read(SCHEMA, new TypeReference<Map<String, Object>>() { }))
                .handler(call -> ToolResult.of(Map.of())).build();
        assertThat(t.inputSchema()).isEqualTo(jackson.inputSchema());
        assertThat(t.inputSchema().toString()).isEqualTo(jackson.inputSchema().toString());
        assertThat(Json.writer().writeValueAsString(t.inputSchema()))
                .isEqualTo(Json.writer().writeValueAsString(jackson.inputSchema()));
    }

    @Test
    void schemaText_thatIsNoObject_isRefused() {
        assertThatThrownBy(() -> ToolDefinition.builder("t").inputSchema("[1]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ToolDefinition.builder("t").inputSchema("{\"type\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }
}
