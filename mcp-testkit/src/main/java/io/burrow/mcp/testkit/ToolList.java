package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Every tool a server lists (all pages of {@code tools/list}), in order.
 *
 * @param tools the {@code Tool} objects exactly as they travelled
 */
public record ToolList(List<JsonNode> tools) {

    public ToolList {
        tools = List.copyOf(tools);
    }

    /** The tool names, in order. */
    public List<String> names() {
        return tools.stream().map(t -> t.path("name").asText()).toList();
    }

    /** The tool called {@code name}, if listed. */
    public Optional<JsonNode> find(String name) {
        return tools.stream().filter(t -> name.equals(t.path("name").asText())).findFirst();
    }

    /** The tool called {@code name}; fails if it is not listed. */
    public JsonNode get(String name) {
        return find(name).orElseThrow(() -> new AssertionError("no tool " + name + " in " + names()));
    }

    /** How many tools. */
    public int size() {
        return tools.size();
    }
}
