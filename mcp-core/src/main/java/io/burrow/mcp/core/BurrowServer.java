package io.burrow.mcp.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.internal.CacheRegistry;
import io.burrow.mcp.core.internal.DefaultModuleContext;
import io.burrow.mcp.core.internal.HealthTool;
import io.burrow.mcp.core.internal.PolicyResource;
import io.burrow.mcp.core.internal.Registry;
import io.burrow.mcp.core.internal.SchemaValidator;
import io.burrow.mcp.core.internal.StdioTransport;
import io.burrow.mcp.core.internal.SurvivingScheduler;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.protocol.McpEndpoint;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ServerEvents;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Burrow server: the modules, their settings and everything they contributed, ready to be served
 * over MCP (stdio here, Streamable HTTP with {@code mcp-server-http}) or called in-process. Both
 * protocol generations are served side by side: 2025-11-25 (an {@code initialize} handshake, then a
 * session) and 2026-07-28 (self-contained requests).
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
    /** How long 2026-07-28 request state stays valid: long enough for a user to answer a question. */
    private static final Duration REQUEST_STATE_TTL = Duration.ofMinutes(30);

    private final Settings settings;
    private final List<String> modules;
    private final Registry registry;
    private final McpEndpoint endpoint;
    private final CacheRegistry caches;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor requests;
    private final ScheduledThreadPoolExecutor timer;
    private final String instructions;
    private final Telemetry telemetry;

    private BurrowServer(Builder b, List<BurrowModule> mods, Settings settings) {
        this.settings = settings;
        this.telemetry = b.telemetry;
        ServerSettings server = settings.get(ServerSettings.class);
        byte[] stateKey = requestStateKey(server);
        this.caches = new CacheRegistry(server.cacheSpecs(), b.ticker, b.telemetry.meterRegistry().orElse(null));
        this.executor = Executors.newFixedThreadPool(server.toolThreads(), daemonThreads("burrow-worker"));
        this.scheduler = new SurvivingScheduler(Executors.newSingleThreadScheduledExecutor(daemonThreads("burrow-scheduler")));
        BlockingQueue<Runnable> queue = server.requestQueue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(server.requestQueue());
        this.requests = new ThreadPoolExecutor(server.requestThreads(), server.requestThreads(), 60, TimeUnit.SECONDS,
                queue, daemonThreads("burrow-request"));
        requests.allowCoreThreadTimeOut(true);
        b.telemetry.meterRegistry().ifPresent(meters -> {
            new ExecutorServiceMetrics(requests, "burrow.requests", Tags.empty()).bindTo(meters);
            new ExecutorServiceMetrics(executor, "burrow.tools", Tags.empty()).bindTo(meters);
        });
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("burrow-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.registry = new Registry();
        this.modules = mods.stream().map(BurrowModule::name).toList();
        McpEndpoint[] endpointRef = new McpEndpoint[1];
        ServerEvents events = new ServerEvents() {
            @Override
            public void resourcesChanged() {
                if (endpointRef[0] != null) {
                    endpointRef[0].resourcesChanged();
                }
            }

            @Override
            public void resourceUpdated(String uri) {
                if (endpointRef[0] != null) {
                    endpointRef[0].resourceUpdated(uri);
                }
            }
        };
        Instant started = b.clock.instant();
        try {
            registry.forModule("core").tool(HealthTool.create(version(), b.clock, started, modules, registry, caches));
            for (BurrowModule m : mods) {
                DefaultModuleContext ctx = new DefaultModuleContext(m.name(), m.settingsGroups(), settings,
                        caches.forModule(m.name()), b.resolver, b.clock, b.ticker, executor, scheduler, events,
                        b.telemetry);
                m.contribute(ctx, registry.forModule(m.name()));
            }
            if (PolicyResource.applies(settings)) {
                registry.forModule("core").resources(new PolicyResource(settings));
            }
            this.instructions = buildInstructions(registry.instructions());
            this.endpoint = McpEndpoint.create(new McpEndpoint.Parts(b.name, version(), instructions, registry,
                    new SchemaValidator(), server.maxResourceBytes(), requests, timer,
                    Duration.ofSeconds(server.requestTimeoutSeconds()), server.pageSize(), stateKey, REQUEST_STATE_TTL,
                    server.maxSubscriptions(), b.clock, b.telemetry));
        } catch (RuntimeException e) {
            shutdownPools();
            closeAll(registry.closeables());
            throw e;
        }
        endpointRef[0] = endpoint;
    }

    /** The sealing key of 2026-07-28 request state: the configured one, or {@code null} for a random one. */
    private static byte[] requestStateKey(ServerSettings server) {
        String text = server.requestStateKey();
        if (text == null || text.isBlank()) {
            if (server.replicated()) {
                throw new ConfigurationException(List.of("BURROW_REQUEST_STATE_KEY is required when BURROW_REPLICATED "
                        + "is true: every replica must seal request state with the same key (for example the output "
                        + "of 'openssl rand -base64 32')"));
            }
            return null;
        }
        byte[] key;
        String t = text.trim();
        try {
            key = t.matches("(?i)[0-9a-f]+") && t.length() % 2 == 0 ? HexFormat.of().parseHex(t)
                    : t.contains("-") || t.contains("_") ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(List.of("BURROW_REQUEST_STATE_KEY must be base64 or hex"));
        }
        if (key.length < 32) {
            throw new ConfigurationException(List.of("BURROW_REQUEST_STATE_KEY must hold at least 32 bytes, has "
                    + key.length + " (make one with 'openssl rand -base64 32')"));
        }
        return key;
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
     * Serves one client over newline-delimited JSON-RPC on {@code in} and {@code out} (the stdio
     * transport; for a launcher, {@code System.in} and {@code System.out}) until {@code in} ends, then
     * waits at most {@code drain} for the answers still due. Blocks the calling thread; does not close
     * the streams. A malformed line is answered with a JSON-RPC error and the connection goes on;
     * anything a tool logs goes to the log, never to {@code out}.
     *
     * @return whether every request read was answered
     */
    public boolean serveStdio(InputStream in, OutputStream out, Duration drain) throws InterruptedException {
        return new StdioTransport(in, out).serve(endpoint, drain);
    }

    /** Where transports hand messages to this server (Streamable HTTP, or a transport of an embedder's own). */
    public McpEndpoint endpoint() {
        return endpoint;
    }

    /** The tools, in registration order. */
    public List<ToolDefinition> tools() {
        return endpoint.tools();
    }

    /** The tools as {@code tools/list} advertises them (with the final output schemas). */
    public List<ObjectNode> advertisedTools() {
        return endpoint.advertisedTools();
    }

    /**
     * Calls a tool in-process, without a client; never throws. Errors are {@code isError} results.
     *
     * @return the {@code CallToolResult} object ({@code content}, {@code structuredContent}, {@code isError})
     */
    public ObjectNode callTool(String name, JsonNode arguments) {
        ObjectNode args = arguments instanceof ObjectNode o ? o : Json.object();
        return endpoint.callTool(name, args);
    }

    /**
     * Reads a resource in-process.
     *
     * @throws BurrowException if it cannot be read
     */
    public ResourceData readResource(String uri) {
        return endpoint.readResource(uri);
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

    /**
     * What keeps the server from being ready to serve, by module: empty when every module is (the HTTP
     * launcher's {@code /readyz}). A module says it is not ready with {@code "ready": false} (and a
     * {@code "not_ready_reason"}) in its {@code health} facts, as the ZIM module does when none of its archives
     * could be loaded; a module whose health fails is not ready either. Breakers and overload are not reasons:
     * they concern one upstream or one backend, and the health tool reports them.
     */
    public Map<String, String> notReady() {
        Map<String, String> out = new LinkedHashMap<>();
        registry.health().forEach((module, health) -> {
            try {
                Map<String, Object> h = health.get();
                if (Boolean.FALSE.equals(h.get("ready"))) {
                    out.put(module, String.valueOf(h.getOrDefault("not_ready_reason", "not ready")));
                }
            } catch (RuntimeException e) {
                LOG.warn("health of module {} failed", module, e);
                out.put(module, "its health check failed");
            }
        });
        return out;
    }

    /** Where the server records metrics and traces (transports add their own meters to its registry). */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** The server instructions sent at initialisation. */
    public String instructions() {
        return instructions;
    }

    @Override
    public void close() {
        endpoint.shutdown();
        closeAll(registry.closeables());
        shutdownPools();
    }

    private void shutdownPools() {
        requests.shutdownNow();
        timer.shutdownNow();
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
        private Telemetry telemetry = Telemetry.NONE;

        private Builder() {
        }

        /** Where metrics and traces go (default {@link Telemetry#NONE}: nowhere, at no cost). */
        public Builder telemetry(Telemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
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
