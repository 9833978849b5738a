package io.burrow.mcp.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The project's JSON, on two Jackson configurations that nobody can change: the mappers stay private and
 * only immutable readers, writers and trees are handed out.
 *
 * <ul>
 *   <li>plain: default naming; for the protocol, schemas and raw JSON ({@link #parse}, {@link #valueToTree},
 *       {@link #writer()}).
 *   <li>wire: snake_case keys and no {@code null} fields; for every structured result Burrow returns
 *       ({@code next_url}, {@code request_info}…), so records keep Java names ({@link #toTree},
 *       {@link #toMap}, {@link #wirePrettyWriter()}).
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

    private static final ObjectReader READER = PLAIN.reader();
    private static final ObjectWriter WRITER = PLAIN.writer();
    private static final ObjectWriter PRETTY = PLAIN.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter WIRE_PRETTY = WIRE.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The node factory, for values ({@code textNode}, {@code nullNode}…). */
    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    /** Parses JSON text into a tree. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return READER.readTree(text);
    }

    /** Parses UTF-8 JSON bytes into a tree. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return READER.readTree(bytes);
    }

    /** Parses {@code length} UTF-8 JSON bytes from {@code offset} into a tree. */
    public static JsonNode parse(byte[] bytes, int offset, int length) throws IOException {
        return READER.readTree(bytes, offset, length);
    }

    /** Parses a JSON stream into a tree (the stream is not closed). */
    public static JsonNode parse(InputStream in) throws IOException {
        return READER.readTree(in);
    }

    /** Parses a JSON file into a tree. */
    public static JsonNode parse(File file) throws IOException {
        return READER.readTree(java.nio.file.Files.readAllBytes(file.toPath()));
    }

    /**
     * Reads a JSON object as maps, lists and plain values ({@code String}, {@code Boolean}, numbers as Jackson reads
     * them, {@code null}), as {@code read(text, new TypeReference<Map<String, Object>>() {})} would, but through the
     * tree model: it needs none of Jackson's typed deserialisers (some 200 classes to load when a server starts).
     *
     * @throws JsonProcessingException if the text is not JSON, or not an object
     */
    public static Map<String, Object> readObject(String text) throws JsonProcessingException {
        JsonNode tree = parse(text);
        if (tree == null || !tree.isObject()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) plain(tree);
        return map;
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            java.util.List<Object> out = new java.util.ArrayList<>(node.size());
            node.forEach(n -> out.add(plain(n)));
            return out;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    /** Reads JSON text as a value of a type, default naming. */
    public static <T> T read(String text, TypeReference<T> type) throws JsonProcessingException {
        return READER.forType(type).readValue(text);
    }

    /** Reads JSON text as a value of a class, default naming. */
    public static <T> T read(String text, Class<T> type) throws JsonProcessingException {
        return READER.forType(type).readValue(text);
    }

    /** A value as a tree with default naming (schemas, arguments, raw maps). */
    @SuppressWarnings("unchecked")
    public static <T extends JsonNode> T valueToTree(Object value) {
        return (T) PLAIN.valueToTree(value);
    }

    /** A structured result as a JSON tree with snake_case keys. */
    @SuppressWarnings("unchecked")
    public static <T extends JsonNode> T toTree(Object value) {
        return (T) (value instanceof JsonNode n ? n : WIRE.valueToTree(value));
    }

    /** A structured result as a map with snake_case keys (what the SDK serialises). */
    public static Map<String, Object> toMap(Object value) {
        return PLAIN.convertValue(toTree(value), new TypeReference<Map<String, Object>>() { });
    }

    /** The plain reader (immutable; {@code forType}, {@code with…} derive others). */
    public static ObjectReader reader() {
        return READER;
    }

    /** The plain compact writer (immutable). */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /** The plain writer with indentation. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** The snake_case writer with indentation (stores and CLI output of records). */
    public static ObjectWriter wirePrettyWriter() {
        return WIRE_PRETTY;
    }
}
