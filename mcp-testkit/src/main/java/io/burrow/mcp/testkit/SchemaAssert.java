package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.List;

/** Checks JSON values against JSON Schema 2020-12, for asserting results against advertised output schemas. */
public final class SchemaAssert {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());

    private SchemaAssert() {
    }

    /**
     * Asserts that {@code value} matches {@code schema}.
     *
     * @throws AssertionError naming the problems
     */
    public static void matches(JsonNode schema, JsonNode value) {
        List<Error> errors = REGISTRY.getSchema(schema).validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError("does not match the schema: " + errors + "\nvalue: " + value);
        }
    }
}
