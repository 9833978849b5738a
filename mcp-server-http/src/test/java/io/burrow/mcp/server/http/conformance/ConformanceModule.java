package io.burrow.mcp.server.http.conformance;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixture tools, resources, template, prompts and completion that the MCP conformance suite
 * ({@code @modelcontextprotocol/conformance}, server scenarios) expects, contributed through Burrow's
 * own module SPI so that the suite exercises the core assembly and the production HTTP stack.
 */
public final class ConformanceModule implements BurrowModule {

    /** A 1×1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A WAV header with no samples. */
    static final String WAV = Base64.getEncoder().encodeToString(new byte[] {
        'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
        0x40, 0x1f, 0, 0, (byte) 0x80, 0x3e, 0, 0, 2, 0, 16, 0, 'd', 'a', 't', 'a', 0, 0, 0, 0});

    private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{}}";
    private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/]+)/data");

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        out.instructions("Conformance fixture: the tools, resources and prompts the MCP conformance suite expects.");
        tools(out);
        out.resources(new Resources());
        prompts(out);
        out.completion(CompletionDefinition.forPrompt("test_prompt_with_arguments", (argument, prefix, ctx) ->
                List.of("paris", "park", "party").stream().filter(v -> v.startsWith(prefix)).toList()));
    }

    private static ToolDefinition.Builder tool(String name, String description) {
        return ToolDefinition.builder(name).description(description).inputSchema(NO_ARGS);
    }

    private static void tools(Contributions out) {
        out.tool(tool("test_simple_text", "Returns a simple text.")
                .handler(call -> ToolResult.of(null, "This is a simple text response for testing.")).build());
        out.tool(tool("test_image_content", "Returns an image.")
                .handler(call -> ToolResult.ofContent(List.of(new McpSchema.ImageContent(null, PNG, "image/png"))))
                .build());
        out.tool(tool("test_audio_content", "Returns audio.")
                .handler(call -> ToolResult.ofContent(List.of(new McpSchema.AudioContent(null, WAV, "audio/wav"))))
                .build());
        out.tool(tool("test_embedded_resource", "Returns an embedded resource.")
                .handler(call -> ToolResult.ofContent(List.of(new McpSchema.EmbeddedResource(null,
                        new McpSchema.TextResourceContents("test://embedded-resource", "text/plain",
                                "This is an embedded resource content.")))))
                .build());
        out.tool(tool("test_multiple_content_types", "Returns text, an image and an embedded resource.")
                .handler(call -> ToolResult.ofContent(List.of(
                        new McpSchema.TextContent("Multiple content types test:"),
                        new McpSchema.ImageContent(null, PNG, "image/png"),
                        new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                                "test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}")))))
                .build());
        out.tool(tool("test_tool_with_logging", "Sends three log messages while it runs.")
                .handler(call -> {
                    call.log(ToolCall.LogLevel.INFO, "Tool execution started");
                    pause(50);
                    call.log(ToolCall.LogLevel.INFO, "Tool processing data");
                    pause(50);
                    call.log(ToolCall.LogLevel.INFO, "Tool execution completed");
                    return ToolResult.of(null, "Tool with logging executed successfully");
                }).build());
        out.tool(tool("test_error_handling", "Always fails.")
                .handler(call -> {
                    throw new BurrowException(ErrorCodes.INVALID_REQUEST,
                            "This tool intentionally returns an error for testing");
                }).build());
        out.tool(tool("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100.")
                .handler(call -> {
                    call.progress(0, 100.0, "started");
                    pause(50);
                    call.progress(50, 100.0, "half way");
                    pause(50);
                    call.progress(100, 100.0, "done");
                    return ToolResult.of(null, "Tool with progress executed successfully");
                }).build());
        out.tool(ToolDefinition.builder("test_sampling").description("Asks the client's LLM to answer a prompt.")
                .inputSchema("{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\"}},\"required\":[\"prompt\"]}")
                .handler(call -> {
                    McpSyncServerExchange exchange = exchange(call);
                    if (exchange.getClientCapabilities() == null || exchange.getClientCapabilities().sampling() == null) {
                        throw new BurrowException(ErrorCodes.INVALID_REQUEST, "The client does not support sampling");
                    }
                    McpSchema.CreateMessageResult r = exchange.createMessage(McpSchema.CreateMessageRequest.builder(
                            List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                    new McpSchema.TextContent(call.args().string("prompt")))), 100).build());
                    String text = r.content() instanceof McpSchema.TextContent t ? t.text() : String.valueOf(r.content());
                    return ToolResult.of(null, "LLM response: " + text);
                }).build());
        out.tool(ToolDefinition.builder("test_elicitation").description("Asks the user for a name and an e-mail address.")
                .inputSchema("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}")
                .handler(call -> elicit(call, call.args().string("message"), Map.of(
                        "type", "object",
                        "properties", Map.of(
                                "username", Map.of("type", "string", "description", "User's response"),
                                "email", Map.of("type", "string", "description", "User's email address")),
                        "required", List.of("username", "email")), "User response: "))
                .build());
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("name", Map.of("type", "string", "default", "John Doe"));
        defaults.put("age", Map.of("type", "integer", "default", 30));
        defaults.put("score", Map.of("type", "number", "default", 95.5));
        defaults.put("status", Map.of("type", "string", "enum", List.of("active", "inactive", "pending"),
                "default", "active"));
        defaults.put("verified", Map.of("type", "boolean", "default", true));
        out.tool(tool("test_elicitation_sep1034_defaults", "Elicitation with defaults for every primitive type.")
                .handler(call -> elicit(call, "Please review and update the form fields with defaults",
                        Map.of("type", "object", "properties", defaults), "Elicitation completed: "))
                .build());
        Map<String, Object> enums = new LinkedHashMap<>();
        enums.put("untitledSingle", Map.of("type", "string", "enum", List.of("option1", "option2", "option3")));
        enums.put("titledSingle", Map.of("type", "string", "oneOf", List.of(
                Map.of("const", "value1", "title", "First Option"),
                Map.of("const", "value2", "title", "Second Option"),
                Map.of("const", "value3", "title", "Third Option"))));
        enums.put("legacyEnum", Map.of("type", "string", "enum", List.of("opt1", "opt2", "opt3"),
                "enumNames", List.of("Option One", "Option Two", "Option Three")));
        enums.put("untitledMulti", Map.of("type", "array",
                "items", Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        enums.put("titledMulti", Map.of("type", "array", "items", Map.of("anyOf", List.of(
                Map.of("const", "value1", "title", "First Choice"),
                Map.of("const", "value2", "title", "Second Choice"),
                Map.of("const", "value3", "title", "Third Choice")))));
        out.tool(tool("test_elicitation_sep1330_enums", "Elicitation with every enum form.")
                .handler(call -> elicit(call, "Please select options from the enum fields",
                        Map.of("type", "object", "properties", enums), "Elicitation completed: "))
                .build());
        out.tool(ToolDefinition.builder("json_schema_2020_12_tool").description("Tool with JSON Schema 2020-12 features")
                .inputSchema("""
                        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                         "$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
                         "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},
                         "additionalProperties":false}""")
                .handler(call -> ToolResult.of(null, "Received: " + call.arguments())).build());
    }

    private static ToolResult elicit(ToolCall call, String message, Map<String, Object> schema, String prefix) {
        McpSyncServerExchange exchange = exchange(call);
        if (exchange.getClientCapabilities() == null || exchange.getClientCapabilities().elicitation() == null) {
            throw new BurrowException(ErrorCodes.INVALID_REQUEST, "The client does not support elicitation");
        }
        McpSchema.ElicitResult r = exchange.createElicitation(McpSchema.ElicitRequest.builder(message, schema).build());
        String content;
        try {
            content = Json.plain().writeValueAsString(r.content());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            content = String.valueOf(r.content());
        }
        return ToolResult.of(null, prefix + "action=" + r.action().name().toLowerCase(java.util.Locale.ROOT)
                + ", content=" + content);
    }

    private static McpSyncServerExchange exchange(ToolCall call) {
        return call.exchange().orElseThrow(() -> new BurrowException(ErrorCodes.INVALID_REQUEST,
                "This tool needs a stateful session (it calls back to the client)"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void prompts(Contributions out) {
        out.prompt(new PromptDefinition("test_simple_prompt", "Simple prompt", "A prompt without arguments", List.of(),
                args -> new McpSchema.GetPromptResult(null, List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
                        new McpSchema.TextContent("This is a simple prompt for testing."))))));
        out.prompt(new PromptDefinition("test_prompt_with_arguments", "Prompt with arguments",
                "A prompt with two required arguments",
                List.of(new PromptDefinition.Argument("arg1", "First test argument", true),
                        new PromptDefinition.Argument("arg2", "Second test argument", true)),
                args -> new McpSchema.GetPromptResult(null, List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
                        new McpSchema.TextContent("Prompt with arguments: arg1='" + args.get("arg1") + "', arg2='"
                                + args.get("arg2") + "'"))))));
        out.prompt(new PromptDefinition("test_prompt_with_embedded_resource", "Prompt with an embedded resource",
                "A prompt embedding the resource it is given",
                List.of(new PromptDefinition.Argument("resourceUri", "URI of the resource to embed", true)),
                args -> new McpSchema.GetPromptResult(null, List.of(
                        new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.EmbeddedResource(null,
                                new McpSchema.TextResourceContents(args.get("resourceUri"), "text/plain",
                                        "Embedded resource content for testing."))),
                        new McpSchema.PromptMessage(McpSchema.Role.USER,
                                new McpSchema.TextContent("Please process the embedded resource above."))))));
        out.prompt(new PromptDefinition("test_prompt_with_image", "Prompt with an image", "A prompt with an image",
                List.of(), args -> new McpSchema.GetPromptResult(null, List.of(
                        new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.ImageContent(null, PNG, "image/png")),
                        new McpSchema.PromptMessage(McpSchema.Role.USER,
                                new McpSchema.TextContent("Please analyze the image above."))))));
    }

    /** The {@code test://} resources. */
    private static final class Resources implements ResourceProvider {

        @Override
        public Set<String> schemes() {
            return Set.of("test");
        }

        @Override
        public List<ResourceInfo> resources() {
            return List.of(
                    new ResourceInfo("test://static-text", "static-text", "Static text", "A static text resource",
                            "text/plain", null),
                    new ResourceInfo("test://static-binary", "static-binary", "Static binary", "A static PNG image",
                            "image/png", null),
                    new ResourceInfo("test://watched-resource", "watched-resource", "Watched resource",
                            "A resource clients may subscribe to", "text/plain", null));
        }

        @Override
        public List<ResourceTemplateInfo> templates() {
            return List.of(new ResourceTemplateInfo("test://template/{id}/data", "template", "Template resource",
                    "Data for an id", "application/json"));
        }

        @Override
        public ResourceData read(String uri, ReadLimits limits) {
            switch (uri) {
                case "test://static-text":
                    return ResourceData.text(uri, "text/plain", "This is the content of the static text resource.");
                case "test://static-binary":
                    return ResourceData.blob(uri, "image/png", Base64.getDecoder().decode(PNG));
                case "test://watched-resource":
                    return ResourceData.text(uri, "text/plain", "Watched resource content.");
                default:
                    Matcher m = TEMPLATE.matcher(uri);
                    if (m.matches()) {
                        String id = m.group(1);
                        return ResourceData.text(uri, "application/json",
                                "{\"id\":\"" + id.replace("\"", "") + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                                        + id.replace("\"", "") + "\"}");
                    }
                    throw new NotFoundException("No test resource " + uri);
            }
        }
    }
}
