package io.burrow.mcp.server.http.conformance;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.MissingClientCapabilityException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.Content;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.PromptResult;
import io.burrow.mcp.core.spi.RequestContext;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
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
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
    /** A WAV header with no samples. */
    static final byte[] WAV = new byte[] {
        'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
        0x40, 0x1f, 0, 0, (byte) 0x80, 0x3e, 0, 0, 2, 0, 16, 0, 'd', 'a', 't', 'a', 0, 0, 0, 0};

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
                .handler(call -> ToolResult.ofContent(List.of(new Content.Image("image/png", PNG))))
                .build());
        out.tool(tool("test_audio_content", "Returns audio.")
                .handler(call -> ToolResult.ofContent(List.of(new Content.Audio("audio/wav", WAV))))
                .build());
        out.tool(tool("test_embedded_resource", "Returns an embedded resource.")
                .handler(call -> ToolResult.ofContent(List.of(new Content.Resource(
                        ResourceData.text("test://embedded-resource", "text/plain",
                                "This is an embedded resource content.")))))
                .build());
        out.tool(tool("test_multiple_content_types", "Returns text, an image and an embedded resource.")
                .handler(call -> ToolResult.ofContent(List.of(
                        Content.text("Multiple content types test:"),
                        new Content.Image("image/png", PNG),
                        new Content.Resource(ResourceData.text(
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
                    JsonNode r = call.ask(sampling("sample", call.args().string("prompt"), 100))
                            .orElseThrow(() -> new MissingClientCapabilityException("sampling",
                                    "The client does not support sampling"));
                    return ToolResult.of(null, "LLM response: " + r.path("content").path("text").asText());
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
        modernTools(out);
        out.tool(ToolDefinition.builder("json_schema_2020_12_tool").description("Tool with JSON Schema 2020-12 features")
                .inputSchema("""
                        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                         "$defs":{"address":{"$anchor":"addressDef","type":"object",
                           "properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
                         "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},
                           "contactMethod":{"type":"string","enum":["phone","email"]},
                           "phone":{"type":"string"},"email":{"type":"string"}},
                         "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
                         "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
                         "then":{"required":["phone"]},"else":{"required":["email"]},
                         "additionalProperties":false}""")
                .handler(call -> ToolResult.of(null, "Received: " + call.arguments())).build());
        out.tool(ToolDefinition.builder("test_custom_headers").description("Echoes a region that clients mirror "
                        + "into the Mcp-Param-Region header (2026-07-28 x-mcp-header).")
                .inputSchema("""
                        {"type":"object","properties":{
                           "region":{"type":"string","x-mcp-header":"Region"},
                           "limit":{"type":"integer","x-mcp-header":"Limit"},
                           "query":{"type":"string"}},
                         "required":["region"]}""")
                .handler(call -> ToolResult.of(null, "region=" + call.args().string("region"))).build());
    }

    /** The fixtures of the 2026-07-28 scenarios (input-required results, capabilities, streams). */
    private static void modernTools(Contributions out) {
        out.tool(tool("test_input_required_result_elicitation", "Asks the user's name, then greets them.")
                .handler(call -> {
                    JsonNode a = ask(call, ClientRequest.elicitation("user_name", "What is your name?",
                            schema("name", "string")));
                    return ToolResult.of(null, "Hello, " + a.path("content").path("name").asText() + "!");
                }).build());
        out.tool(tool("test_input_required_result_sampling", "Asks the client's model a question.")
                .handler(call -> {
                    JsonNode a = ask(call, sampling("capital_question", "What is the capital of France?", 100));
                    return ToolResult.of(null, "The model said: " + a.path("content").path("text").asText());
                }).build());
        out.tool(tool("test_input_required_result_list_roots", "Asks for the client's roots.")
                .handler(call -> {
                    JsonNode a = ask(call, roots("client_roots"));
                    return ToolResult.of(null, "Roots: " + a.path("roots"));
                }).build());
        out.tool(tool("test_input_required_result_request_state", "Asks for a confirmation, sealed in request state.")
                .handler(call -> {
                    ask(call, ClientRequest.elicitation("confirm", "Please confirm", schema("ok", "boolean")));
                    return ToolResult.of(null, "state-ok: the request state was verified");
                }).build());
        out.tool(tool("test_input_required_result_multiple_inputs", "Asks three things at once.")
                .handler(call -> {
                    Map<String, ObjectNode> a = call.askAll(List.of(
                            ClientRequest.elicitation("user_name", "What is your name?", schema("name", "string")),
                            sampling("greeting", "Generate a greeting", 50), roots("client_roots")));
                    return ToolResult.of(null, "Got " + a.keySet());
                }).build());
        out.tool(tool("test_input_required_result_multi_round", "Asks a name, then a colour.")
                .handler(call -> {
                    JsonNode name = ask(call, ClientRequest.elicitation("step1", "Step 1: What is your name?",
                            schema("name", "string")));
                    JsonNode color = ask(call, ClientRequest.elicitation("step2", "Step 2: What is your favorite color?",
                            schema("color", "string")));
                    return ToolResult.of(null, name.path("content").path("name").asText() + " likes "
                            + color.path("content").path("color").asText());
                }).build());
        out.tool(tool("test_input_required_result_tampered_state", "Asks for a confirmation with sealed state.")
                .handler(call -> {
                    ask(call, ClientRequest.elicitation("confirm", "Please confirm", schema("ok", "boolean")));
                    return ToolResult.of(null, "confirmed");
                }).build());
        out.tool(tool("test_input_required_result_capabilities", "Asks only what the client can answer.")
                .handler(call -> {
                    Map<String, ObjectNode> a = call.askAll(List.of(
                            ClientRequest.elicitation("user_name", "What is your name?", schema("name", "string")),
                            sampling("greeting", "Generate a greeting", 50)));
                    return ToolResult.of(null, "Got " + a.keySet());
                }).build());
        out.tool(tool("test_missing_capability", "Needs the client's sampling capability.")
                .handler(call -> {
                    if (!call.clientSupports("sampling")) {
                        throw new MissingClientCapabilityException("sampling", "This tool needs sampling");
                    }
                    return ToolResult.of(null, "The client can sample");
                }).build());
        out.tool(tool("test_streaming_elicitation", "Asks the user a question.")
                .handler(call -> {
                    JsonNode a = ask(call, ClientRequest.elicitation("answer", "Anything to add?",
                            schema("text", "string")));
                    return ToolResult.of(null, "You said " + a.path("content").path("text").asText());
                }).build());
        out.tool(tool("test_logging_tool", "Logs while it runs.")
                .handler(call -> {
                    call.log(ToolCall.LogLevel.INFO, "logging tool started");
                    call.log(ToolCall.LogLevel.INFO, "logging tool finished");
                    return ToolResult.of(null, "logged");
                }).build());
        out.tool(tool("test_trigger_tool_change", "Would change the tool list (this server's tools are fixed).")
                .handler(call -> ToolResult.of(null, "The tool list of this server does not change")).build());
        out.tool(tool("test_trigger_prompt_change", "Would change the prompt list (this server's prompts are fixed).")
                .handler(call -> ToolResult.of(null, "The prompt list of this server does not change")).build());
    }

    /** Asks the client one thing the fixture cannot do without. */
    private static JsonNode ask(RequestContext call, ClientRequest request) {
        return call.ask(request).orElseThrow(() -> new MissingClientCapabilityException(request.capability(),
                "This tool needs the client's " + request.capability() + " capability"));
    }

    private static ToolResult elicit(ToolCall call, String message, Map<String, Object> schema, String prefix) {
        JsonNode r = call.ask(ClientRequest.elicitation("form", message, Json.valueToTree(schema)))
                .orElseThrow(() -> new MissingClientCapabilityException("elicitation",
                        "The client does not support elicitation"));
        return ToolResult.of(null, prefix + "action=" + r.path("action").asText() + ", content="
                + r.path("content"));
    }

    /** A {@code sampling/createMessage} request with one user message. */
    static ClientRequest sampling(String key, String text, int maxTokens) {
        ObjectNode params = Json.object();
        params.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text")
                .put("text", text);
        params.put("maxTokens", maxTokens);
        return new ClientRequest(key, ClientRequest.SAMPLE, params);
    }

    static ClientRequest roots(String key) {
        return new ClientRequest(key, ClientRequest.ROOTS, Json.object());
    }

    static ObjectNode schema(String property, String type) {
        ObjectNode s = Json.object().put("type", "object");
        s.putObject("properties").putObject(property).put("type", type);
        s.putArray("required").add(property);
        return s;
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
                call -> PromptResult.ofUserText(null, "This is a simple prompt for testing.")));
        out.prompt(new PromptDefinition("test_prompt_with_arguments", "Prompt with arguments",
                "A prompt with two required arguments",
                List.of(new PromptDefinition.Argument("arg1", "First test argument", true),
                        new PromptDefinition.Argument("arg2", "Second test argument", true)),
                call -> PromptResult.ofUserText(null, "Prompt with arguments: arg1='" + call.arguments().get("arg1")
                        + "', arg2='" + call.arguments().get("arg2") + "'")));
        out.prompt(new PromptDefinition("test_prompt_with_embedded_resource", "Prompt with an embedded resource",
                "A prompt embedding the resource it is given",
                List.of(new PromptDefinition.Argument("resourceUri", "URI of the resource to embed", true)),
                call -> new PromptResult(null, List.of(
                        new PromptResult.Message(PromptResult.Role.USER, new Content.Resource(ResourceData.text(
                                call.arguments().get("resourceUri"), "text/plain", "Embedded resource content for testing."))),
                        new PromptResult.Message(PromptResult.Role.USER,
                                Content.text("Please process the embedded resource above."))))));
        out.prompt(new PromptDefinition("test_prompt_with_image", "Prompt with an image", "A prompt with an image",
                List.of(), call -> new PromptResult(null, List.of(
                        new PromptResult.Message(PromptResult.Role.USER, new Content.Image("image/png", PNG)),
                        new PromptResult.Message(PromptResult.Role.USER,
                                Content.text("Please analyze the image above."))))));
        out.prompt(new PromptDefinition("test_input_required_result_prompt", "Prompt that asks for context",
                "A prompt that needs the user's context (2026-07-28 input-required result)", List.of(), call -> {
                    JsonNode answer = call.ask(ClientRequest.elicitation("user_context",
                            "What context should the prompt use?", schema("context", "string")))
                            .orElseThrow(() -> new MissingClientCapabilityException("elicitation", "Needs elicitation"));
                    return PromptResult.ofUserText(null, "Use this context: " + answer.path("content").path("context"));
                }));
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
                    return ResourceData.blob(uri, "image/png", PNG);
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
