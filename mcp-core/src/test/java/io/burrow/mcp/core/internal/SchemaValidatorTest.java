package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SchemaValidatorTest {

    private final SchemaValidator validator = new SchemaValidator(Json.plain());
    private final Map<String, Object> schema = Map.of("type", "object",
            "properties", Map.of("n", Map.of("type", "integer")), "required", List.of("n"));

    @Test
    void validatesTreesAndMaps() {
        assertThat(validator.validate(schema, Json.plain().createObjectNode().put("n", 1)).valid()).isTrue();
        assertThat(validator.validate(schema, Map.of("n", 2)).valid()).isTrue();
        var bad = validator.validate(schema, Map.of("n", "x"));
        assertThat(bad.valid()).isFalse();
        assertThat(bad.errorMessage()).contains("/n");
        assertThat(validator.validate(schema, Map.of()).valid()).isFalse();
    }

    @Test
    void aResultTreeThatPassedIsNotRevalidated_butOtherSchemasStillApply() {
        ObjectNode tree = Json.plain().createObjectNode().put("n", 1);
        Object result = new WireTrees.Serialized(tree, new WireTrees.Kept(new SerializedString(tree.toString())));
        assertThat(validator.validate(schema, result).valid()).isTrue();

        tree.put("n", "no longer a number"); // a kept result never changes; this shows the check is skipped

        assertThat(validator.validate(schema, result).valid()).isTrue();
        Map<String, Object> stricter = Map.of("type", "object", "required", List.of("m"));
        assertThat(validator.validate(stricter, result).valid()).isFalse();
    }

    @Test
    void argumentTrees_areValidatedEveryTime() {
        ObjectNode args = Json.plain().createObjectNode().put("n", 1);
        assertThat(validator.validate(schema, args).valid()).isTrue();

        args.put("n", "no longer a number");

        assertThat(validator.validate(schema, args).valid()).isFalse();
    }

    @Test
    void equalButDistinctSchemasAreCompiledSeparatelyAndAgree() {
        Map<String, Object> copy = Map.copyOf(schema);
        assertThat(validator.validate(copy, Map.of("n", "x")).valid()).isFalse();
        assertThat(validator.validate(schema, Map.of("n", 3)).valid()).isTrue();
    }

    @Test
    void schemaChecksStillRejectInvalidSchemas() {
        assertThat(validator.validateSchema(Map.of("$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", 5)).valid()).isFalse();
    }
}
