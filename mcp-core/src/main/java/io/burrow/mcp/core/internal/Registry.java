package io.burrow.mcp.core.internal;

import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.spi.CompletionDefinition;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything the modules contributed, keyed by name, scheme or reference. Collected module by module;
 * a second claim on a tool name, scheme, prompt name or completion reference fails with a message
 * naming both modules. Frozen before the server starts.
 */
public final class Registry {

    /** A value and the module that contributed it. */
    public record Owned<T>(String module, T value) {
    }

    private final Map<String, Owned<ToolDefinition>> tools = new LinkedHashMap<>();
    private final Map<String, Owned<ResourceProvider>> providersByScheme = new LinkedHashMap<>();
    private final List<Owned<ResourceProvider>> providers = new ArrayList<>();
    private final Map<String, Owned<ProtocolClient<?>>> clients = new LinkedHashMap<>();
    private final Map<String, Owned<PromptDefinition>> prompts = new LinkedHashMap<>();
    private final Map<String, Owned<CompletionDefinition>> completions = new LinkedHashMap<>();
    private final Map<String, String> instructions = new LinkedHashMap<>();
    private final Map<String, Supplier<Map<String, Object>>> health = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Runnable> warmUps = new ArrayList<>();
    private boolean frozen;

    /** The contributions sink of one module. */
    public Contributions forModule(String module) {
        return new Contributions() {
            @Override
            public Contributions tool(ToolDefinition tool) {
                claim(tools, tool.name(), module, tool, "tool");
                return this;
            }

            @Override
            public Contributions resources(ResourceProvider provider) {
                checkOpen();
                for (String scheme : provider.schemes()) {
                    claim(providersByScheme, scheme.toLowerCase(Locale.ROOT), module, provider, "URI scheme");
                }
                providers.add(new Owned<>(module, provider));
                return this;
            }

            @Override
            public Contributions client(ProtocolClient<?> client) {
                for (String scheme : client.schemes()) {
                    claim(clients, scheme.toLowerCase(Locale.ROOT), module, client, "protocol client scheme");
                }
                return this;
            }

            @Override
            public Contributions prompt(PromptDefinition prompt) {
                claim(prompts, prompt.name(), module, prompt, "prompt");
                return this;
            }

            @Override
            public Contributions completion(CompletionDefinition completion) {
                String key = completion.promptName() != null ? "prompt:" + completion.promptName()
                        : "resource:" + completion.uriTemplate();
                claim(completions, key, module, completion, "completion for");
                return this;
            }

            @Override
            public Contributions instructions(String text) {
                checkOpen();
                instructions.merge(module, Objects.requireNonNull(text).strip(), (a, b) -> a + "\n" + b);
                return this;
            }

            @Override
            public Contributions health(Supplier<Map<String, Object>> supplier) {
                checkOpen();
                health.put(module, Objects.requireNonNull(supplier));
                return this;
            }

            @Override
            public Contributions onClose(AutoCloseable resource) {
                checkOpen();
                closeables.add(Objects.requireNonNull(resource));
                return this;
            }

            @Override
            public Contributions warmUp(Runnable task) {
                checkOpen();
                warmUps.add(Objects.requireNonNull(task));
                return this;
            }
        };
    }

    private <T> void claim(Map<String, Owned<T>> map, String key, String module, T value, String what) {
        checkOpen();
        Owned<T> previous = map.putIfAbsent(key, new Owned<>(module, Objects.requireNonNull(value)));
        if (previous != null) {
            throw new IllegalStateException(what + " '" + key + "' is claimed by two modules: '" + previous.module()
                    + "' and '" + module + "'");
        }
    }

    private void checkOpen() {
        if (frozen) {
            throw new IllegalStateException("contributions are closed once the server is built");
        }
    }

    void freeze() {
        frozen = true;
    }

    public Map<String, Owned<ToolDefinition>> tools() {
        return Collections.unmodifiableMap(tools);
    }

    public List<Owned<ResourceProvider>> providers() {
        return Collections.unmodifiableList(providers);
    }

    /**
     * The provider of a URI's scheme.
     *
     * @throws NotFoundException naming the available schemes
     */
    public ResourceProvider provider(String scheme) {
        Owned<ResourceProvider> p = providersByScheme.get(scheme.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new NotFoundException("No module serves the URI scheme '" + scheme + "'",
                    "Available schemes: " + new TreeSet<>(providersByScheme.keySet()));
        }
        return p.value();
    }

    /**
     * The protocol client of a scheme.
     *
     * @throws NotFoundException naming the available schemes
     */
    public ProtocolClient<?> client(String scheme) {
        Owned<ProtocolClient<?>> c = clients.get(scheme.toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new NotFoundException("No protocol client for the scheme '" + scheme + "'",
                    "Available schemes: " + new TreeSet<>(clients.keySet()));
        }
        return c.value();
    }

    public Map<String, Owned<PromptDefinition>> prompts() {
        return Collections.unmodifiableMap(prompts);
    }

    public Map<String, Owned<CompletionDefinition>> completions() {
        return Collections.unmodifiableMap(completions);
    }

    public Map<String, String> instructions() {
        return Collections.unmodifiableMap(instructions);
    }

    public Map<String, Supplier<Map<String, Object>>> health() {
        return Collections.unmodifiableMap(health);
    }

    /** The modules' warm-up tasks, in registration order. */
    public List<Runnable> warmUps() {
        return Collections.unmodifiableList(warmUps);
    }

    public List<AutoCloseable> closeables() {
        return Collections.unmodifiableList(closeables);
    }
}
