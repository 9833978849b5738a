package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class WireTreesTest {

    private final WireTrees wire = new WireTrees();

    private static McpSchema.CallToolResult result(Object structured) {
        return McpSchema.CallToolResult.builder().addTextContent("text \"quoted\"\nnext line").isError(false)
                .structuredContent(structured).build();
    }

    @Test
    void aWiredResult_serialisesExactlyAsTheOriginal() throws Exception {
        ObjectNode tree = Json.plain().createObjectNode().put("kind", "menu").put("title", "Zürich\n\"x\"\t\u0001");
        tree.putArray("items").addObject().put("port", 70).putNull("none");
        McpSchema.CallToolResult original = result(tree);

        McpSchema.CallToolResult wired = wire.wire(original);

        assertThat(wired.structuredContent()).isNotSameAs(tree);
        assertThat(Json.plain().writeValueAsString(wired)).isEqualTo(Json.plain().writeValueAsString(original));
        assertThat(wired.content()).isEqualTo(original.content());
        assertThat(WireTrees.tree(wired.structuredContent())).isSameAs(tree);
    }

    @Test
    void theSameTree_isSerialisedOnce_andAnEqualButOtherTreeAgain() {
        JsonNode tree = Json.plain().createObjectNode().put("a", 1);

        var first = (WireTrees.Serialized) wire.wire(result(tree)).structuredContent();
        var second = (WireTrees.Serialized) wire.wire(result(tree)).structuredContent();
        var other = (WireTrees.Serialized) wire.wire(result(tree.deepCopy())).structuredContent();

        assertThat(second.json()).isSameAs(first.json());
        assertThat(other.json()).isNotSameAs(first.json()).isEqualTo(first.json());
    }

    @Test
    void resultsWithoutATree_areLeftAlone() {
        McpSchema.CallToolResult plain = result(Map.of("a", 1));
        McpSchema.CallToolResult none = McpSchema.CallToolResult.builder().addTextContent("only text").build();

        assertThat(wire.wire(plain)).isSameAs(plain);
        assertThat(wire.wire(none)).isSameAs(none);
    }

    @Test
    void theValidator_checksTheTreeOfAWiredResult() {
        SchemaValidator validator = new SchemaValidator(Json.plain());
        Map<String, Object> schema = Map.of("type", "object", "required", java.util.List.of("a"));

        Object valid = wire.wire(result(Json.plain().createObjectNode().put("a", 1))).structuredContent();
        Object invalid = wire.wire(result(Json.plain().createObjectNode().put("b", 1))).structuredContent();

        assertThat(validator.validate(schema, valid).valid()).isTrue();
        assertThat(validator.validate(schema, invalid).valid()).isFalse();
    }
}
