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
    void aTreeSeenOnce_isLeftAlone_andOneThatComesBack_isWrittenFromItsKeptText() throws Exception {
        ObjectNode tree = Json.plain().createObjectNode().put("kind", "menu").put("title", "Zürich\n\"x\"\t\u0001");
        tree.putArray("items").addObject().put("port", 70).putNull("none");
        McpSchema.CallToolResult original = result(tree);

        McpSchema.CallToolResult first = wire.wire(original);
        McpSchema.CallToolResult second = wire.wire(original);

        assertThat(first).isSameAs(original);
        assertThat(second.structuredContent()).isInstanceOf(WireTrees.Serialized.class);
        assertThat(Json.plain().writeValueAsString(second)).isEqualTo(Json.plain().writeValueAsString(original));
        assertThat(second.content()).isEqualTo(original.content());
        assertThat(WireTrees.tree(second.structuredContent())).isSameAs(tree);
    }

    @Test
    void aTreeThatComesBack_isSerialisedOnce_andAnEqualButOtherTreeIsNot() {
        JsonNode tree = Json.plain().createObjectNode().put("a", 1);
        JsonNode other = tree.deepCopy();
        wire.wire(result(tree));
        wire.wire(result(other));

        var second = (WireTrees.Serialized) wire.wire(result(tree)).structuredContent();
        var third = (WireTrees.Serialized) wire.wire(result(tree)).structuredContent();
        var otherSecond = (WireTrees.Serialized) wire.wire(result(other)).structuredContent();

        assertThat(third.kept()).isSameAs(second.kept());
        assertThat(otherSecond.kept()).isNotSameAs(second.kept());
        assertThat(otherSecond.toString()).isEqualTo(second.toString());
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

        Object valid = twice(Json.plain().createObjectNode().put("a", 1));
        Object invalid = twice(Json.plain().createObjectNode().put("b", 1));

        assertThat(valid).isInstanceOf(WireTrees.Serialized.class);
        assertThat(validator.validate(schema, valid).valid()).isTrue();
        assertThat(validator.validate(schema, invalid).valid()).isFalse();
    }

    private Object twice(JsonNode tree) {
        wire.wire(result(tree));
        return wire.wire(result(tree)).structuredContent();
    }
}
