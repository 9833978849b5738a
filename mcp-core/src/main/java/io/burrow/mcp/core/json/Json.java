package io.burrow.mcp.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The project's two Jackson configurations.
 *
 * <ul>
 *   <li>{@link #plain()}: default naming; for the MCP SDK, schemas and raw JSON.
 *   <li>{@link #wire()}: snake_case keys and no {@code null} fields; for every structured result
 *       Burrow returns ({@code next_url}, {@code request_info}…), so records keep Java names.
 * </ul>
 */
public final class Json {

    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final ObjectMapper WIRE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** Default-naming mapper. */
    public static ObjectMapper plain() {
        return PLAIN;
    }

    /** snake_case mapper for structured results. */
    public static ObjectMapper wire() {
        return WIRE;
    }

    /** A structured result as a JSON tree with snake_case keys. */
    public static JsonNode toTree(Object value) {
        return value instanceof JsonNode n ? n : WIRE.valueToTree(value);
    }

    /** A structured result as a map with snake_case keys (what the SDK serialises). */
    public static Map<String, Object> toMap(Object value) {
        return PLAIN.convertValue(toTree(value), new TypeReference<Map<String, Object>>() { });
    }
}
