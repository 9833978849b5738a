package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.MissingClientCapabilityException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.internal.Registry;
import io.burrow.mcp.core.internal.SchemaValidator;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.Content;
import io.burrow.mcp.core.spi.PromptCall;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.PromptResult;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.RequestContext;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tools, reads resources, renders prompts and computes completions on Burrow types, independent of
 * the transport and the protocol generation. This is where module code is called: a tool's
 * {@link BurrowException} becomes an error result, any other failure {@code INTERNAL_ERROR} with its
 * details logged to stderr only. Only {@link InputRequired} (a question for the client, 2026-07-28)
 * and {@link VirtualMachineError}s leave a tool call.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):.*", Pattern.DOTALL);

    private final Registry registry;
    private final SchemaValidator validator;
    private final ReadLimits readLimits;
    private final Map<String, Map<String, Object>> outputSchemas = new LinkedHashMap<>();
    private final KeptTrees kept = new KeptTrees();
    private final Map<String, List<ParamHeaders.Param>> paramHeaders = new LinkedHashMap<>();
    private final Map<String, Boolean> prepared = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean preparing = new java.util.concurrent.atomic.AtomicBoolean();

    Dispatcher(Registry registry, SchemaValidator validator, long maxResourceBytes) {
        this.registry = registry;
        this.validator = validator;
        this.readLimits = new ReadLimits(maxResourceBytes);
        registry.tools().forEach((name, owned) -> {
            ToolDefinition t = owned.value();
            paramHeaders.put(name, ParamHeaders.of(t.inputSchema()));
            if (t.outputSchema() != null) {
                outputSchemas.put(name, ErrorSchema.withErrorBranch(t.outputSchema()));
            }
        });
    }

    /**
     * Checks a tool's schemas against the JSON Schema meta-schema and compiles them, once: by
     * {@link #prepareInBackground()}, or on the tool's first call if that comes first. Not at construction: the
     * schema library costs start-up some 250 classes and the compiling of every schema, which no
     * {@code initialize} needs.
     *
     * @throws IllegalArgumentException if a schema is not usable (the call then fails as an internal error)
     */
    private void prepare(String name, ToolDefinition t) {
        prepared.computeIfAbsent(name, n -> {
            validator.check(t.inputSchema());
            if (t.outputSchema() != null) {
                validator.check(t.outputSchema());
                validator.prepare(outputSchemas.get(name));
            }
            return Boolean.TRUE;
        });
    }

    /**
     * Loads the JSON Schema library, runs the modules' warm-up tasks, then prepares every tool's schemas, on a
     * daemon thread, once (later calls do nothing), so that first calls find them ready; a schema that is not
     * usable is logged as an error.
     */
    void prepareInBackground() {
        if (preparing.get() || !preparing.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                SchemaValidator.preload(); // what every tool's first call needs first (a call meanwhile waits for it)
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("loading the schema library failed: {}", e.toString()); // the first call reports it
            }
            for (Runnable task : registry.warmUps()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.debug("a warm-up task failed: {}", e.toString()); // the server may be closing already
                }
            }
            registry.tools().forEach((name, owned) -> {
                try {
                    prepare(name, owned.value());
                } catch (RuntimeException e) {
                    LOG.error("tool {} has a schema that is not usable: {}", name, e.getMessage());
                }
            });
        }, "burrow-warm-up");
        t.setDaemon(true);
        t.start();
    }

    // ---- tools ----------------------------------------------------------------------------------

    List<ToolDefinition> tools() {
        return registry.tools().values().stream().map(Registry.Owned::value).toList();
    }

    /** The output schema a tool advertises (its own, widened to admit error results), or {@code null}. */
    Map<String, Object> outputSchema(String tool) {
        return outputSchemas.get(tool);
    }

    /** The arguments of a tool that clients mirror into {@code Mcp-Param-*} headers (none for unknown tools). */
    List<ParamHeaders.Param> paramHeaders(String tool) {
        return paramHeaders.getOrDefault(tool, List.of());
    }

    java.util.Set<String> toolNames() {
        return registry.tools().keySet();
    }

    boolean hasTool(String name) {
        return registry.tools().containsKey(name);
    }

    /**
     * Calls a tool; answers with a {@code CallToolResult} object.
     *
     * @throws InputRequired if the tool asked the client something it has not answered yet (2026-07-28)
     * @throws MissingClientCapabilityException if the tool needs a capability the client did not declare
     */
    ObjectNode callTool(String name, ObjectNode arguments, RequestContext context) {
        return callTool(name, arguments, context, true);
    }

    /**
     * Calls a tool; {@code forWire} lets a structured result that came back before be carried as its kept
     * JSON text (for serialising), rather than as a tree (for callers in the same process).
     */
    ObjectNode callTool(String name, ObjectNode arguments, RequestContext context, boolean forWire) {
        Registry.Owned<ToolDefinition> owned = registry.tools().get(name);
        if (owned == null) {
            return errorResult(new NotFoundException("Unknown tool '" + name + "'",
                    "Available tools: " + String.join(", ", registry.tools().keySet())));
        }
        ToolDefinition tool = owned.value();
        ObjectNode args = arguments == null ? Json.object() : arguments;
        try {
            prepare(name, tool);
            String invalid = validator.validate(tool.inputSchema(), args);
            if (invalid != null) {
                throw new InvalidRequestException("Invalid arguments for " + name + ": " + clip(invalid),
                        "Check the tool's input schema with tools/list.");
            }
            ToolResult result = tool.handler().call(new Call(name, args, context));
            if (result == null) {
                throw new IllegalStateException("tool " + name + " returned null");
            }
            return toWire(name, result, forWire);
        } catch (InputRequired | MissingClientCapabilityException e) {
            throw e; // a question for the client, or an error the engine answers per protocol generation
        } catch (BurrowException e) {
            if (e.getCause() != null) {
                LOG.debug("tool {} failed with {}", name, e.code(), e.getCause());
            }
            return errorResult(e);
        } catch (Throwable e) { // an Error of a module (a mapped file truncated under us) answers like any failure
            rethrowIfFatal(e);
            LOG.error("tool {} failed", name, e);
            return errorResult(internal());
        }
    }

    private static String clip(String message) {
        String m = message.replace("\n", "; ").trim();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    private ObjectNode toWire(String name, ToolResult result, boolean forWire) {
        ObjectNode out = Json.object();
        ArrayNode content = out.putArray("content");
        Object structured = result.structured();
        JsonNode tree = structured == null ? null : Json.toTree(structured);
        String text = result.text();
        if (text == null && tree != null) {
            text = pretty(tree);
        }
        if (text != null) {
            content.add(Wire.content(Content.text(text)));
        }
        result.content().forEach(c -> content.add(Wire.content(c)));
        Map<String, Object> schema = outputSchemas.get(name);
        if (tree != null && (schema != null || result.error())) {
            KeptTrees.Kept k = kept.lookup(tree);
            if (schema != null && !result.error() && (k == null || k.passed != schema)) {
                String invalid = validator.validate(schema, tree);
                if (invalid != null) {
                    LOG.error("tool {} returned structured content that does not match its output schema: {}", name,
                            invalid);
                    return errorResult(internal());
                }
                if (k != null) {
                    k.passed = schema;
                }
            }
            if (k != null && forWire) {
                out.putRawValue("structuredContent", k.raw());
            } else {
                out.set("structuredContent", tree);
            }
        }
        out.put("isError", result.error());
        return out;
    }

    /** The error result of a failure: structured {@code {"kind":"error",…}} plus a text rendering. */
    static ObjectNode errorResult(BurrowException e) {
        StringBuilder text = new StringBuilder("Error ").append(e.code()).append(": ").append(e.getMessage());
        if (e.hint() != null) {
            text.append("\nHint: ").append(e.hint());
        }
        ObjectNode out = Json.object();
        out.putArray("content").add(Wire.content(Content.text(text.toString())));
        out.set("structuredContent", Json.toTree(e.toResultBody()));
        out.put("isError", true);
        return out;
    }

    /**
     * Rethrows what leaves the JVM unfit to go on (running out of memory, an unknown VM error); an
     * {@link InternalError} (a fault on a truncated memory-mapped file) or a {@link StackOverflowError}
     * ends only the request that hit it.
     */
    static void rethrowIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError vme && !(e instanceof InternalError) && !(e instanceof StackOverflowError)) {
            throw vme;
        }
    }

    static BurrowException internal() {
        return new BurrowException(ErrorCodes.INTERNAL_ERROR, "Internal error", "The server log has the details.");
    }

    private static String pretty(JsonNode tree) {
        try {
            return Json.prettyWriter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return tree.toString();
        }
    }

    /** A module's view of a tool call: the request's channels plus the tool's name and arguments. */
    private record Call(String toolName, ObjectNode arguments, RequestContext context)
            implements ToolCall, DelegatingContext {
    }

    // ---- resources ------------------------------------------------------------------------------

    List<Registry.Owned<ResourceProvider>> providers() {
        return registry.providers();
    }

    /**
     * Reads a resource.
     *
     * @throws BurrowException if it cannot be read (a failure of the provider becomes {@code INTERNAL_ERROR})
     */
    ResourceData readResource(String uri) {
        if (uri == null || uri.length() > 8192) {
            throw new InvalidRequestException("Resource URI is missing or too long");
        }
        var m = SCHEME.matcher(uri);
        if (!m.matches()) {
            throw new InvalidRequestException("Resource URI has no scheme");
        }
        ResourceProvider provider = registry.provider(m.group(1).toLowerCase(Locale.ROOT));
        ResourceData data;
        try {
            data = provider.read(uri, readLimits);
        } catch (BurrowException e) {
            throw e;
        } catch (Throwable e) {
            rethrowIfFatal(e);
            LOG.error("reading a resource failed", e);
            throw internal();
        }
        if (data.blob() != null && data.blob().length > readLimits.maxBytes()) {
            throw new BurrowException(ErrorCodes.TOO_LARGE, "Resource is larger than " + readLimits.maxBytes() + " bytes");
        }
        return data;
    }

    // ---- prompts and completions ----------------------------------------------------------------

    Map<String, Registry.Owned<PromptDefinition>> prompts() {
        return registry.prompts();
    }

    /**
     * Renders a prompt.
     *
     * @throws BurrowException for an unknown prompt or bad arguments
     * @throws InputRequired if the prompt asked the client something it has not answered yet
     */
    PromptResult getPrompt(String name, Map<String, String> arguments, RequestContext context) {
        Registry.Owned<PromptDefinition> owned = registry.prompts().get(name);
        if (owned == null) {
            throw new NotFoundException("Unknown prompt '" + name + "'",
                    "Available prompts: " + String.join(", ", registry.prompts().keySet()));
        }
        for (PromptDefinition.Argument a : owned.value().arguments()) {
            String v = arguments.get(a.name());
            if (a.required() && (v == null || v.isBlank())) {
                throw new InvalidRequestException("Prompt argument '" + a.name() + "' is required");
            }
        }
        try {
            PromptResult result = owned.value().handler().render(new Prompt(name, Map.copyOf(arguments), context));
            if (result == null) {
                throw new IllegalStateException("prompt " + name + " returned null");
            }
            return result;
        } catch (BurrowException | InputRequired e) {
            throw e;
        } catch (Throwable e) {
            rethrowIfFatal(e);
            LOG.error("prompt {} failed", name, e);
            throw internal();
        }
    }

    private record Prompt(String promptName, Map<String, String> arguments, RequestContext context)
            implements PromptCall, DelegatingContext {
    }

    Iterable<Registry.Owned<CompletionDefinition>> completions() {
        return registry.completions().values();
    }

    /**
     * Completes an argument of a prompt ({@code ref/prompt}) or a variable of a resource template
     * ({@code ref/resource}); no completion is known for other references.
     *
     * @return up to 100 candidates plus the total
     */
    Completions complete(String refKey, String argument, String value, Map<String, String> context) {
        Registry.Owned<CompletionDefinition> owned = registry.completions().get(refKey);
        if (owned == null) {
            return new Completions(List.of(), 0);
        }
        List<String> values;
        try {
            values = owned.value().handler().complete(argument, value == null ? "" : value, context);
        } catch (BurrowException e) {
            throw e;
        } catch (Throwable e) {
            rethrowIfFatal(e);
            LOG.error("completion failed", e);
            throw internal();
        }
        List<String> first = new ArrayList<>(values.size() > 100 ? values.subList(0, 100) : values);
        return new Completions(first, values.size());
    }

    /** Completion candidates: the first 100 and how many there are in all. */
    record Completions(List<String> values, int total) {
    }
}
