package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema 2020-12 validation of tool arguments and results, with compiled schemas cached by
 * identity. Tool schemas are built once and the same map instances are passed on every call, so the
 * lookup is a pointer comparison (the SDK's validator instead serialises the schema to a string key on
 * every call). Structured content that is already a JSON tree is validated as it is, and no JSON text
 * is produced for valid results (the dispatcher always supplies a text rendering itself). A result tree
 * that came back ({@link WireTrees}: modules keep cached results as immutable trees and return the same
 * instance on every hit) is not validated again against a schema it already passed.
 * Schema checks at registration are delegated to the SDK's validator.
 */
public final class SchemaValidator implements JsonSchemaValidator {

    private final ObjectMapper mapper;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
    private final Map<Map<String, Object>, Schema> compiled = Collections.synchronizedMap(new IdentityHashMap<>());
    private final DefaultJsonSchemaValidator schemaChecks;

    public SchemaValidator(ObjectMapper mapper) {
        this.mapper = mapper;
        this.schemaChecks = new DefaultJsonSchemaValidator(mapper);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object content) {
        if (schema == null || content == null) {
            throw new IllegalArgumentException("schema and content must not be null");
        }
        try {
            Schema s = compiled.get(schema);
            if (s == null) {
                if (compiled.size() > 1024) {
                    compiled.clear(); // callers passing fresh maps each time must not grow the cache without bound
                }
                s = registry.getSchema(mapper.valueToTree(schema));
                compiled.put(schema, s);
            }
            WireTrees.Kept kept = content instanceof WireTrees.Serialized w ? w.kept() : null;
            if (kept != null && kept.passed == schema) {
                return new ValidationResponse(true, null, null);
            }
            Object tree = WireTrees.tree(content);
            List<Error> errors = s.validate(tree instanceof JsonNode n ? n : mapper.valueToTree(tree));
            if (errors.isEmpty()) {
                if (kept != null) {
                    kept.passed = schema;
                }
                return new ValidationResponse(true, null, null);
            }
            StringBuilder m = new StringBuilder();
            for (Error e : errors.subList(0, Math.min(5, errors.size()))) {
                if (m.length() > 0) {
                    m.append("; ");
                }
                m.append(e.getInstanceLocation()).append(": ").append(e.getMessage());
            }
            return ValidationResponse.asInvalid(m.toString());
        } catch (RuntimeException e) {
            return ValidationResponse.asInvalid("schema validation failed");
        }
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return schemaChecks.validateSchema(schema);
    }
}
