package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SchemaValidatorTest {

    private final SchemaValidator validator = new SchemaValidator();
    private final Map<String, Object> schema = Map.of("type", "object",
            "properties", Map.of("n", Map.of("type", "integer")), "required", List.of("n"));

    @Test
    void validTree_hasNoProblems_invalidOnesNameTheLocation() {
        assertThat(validator.validate(schema, Json.plain().createObjectNode().put("n", 1))).isNull();
        assertThat(validator.validate(schema, Json.plain().createObjectNode().put("n", "x"))).contains("/n");
        assertThat(validator.validate(schema, Json.plain().createObjectNode())).isNotNull();
    }

    @Test
    void argumentTrees_areValidatedEveryTime() {
        ObjectNode args = Json.plain().createObjectNode().put("n", 1);
        assertThat(validator.validate(schema, args)).isNull();

        args.put("n", "no longer a number");

        assertThat(validator.validate(schema, args)).isNotNull();
    }

    @Test
    void equalButDistinctSchemasAreCompiledSeparatelyAndAgree() {
        Map<String, Object> copy = Map.copyOf(schema);
        assertThat(validator.validate(copy, Json.plain().createObjectNode().put("n", "x"))).isNotNull();
        assertThat(validator.validate(schema, Json.plain().createObjectNode().put("n", 3))).isNull();
    }

    @Test
    void check_refusesASchemaThatDoesNotCompile() {
        assertThatThrownBy(() -> validator.check(Map.of("type", "object", "properties", 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
