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
        assertThat(validator.validate(schema, Json.object().put("n", 1))).isNull();
        assertThat(validator.validate(schema, Json.object().put("n", "x"))).contains("/n");
        assertThat(validator.validate(schema, Json.object())).isNotNull();
    }

    @Test
    void argumentTrees_areValidatedEveryTime() {
        ObjectNode args = Json.object().put("n", 1);
        assertThat(validator.validate(schema, args)).isNull();

        args.put("n", "no longer a number");

        assertThat(validator.validate(schema, args)).isNotNull();
    }

    @Test
    void equalButDistinctSchemasAreCompiledSeparatelyAndAgree() {
        Map<String, Object> copy = Map.copyOf(schema);
        assertThat(validator.validate(copy, Json.object().put("n", "x"))).isNotNull();
        assertThat(validator.validate(schema, Json.object().put("n", 3))).isNull();
    }

    @Test
    void check_refusesASchemaThatDoesNotCompile() {
        assertThatThrownBy(() -> validator.check(Map.of("type", "object", "properties", 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberBeyondABound_isOutOfRangeWithTheBound_howeverLarge() throws Exception {
        Map<String, Object> bounded = Map.of("type", "object", "properties", Map.of(
                "limit", Map.of("type", "integer", "minimum", 1, "maximum", 100),
                "ratio", Map.of("type", "number", "exclusiveMinimum", 0, "exclusiveMaximum", 1)));
        for (String[] c : new String[][] {
            {"{\"limit\":4611686018427387904}", "/limit: 4611686018427387904 is out of range: must be at most 100"},
            {"{\"limit\":1e30}", "/limit: 1.0E30 is out of range: must be at most 100"},
            {"{\"limit\":101}", "/limit: 101 is out of range: must be at most 100"},
            {"{\"limit\":0}", "/limit: 0 is out of range: must be at least 1"},
            {"{\"limit\":-9223372036854775809}", "/limit: -9223372036854775809 is out of range: must be at least 1"},
            {"{\"ratio\":1}", "/ratio: 1 is out of range: must be less than 1"},
            {"{\"ratio\":0}", "/ratio: 0 is out of range: must be greater than 0"}}) {
            assertThat(validator.validate(bounded, Json.parse(c[0]))).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(validator.validate(bounded, Json.parse("{\"limit\":2.5}"))).doesNotContain("range");
        assertThat(validator.validate(bounded, Json.parse("{\"limit\":100.0}"))).isNull();
    }
}
