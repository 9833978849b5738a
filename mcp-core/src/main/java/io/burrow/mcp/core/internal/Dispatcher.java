package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tools, reads resources, renders prompts and computes completions, independent of the
 * transport. This is the server edge: every {@link BurrowException} becomes an error result (tools)
 * or a sanitised JSON-RPC error (everything else), and any other exception becomes
 * {@code INTERNAL_ERROR} with its details logged to stderr only.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):.*", Pattern.DOTALL);

    /** JSON-RPC code for "resource not found". */
    static final int RESOURCE_NOT_FOUND = -32002;

    private final Registry registry;
    private final JsonSchemaValidator validator;
    private final ReadLimits readLimits;
    private final Map<String, Map<String, Object>> outputSchemas = new LinkedHashMap<>();

    public Dispatcher(Registry registry, JsonSchemaValidator validator, long maxResourceBytes) {
        this.registry = registry;
        this.validator = validator;
        this.readLimits = new ReadLimits(maxResourceBytes);
        registry.tools().forEach((name, owned) -> {
            Map<String, Object> out = owned.value().outputSchema();
            if (out != null) {
                outputSchemas.put(name, ErrorSchema.withErrorBranch(out));
            }
        });
    }

    /** Where a call came from. */
    public record Origin(McpSyncServerExchange exchange, McpTransportContext transport, Object progressToken) {

        /** An in-process call without a client. */
        public static Origin local() {
            return new Origin(null, McpTransportContext.EMPTY, null);
        }
    }

    // ---- tools ----------------------------------------------------------------------------------

    /** The tools as advertised by {@code tools/list}. */
    public List<McpSchema.Tool> sdkTools() {
        List<McpSchema.Tool> out = new ArrayList<>();
        registry.tools().forEach((name, owned) -> {
            ToolDefinition t = owned.value();
            McpSchema.Tool.Builder b = McpSchema.Tool.builder().name(t.name()).title(t.title())
                    .description(t.description()).inputSchema(t.inputSchema())
                    .annotations(McpSchema.ToolAnnotations.builder().title(t.title())
                            .readOnlyHint(t.hints().readOnly()).destructiveHint(t.hints().destructive())
                            .idempotentHint(t.hints().idempotent()).openWorldHint(t.hints().openWorld()).build());
            if (outputSchemas.containsKey(name)) {
                b.outputSchema(outputSchemas.get(name));
            }
            out.add(b.build());
        });
        return out;
    }

    /** Calls a tool; never throws. */
    public McpSchema.CallToolResult callTool(String name, Map<String, Object> arguments, Origin origin) {
        Registry.Owned<ToolDefinition> owned = registry.tools().get(name);
        if (owned == null) {
            return errorResult(new NotFoundException("Unknown tool '" + name + "'",
                    "Available tools: " + String.join(", ", registry.tools().keySet())));
        }
        ToolDefinition tool = owned.value();
        try {
            ObjectNode args = arguments == null ? Json.plain().createObjectNode()
                    : Json.plain().valueToTree(arguments);
            JsonSchemaValidator.ValidationResponse v = validator.validate(tool.inputSchema(), args);
            if (!v.valid()) {
                throw new InvalidRequestException("Invalid arguments for " + name + ": " + cleanValidation(v.errorMessage()),
                        "Check the tool's input schema with tools/list.");
            }
            ToolResult result = tool.handler().call(new Call(name, args, origin));
            if (result == null) {
                throw new IllegalStateException("tool " + name + " returned null");
            }
            return toSdk(name, result);
        } catch (BurrowException e) {
            if (e.getCause() != null) {
                LOG.debug("tool {} failed with {}", name, e.code(), e.getCause());
            }
            return errorResult(e);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("tool {} failed", name, e);
            return errorResult(internal());
        }
    }

    private static String cleanValidation(String message) {
        if (message == null) {
            return "invalid";
        }
        String m = message.replace("Validation failed: structuredContent does not match tool outputSchema.", "")
                .replace("\n", "; ").trim();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    private McpSchema.CallToolResult toSdk(String name, ToolResult result) {
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().isError(result.error());
        Object structured = result.structured();
        JsonNode tree = structured == null ? null : Json.toTree(structured);
        String text = result.text();
        if (text == null && tree != null) {
            text = pretty(tree);
        }
        if (text != null) {
            b.addTextContent(text);
        }
        result.content().forEach(b::addContent);
        if (tree != null && (outputSchemas.containsKey(name) || result.error())) {
            b.structuredContent(tree); // a tree: serialised and validated as is, no conversion
        }
        return b.build();
    }

    /** The error result of a failure: structured {@code {"kind":"error",…}} plus a text rendering. */
    public static McpSchema.CallToolResult errorResult(BurrowException e) {
        StringBuilder text = new StringBuilder("Error ").append(e.code()).append(": ").append(e.getMessage());
        if (e.hint() != null) {
            text.append("\nHint: ").append(e.hint());
        }
        return McpSchema.CallToolResult.builder().isError(true).addTextContent(text.toString())
                .structuredContent(Json.toTree(e.toResultBody())).build();
    }

    static BurrowException internal() {
        return new BurrowException(ErrorCodes.INTERNAL_ERROR, "Internal error", "The server log has the details.");
    }

    private static String pretty(JsonNode tree) {
        try {
            return Json.plain().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return tree.toString();
        }
    }

    private static final class Call implements ToolCall {
        private final String name;
        private final ObjectNode args;
        private final Origin origin;
        private double lastProgress = Double.NEGATIVE_INFINITY;

        Call(String name, ObjectNode args, Origin origin) {
            this.name = name;
            this.args = args;
            this.origin = origin;
        }

        @Override
        public String toolName() {
            return name;
        }

        @Override
        public ObjectNode arguments() {
            return args;
        }

        @Override
        public boolean progressRequested() {
            return origin.progressToken() != null && origin.exchange() != null;
        }

        @Override
        public synchronized void progress(double progress, Double total, String message) {
            if (!progressRequested() || progress <= lastProgress) {
                return;
            }
            lastProgress = progress;
            try {
                origin.exchange().progressNotification(McpSchema.ProgressNotification.builder(origin.progressToken(), progress)
                        .total(total).message(message).build());
            } catch (RuntimeException e) {
                LOG.debug("progress notification failed", e);
            }
        }

        @Override
        public void log(LogLevel level, String message) {
            if (origin.exchange() == null) {
                return;
            }
            try {
                origin.exchange().loggingNotification(McpSchema.LoggingMessageNotification.builder()
                        .level(McpSchema.LoggingLevel.valueOf(level.name())).logger(name).data(message).build());
            } catch (RuntimeException e) {
                LOG.debug("log notification failed", e);
            }
        }

        @Override
        public String clientId() {
            Object id = origin.transport().get(ClientIds.KEY);
            if (id != null) {
                return id.toString();
            }
            if (origin.exchange() != null && origin.exchange().sessionId() != null) {
                return "session:" + origin.exchange().sessionId();
            }
            return "local";
        }

        @Override
        public boolean remote() {
            return origin.transport().get(ClientIds.KEY) != null;
        }

        @Override
        public Optional<McpSyncServerExchange> exchange() {
            return Optional.ofNullable(origin.exchange());
        }
    }

    // ---- resources ------------------------------------------------------------------------------

    /** Every listed resource of every provider. */
    public List<McpSchema.Resource> sdkResources() {
        List<McpSchema.Resource> out = new ArrayList<>();
        for (Registry.Owned<io.burrow.mcp.core.spi.ResourceProvider> p : registry.providers()) {
            List<ResourceInfo> list;
            try {
                list = p.value().resources();
            } catch (RuntimeException e) {
                LOG.warn("module {} failed to list its resources", p.module(), e);
                continue;
            }
            for (ResourceInfo r : list) {
                out.add(McpSchema.Resource.builder().uri(r.uri()).name(r.name()).title(r.title())
                        .description(r.description()).mimeType(r.mimeType()).size(r.size()).build());
            }
        }
        return out;
    }

    /** Every advertised resource template. */
    public List<McpSchema.ResourceTemplate> sdkTemplates() {
        List<McpSchema.ResourceTemplate> out = new ArrayList<>();
        for (Registry.Owned<io.burrow.mcp.core.spi.ResourceProvider> p : registry.providers()) {
            for (ResourceTemplateInfo t : p.value().templates()) {
                out.add(McpSchema.ResourceTemplate.builder().uriTemplate(t.uriTemplate()).name(t.name()).title(t.title())
                        .description(t.description()).mimeType(t.mimeType()).build());
            }
        }
        return out;
    }

    /** Reads a resource; failures are sanitised {@link McpError}s. */
    public McpSchema.ReadResourceResult readResource(String uri) {
        try {
            ResourceData data = readData(uri);
            McpSchema.ResourceContents contents = data.text() != null
                    ? new McpSchema.TextResourceContents(data.uri(), data.mimeType(), data.text())
                    : new McpSchema.BlobResourceContents(data.uri(), data.mimeType(),
                            Base64.getEncoder().encodeToString(data.blob()));
            return new McpSchema.ReadResourceResult(List.of(contents));
        } catch (BurrowException e) {
            throw toMcpError(e, uri);
        } catch (RuntimeException e) {
            LOG.error("reading a resource failed", e);
            throw toMcpError(internal(), uri);
        }
    }

    /** Reads a resource as Burrow data; throws {@link BurrowException}. */
    public ResourceData readData(String uri) {
        if (uri == null || uri.length() > 8192) {
            throw new InvalidRequestException("Resource URI is missing or too long");
        }
        var m = SCHEME.matcher(uri);
        if (!m.matches()) {
            throw new InvalidRequestException("Resource URI has no scheme");
        }
        ResourceData data = registry.provider(m.group(1).toLowerCase(Locale.ROOT)).read(uri, readLimits);
        if (data.blob() != null && data.blob().length > readLimits.maxBytes()) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "Resource is larger than " + readLimits.maxBytes() + " bytes");
        }
        return data;
    }

    /** A client-safe JSON-RPC error for a failure outside tools. */
    public static McpError toMcpError(BurrowException e, String uri) {
        Map<String, Object> data = new LinkedHashMap<>(e.toErrorObject());
        if (uri != null) {
            data.put("uri", uri);
        }
        int code = switch (e.code()) {
            case ErrorCodes.NOT_FOUND -> RESOURCE_NOT_FOUND;
            case ErrorCodes.INTERNAL_ERROR -> McpSchema.ErrorCodes.INTERNAL_ERROR;
            default -> McpSchema.ErrorCodes.INVALID_PARAMS;
        };
        return McpError.builder(code).message(e.getMessage()).data(data).build();
    }

    // ---- prompts and completions ----------------------------------------------------------------

    public List<McpSchema.Prompt> sdkPrompts() {
        List<McpSchema.Prompt> out = new ArrayList<>();
        registry.prompts().forEach((name, owned) -> {
            PromptDefinition p = owned.value();
            out.add(new McpSchema.Prompt(p.name(), p.title(), p.description(), p.arguments().stream()
                    .map(a -> new McpSchema.PromptArgument(a.name(), a.description(), a.required())).toList()));
        });
        return out;
    }

    public McpSchema.GetPromptResult getPrompt(String name, Map<String, Object> arguments) {
        Registry.Owned<PromptDefinition> owned = registry.prompts().get(name);
        try {
            if (owned == null) {
                throw new NotFoundException("Unknown prompt '" + name + "'");
            }
            Map<String, String> args = new LinkedHashMap<>();
            if (arguments != null) {
                arguments.forEach((k, v) -> args.put(k, v == null ? null : String.valueOf(v)));
            }
            for (PromptDefinition.Argument a : owned.value().arguments()) {
                String v = args.get(a.name());
                if (a.required() && (v == null || v.isBlank())) {
                    throw new InvalidRequestException("Prompt argument '" + a.name() + "' is required");
                }
            }
            return owned.value().handler().render(args);
        } catch (BurrowException e) {
            throw toMcpError(e, null);
        } catch (RuntimeException e) {
            LOG.error("prompt {} failed", name, e);
            throw toMcpError(internal(), null);
        }
    }

    public List<McpSchema.CompleteReference> completionReferences() {
        List<McpSchema.CompleteReference> out = new ArrayList<>();
        for (Registry.Owned<CompletionDefinition> c : registry.completions().values()) {
            CompletionDefinition d = c.value();
            out.add(d.promptName() != null ? new McpSchema.PromptReference(d.promptName())
                    : new McpSchema.ResourceReference(d.uriTemplate()));
        }
        return out;
    }

    public McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
        String key = request.ref() instanceof McpSchema.PromptReference p ? "prompt:" + p.name()
                : "resource:" + ((McpSchema.ResourceReference) request.ref()).uri();
        Registry.Owned<CompletionDefinition> owned = registry.completions().get(key);
        if (owned == null) {
            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
        }
        Map<String, String> context = new LinkedHashMap<>();
        if (request.context() != null && request.context().arguments() != null) {
            context.putAll(request.context().arguments());
        }
        try {
            String value = request.argument().value() == null ? "" : request.argument().value();
            List<String> values = owned.value().handler().complete(request.argument().name(), value, context);
            List<String> first = values.size() > 100 ? values.subList(0, 100) : values;
            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.copyOf(first),
                    values.size(), values.size() > 100));
        } catch (BurrowException e) {
            throw toMcpError(e, null);
        } catch (RuntimeException e) {
            LOG.error("completion failed", e);
            throw toMcpError(internal(), null);
        }
    }
}
