package io.burrow.mcp.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.internal.CacheRegistry;
import io.burrow.mcp.core.internal.DefaultModuleContext;
import io.burrow.mcp.core.internal.Dispatcher;
import io.burrow.mcp.core.internal.HealthTool;
import io.burrow.mcp.core.internal.Registry;
import io.burrow.mcp.core.internal.SchemaValidator;
import io.burrow.mcp.core.internal.SdkServers;
import io.burrow.mcp.core.internal.SerializedTransportProvider;
import io.burrow.mcp.core.internal.StdioTransport;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ServerEvents;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Burrow server: the modules, their settings and everything they contributed, ready to be served
 * over any MCP transport or called in-process.
 *
 * <pre>{@code
 * try (BurrowServer server = BurrowServer.builder().discoverModules().build()) {
 *     server.serveStdio(System.in, System.out, Duration.ofSeconds(60)); // until stdin ends
 * }
 * }</pre>
 *
 * <p>Building binds and validates the settings of every module at once (a
 * {@link io.burrow.mcp.core.config.ConfigurationException} lists every violation), then lets each
 * module contribute. Two modules claiming the same tool name or URI scheme fail the build with a
 * message naming both. Thread-safe once built.
 */
public final class BurrowServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BurrowServer.class);
    private static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(Json.plain());
    private static final JsonSchemaValidator VALIDATOR = new SchemaValidator(Json.plain());

    private final Settings settings;
    private final List<String> modules;
    private final Registry registry;
    private final Dispatcher dispatcher;
    private final SdkServers sdk;
    private final CacheRegistry caches;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final String instructions;

    private BurrowServer(Builder b, List<BurrowModule> mods, Settings settings) {
        this.settings = settings;
        ServerSettings server = settings.get(ServerSettings.class);
        this.caches = new CacheRegistry(server.cacheSpecs(), b.ticker);
        this.executor = Executors.newFixedThreadPool(server.toolThreads(), daemonThreads("burrow-worker"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("burrow-scheduler"));
        this.registry = new Registry();
        this.modules = mods.stream().map(BurrowModule::name).toList();
        SdkServers[] sdkRef = new SdkServers[1];
        ServerEvents events = new ServerEvents() {
            @Override
            public void resourcesChanged() {
                if (sdkRef[0] != null) {
                    sdkRef[0].resourcesChanged();
                }
            }

            @Override
            public void resourceUpdated(String uri) {
                if (sdkRef[0] != null) {
                    sdkRef[0].resourceUpdated(uri);
                }
            }
        };
        Instant started = b.clock.instant();
        try {
            registry.forModule("core").tool(HealthTool.create(version(), b.clock, started, modules, registry, caches));
            for (BurrowModule m : mods) {
                DefaultModuleContext ctx = new DefaultModuleContext(m.name(), m.settingsGroups(), settings,
                        caches.forModule(m.name()), b.resolver, b.clock, b.ticker, executor, scheduler, events);
                m.contribute(ctx, registry.forModule(m.name()));
            }
        } catch (RuntimeException e) {
            shutdownPools();
            closeAll(registry.closeables());
            throw e;
        }
        this.dispatcher = new Dispatcher(registry, VALIDATOR, server.maxResourceBytes());
        this.instructions = buildInstructions(registry.instructions());
        Set<String> schemes = new LinkedHashSet<>();
        registry.providers().forEach(p -> schemes.addAll(p.value().schemes()));
        this.sdk = new SdkServers(dispatcher, MAPPER, VALIDATOR, b.name, version(), instructions, schemes);
        sdkRef[0] = sdk;
    }

    private static String buildInstructions(Map<String, String> parts) {
        StringBuilder s = new StringBuilder("Burrow reads the small internet (Gopher, Gemini) and offline ZIM archives "
                + "(Wikipedia, Stack Exchange, documentation). Tools return structuredContent plus a readable text; "
                + "errors have a stable error.code and often a hint.");
        parts.values().forEach(p -> s.append("\n\n").append(p));
        return s.toString();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JSON mapper to give SDK transports. */
    public static McpJsonMapper jsonMapper() {
        return MAPPER;
    }

    /** Burrow's version. */
    public static String version() {
        try (InputStream in = BurrowServer.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Modules found on the class path with {@link ServiceLoader}. */
    public static List<BurrowModule> discoverModules() {
        List<BurrowModule> out = new ArrayList<>();
        ServiceLoader.load(BurrowModule.class).forEach(out::add);
        return out;
    }

    /** The settings catalog of the core plus the given modules, for building flags and help before binding. */
    public static SettingsCatalog catalog(List<BurrowModule> modules) {
        List<Class<? extends Record>> groups = new ArrayList<>();
        groups.add(ServerSettings.class);
        modules.forEach(m -> groups.addAll(m.settingsGroups()));
        return SettingsCatalog.of(groups);
    }

    /**
     * Serves one MCP session over newline-delimited JSON-RPC on {@code in} and {@code out} (the stdio
     * transport; for a launcher, {@code System.in} and {@code System.out}) until {@code in} ends, then
     * waits at most {@code drain} for the answers still due and closes the session. Blocks the calling
     * thread; does not close the streams. A malformed line is answered with a JSON-RPC error and the
     * session goes on; anything a tool logs goes to the log, never to {@code out}.
     *
     * @return whether every request read was answered
     */
    public boolean serveStdio(InputStream in, OutputStream out, Duration drain) throws InterruptedException {
        StdioTransport transport = new StdioTransport(in, out);
        McpSyncServer mcp = sdk.stateful(McpServer.sync(transport)); // writes whole messages itself: no wrapper
        try {
            return transport.awaitEnd(drain);
        } finally {
            try {
                mcp.closeGracefully();
            } catch (RuntimeException e) {
                LOG.debug("closing the MCP session failed", e);
            }
            released(mcp);
        }
    }

    /**
     * Serves a stateful transport with one session, such as the SDK's stdio transport. Prefer
     * {@link #serveStdio}, which keeps the session going on malformed input.
     */
    public McpSyncServer serve(McpServerTransportProvider transport) {
        return sdk.stateful(McpServer.sync(new SerializedTransportProvider(transport)));
    }

    /** Serves the Streamable HTTP transport (many sessions). */
    public McpSyncServer serve(McpStreamableServerTransportProvider transport) {
        return sdk.stateful(McpServer.sync(transport));
    }

    /** Serves the stateless HTTP transport (no server-to-client messages). */
    public McpStatelessSyncServer serve(McpStatelessServerTransport transport) {
        return sdk.stateless(transport);
    }

    /** The tools, in registration order. */
    public List<ToolDefinition> tools() {
        return registry.tools().values().stream().map(Registry.Owned::value).toList();
    }

    /** The tools as {@code tools/list} advertises them (with the final output schemas). */
    public List<McpSchema.Tool> advertisedTools() {
        return dispatcher.sdkTools();
    }

    /** Calls a tool in-process; never throws. Errors are {@code isError} results. */
    public McpSchema.CallToolResult callTool(String name, JsonNode arguments) {
        Map<String, Object> args = arguments == null || arguments.isNull() ? Map.of()
                : Json.plain().convertValue(arguments, Map.class);
        return dispatcher.callTool(name, args, Dispatcher.Origin.local());
    }

    /**
     * Reads a resource in-process.
     *
     * @throws BurrowException if it cannot be read
     */
    public ResourceData readResource(String uri) {
        return dispatcher.readData(uri);
    }

    /**
     * The protocol client of a scheme, for fetching without MCP.
     *
     * @throws NotFoundException naming the available schemes
     */
    @SuppressWarnings("unchecked")
    public <R> ProtocolClient<R> client(String scheme) {
        return (ProtocolClient<R>) registry.client(scheme);
    }

    /** The bound settings. */
    public Settings settings() {
        return settings;
    }

    /** The names of the loaded modules. */
    public List<String> modules() {
        return modules;
    }

    /** The server instructions sent at initialisation. */
    public String instructions() {
        return instructions;
    }

    /** Forgets an SDK server returned by {@code serve} once it has been closed. */
    public void released(McpSyncServer server) {
        sdk.closed(server);
    }

    @Override
    public void close() {
        closeAll(registry.closeables());
        shutdownPools();
    }

    private void shutdownPools() {
        executor.shutdownNow();
        scheduler.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing a module resource failed", e);
            }
        }
    }

    /** Builder of {@link BurrowServer}. Not thread-safe. */
    public static final class Builder {
        private final List<BurrowModule> modules = new ArrayList<>();
        private boolean discover;
        private Settings settings;
        private ConfigSources sources = ConfigSources.empty();
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.systemTicker();
        private NameResolver resolver = NameResolver.system();
        private String name = "burrow";

        private Builder() {
        }

        /** Adds the modules found with {@link ServiceLoader} (after any given explicitly). */
        public Builder discoverModules() {
            this.discover = true;
            return this;
        }

        /** Adds a module instance (embedding without ServiceLoader). */
        public Builder module(BurrowModule module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        /** Where settings come from (default: defaults only). Ignored when {@link #settings} is given. */
        public Builder configSources(ConfigSources sources) {
            this.sources = Objects.requireNonNull(sources, "sources");
            return this;
        }

        /** Already bound settings (launchers bind them first to report errors). */
        public Builder settings(Settings settings) {
            this.settings = settings;
            return this;
        }

        /** Wall clock for modules (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Monotonic ticker for caches and rate limits (tests). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Name resolver for every network fetch (tests inject fake DNS). */
        public Builder resolver(NameResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The server name reported at initialisation (default {@code burrow}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Builds the server.
         *
         * @throws io.burrow.mcp.core.config.ConfigurationException listing every invalid setting
         * @throws IllegalStateException if two modules share a name, a tool name or a URI scheme
         */
        public BurrowServer build() {
            List<BurrowModule> all = new ArrayList<>(modules);
            if (discover) {
                Set<Class<?>> present = all.stream().map(Object::getClass).collect(Collectors.toSet());
                BurrowServer.discoverModules().stream().filter(m -> !present.contains(m.getClass())).forEach(all::add);
            }
            Map<String, BurrowModule> byName = new LinkedHashMap<>();
            for (BurrowModule m : all) {
                BurrowModule previous = byName.putIfAbsent(m.name(), m);
                if (previous != null || "core".equals(m.name())) {
                    throw new IllegalStateException("module name '" + m.name() + "' is used by "
                            + (previous == null ? "the core" : previous.getClass().getName()) + " and "
                            + m.getClass().getName());
                }
            }
            Settings bound = settings != null ? settings : catalog(all).bind(sources);
            return new BurrowServer(this, all, bound);
        }
    }
}
