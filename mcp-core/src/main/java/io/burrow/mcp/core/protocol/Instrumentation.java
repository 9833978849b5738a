package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * The engine's telemetry after the OpenTelemetry MCP semantic conventions: the
 * {@code mcp.server.operation.duration} and {@code mcp.server.session.duration} histograms, Burrow's
 * error and rejection counters, a {@code SERVER} span per request whose parent is taken from
 * {@code params._meta} (both protocol generations), and the request's identity in the SLF4J MDC while
 * its handler runs. Metric attributes are bounded: methods, tools and prompts the server does not know,
 * and protocol versions it does not speak, are recorded as {@code _OTHER}.
 */
final class Instrumentation implements RequestObserver {

    /** The bucket boundaries the conventions give for MCP durations, in seconds. */
    static final double[] BUCKETS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};
    static final String OPERATION_DURATION = "mcp.server.operation.duration";
    static final String SESSION_DURATION = "mcp.server.session.duration";
    static final String ERRORS = "burrow.request.errors";
    static final String REJECTIONS = "burrow.request.rejections";
    static final String OTHER = "_OTHER";

    static final String METHOD = "mcp.method.name";
    static final String TOOL = "gen_ai.tool.name";
    static final String PROMPT = "gen_ai.prompt.name";
    static final String OPERATION = "gen_ai.operation.name";
    static final String RESOURCE_URI = "mcp.resource.uri";
    static final String ERROR_TYPE = "error.type";
    static final String STATUS_CODE = "rpc.response.status_code";
    static final String PROTOCOL_VERSION = "mcp.protocol.version";
    static final String TRANSPORT = "network.transport";
    static final String ERROR_CODE = "error.code";

    private static final AttributeKey<String> A_METHOD = AttributeKey.stringKey(METHOD);
    private static final AttributeKey<String> A_TOOL = AttributeKey.stringKey(TOOL);
    private static final AttributeKey<String> A_PROMPT = AttributeKey.stringKey(PROMPT);
    private static final AttributeKey<String> A_OPERATION = AttributeKey.stringKey(OPERATION);
    private static final AttributeKey<String> A_RESOURCE_URI = AttributeKey.stringKey(RESOURCE_URI);
    private static final AttributeKey<String> A_REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    private static final AttributeKey<String> A_SESSION_ID = AttributeKey.stringKey("mcp.session.id");
    private static final AttributeKey<String> A_PROTOCOL_VERSION = AttributeKey.stringKey(PROTOCOL_VERSION);
    private static final AttributeKey<String> A_TRANSPORT = AttributeKey.stringKey(TRANSPORT);
    private static final AttributeKey<String> A_NETWORK_PROTOCOL = AttributeKey.stringKey("network.protocol.name");
    private static final AttributeKey<String> A_ERROR_TYPE = AttributeKey.stringKey(ERROR_TYPE);
    private static final AttributeKey<String> A_STATUS_CODE = AttributeKey.stringKey(STATUS_CODE);
    private static final AttributeKey<String> A_BURROW_CODE = AttributeKey.stringKey("burrow.error.code");

    /** The methods Burrow serves; any other is recorded as {@code _OTHER}. */
    private static final Set<String> METHODS = Set.of("initialize", "ping", "logging/setLevel", "tools/list",
            "tools/call", "prompts/list", "prompts/get", "resources/list", "resources/read",
            "resources/templates/list", "resources/subscribe", "resources/unsubscribe", "completion/complete",
            "server/discover", "subscriptions/listen");
    private static final Set<String> VERSIONS;

    static {
        List<String> all = new ArrayList<>(Engine.MODERN_VERSIONS);
        all.addAll(Engine.LEGACY_VERSIONS);
        VERSIONS = Set.copyOf(all);
    }

    /** Reads propagation fields from {@code params._meta}. */
    private static final TextMapGetter<JsonNode> META = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JsonNode meta) {
            List<String> keys = new ArrayList<>();
            meta.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        @Override
        public String get(JsonNode meta, String key) {
            JsonNode v = meta == null ? null : meta.get(key);
            return v != null && v.isTextual() ? v.asText() : null;
        }
    };

    /** Reads propagation fields from the transport's headers (HTTP). */
    private static final TextMapGetter<Exchange> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Exchange exchange) {
            return List.of();
        }

        @Override
        public String get(Exchange exchange, String key) {
            return exchange == null ? null : exchange.header(key);
        }
    };

    private final Dispatcher dispatcher;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final boolean resourceUris;
    private final boolean logContext;
    private final Map<DurationKey, Timer> durations = new ConcurrentHashMap<>();
    /** What every known method's requests share (its labels, its span name), computed once. */
    private final Map<String, Target> methods = new HashMap<>();
    private final Target otherMethod = new Target(OTHER, null, null);
    private final Target otherTool = new Target("tools/call", OTHER, null);
    private final Target otherPrompt = new Target("prompts/get", null, OTHER);
    /** The same for each tool and prompt the server has (never a client-given name it does not know). */
    private final Map<String, Target> tools = new ConcurrentHashMap<>();
    private final Map<String, Target> prompts = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    /** Client hashes by client id: a digest per request would cost more than the rest of the MDC. */
    private final Map<String, String> clientHashes = new ConcurrentHashMap<>();

    private Instrumentation(Telemetry telemetry, Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.registry = telemetry.meterRegistry().orElse(null);
        this.tracer = telemetry.tracing() ? telemetry.openTelemetry().getTracer("io.burrow.mcp", version()) : null;
        this.propagator = telemetry.openTelemetry().getPropagators().getTextMapPropagator();
        this.resourceUris = telemetry.resourceUrisOnMetrics();
        this.logContext = telemetry.logContext();
        for (String m : METHODS) {
            methods.put(m, new Target(m, null, null));
        }
    }

    /** The observer {@code telemetry} asks for: {@link RequestObserver#NONE} when it records nothing. */
    static RequestObserver of(Telemetry telemetry, Dispatcher dispatcher) {
        return telemetry.enabled() ? new Instrumentation(telemetry, dispatcher) : RequestObserver.NONE;
    }

    private static String version() {
        String v = Instrumentation.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public Observation start(JsonNode id, String method, ObjectNode params, Exchange exchange) {
        return new Observed(id, method, params, exchange);
    }

    @Override
    public void sessionEnded(LegacySession session, Transport transport) {
        if (registry == null) {
            return;
        }
        Timer.builder(SESSION_DURATION).description("The duration of a 2025-11-25 MCP session as observed on the server")
                .tags(PROTOCOL_VERSION, knownVersion(session.protocolVersion), TRANSPORT, transport.networkTransport())
                .serviceLevelObjectives(buckets()).register(registry)
                .record(System.nanoTime() - session.startedNanos, TimeUnit.NANOSECONDS);
    }

    private static Duration[] buckets() {
        Duration[] d = new Duration[BUCKETS.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Duration.ofNanos((long) (BUCKETS[i] * 1e9));
        }
        return d;
    }

    private static String knownVersion(String version) {
        return version == null ? "" : VERSIONS.contains(version) ? version : OTHER;
    }

    private String clientHash(Client client) {
        String hash = clientHashes.get(client.id());
        if (hash == null) {
            if (clientHashes.size() > 10_000) {
                clientHashes.clear(); // many clients (remote addresses): start over rather than grow
            }
            hash = client.hash();
            clientHashes.put(client.id(), hash);
        }
        return hash;
    }

    /** The attributes of one duration time series. */
    private record DurationKey(String method, String tool, String prompt, String uri, String errorType,
            String statusCode, String version, String transport) {
    }

    /**
     * What the requests for one method and target (tool or prompt) have in common, worked out at the first of
     * them instead of at every one: the metric labels, the span name, and the duration series a successful
     * request was last recorded in (one comparison instead of a key and a map lookup per request).
     */
    private final class Target {
        final String method;
        final String tool;
        final String prompt;
        final String spanName;
        private volatile Series ok;

        Target(String method, String tool, String prompt) {
            this.method = method;
            this.tool = tool;
            this.prompt = prompt;
            String target = tool != null && !OTHER.equals(tool) ? tool : prompt != null && !OTHER.equals(prompt) ? prompt
                    : null;
            this.spanName = target == null ? method : method + " " + target;
        }

        /** The series of a successful request under {@code version} over {@code transport}. */
        Timer ok(String version, Transport transport) {
            Series s = ok;
            if (s != null && s.transport == transport && Objects.equals(s.version, version)) {
                return s.timer;
            }
            Timer t = duration(new DurationKey(method, orEmpty(tool), orEmpty(prompt), "", "", "", knownVersion(version),
                    transport.networkTransport()));
            ok = new Series(version, transport, t);
            return t;
        }
    }

    /** A duration series and the protocol version (as the request gave it) and transport it is for. */
    private record Series(String version, Transport transport, Timer timer) {
    }

    private Target target(String method, JsonNode name) {
        Target m = methods.get(method);
        if (m == null) {
            return otherMethod;
        }
        if (name == null || !name.isTextual()) {
            return m;
        }
        if ("tools/call".equals(m.method)) {
            String tool = name.asText();
            Target t = tools.get(tool);
            if (t == null) {
                // the registry is frozen: a tool known once is known for good, and unknown names are not kept
                if (!dispatcher.hasTool(tool)) {
                    return otherTool;
                }
                t = tools.computeIfAbsent(tool, n -> new Target("tools/call", n, null));
            }
            return t;
        }
        if ("prompts/get".equals(m.method)) {
            String prompt = name.asText();
            Target t = prompts.get(prompt);
            if (t == null) {
                if (!dispatcher.prompts().containsKey(prompt)) {
                    return otherPrompt;
                }
                t = prompts.computeIfAbsent(prompt, n -> new Target("prompts/get", null, n));
            }
            return t;
        }
        return m;
    }

    private Timer duration(DurationKey k) {
        return durations.computeIfAbsent(k, key -> {
            Tags tags = Tags.of(METHOD, key.method, TOOL, key.tool, PROMPT, key.prompt, ERROR_TYPE, key.errorType,
                    STATUS_CODE, key.statusCode, PROTOCOL_VERSION, key.version, TRANSPORT, key.transport,
                    OPERATION, "tools/call".equals(key.method) ? "execute_tool" : "");
            if (resourceUris) {
                tags = tags.and(RESOURCE_URI, key.uri);
            }
            return Timer.builder(OPERATION_DURATION)
                    .description("The duration of an MCP request as observed on the server, from its arrival until "
                            + "the transport took its answer")
                    .tags(tags).serviceLevelObjectives(buckets()).register(registry);
        });
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(List.of(name, String.join("\u0000", tags)),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    /** One request in flight; also its context on the thread that serves it, while entered. */
    private final class Observed implements Observation, Observation.Entered {
        private static final VarHandle ENDED;

        static {
            try {
                ENDED = MethodHandles.lookup().findVarHandle(Observed.class, "ended", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final long started = System.nanoTime();
        private final String requestId;
        private final Target target;
        private final String uri;
        private final Transport transport;
        private final Client client;
        private final Span span;
        @SuppressWarnings("unused") // through ENDED
        private volatile boolean ended;
        private volatile String protocolVersion;
        private volatile String rejection;
        /** While entered: the span's scope, and the MDC the thread had before (null: none). */
        private Scope scope;
        private Map<String, String> mdcBefore;

        Observed(JsonNode id, String rawMethod, ObjectNode params, Exchange exchange) {
            this.requestId = id.asText();
            JsonNode name = params.get("name");
            this.target = target(rawMethod, name);
            this.uri = target.method.startsWith("resources/") && params.path("uri").isTextual()
                    ? params.path("uri").asText() : null;
            this.transport = exchange.transport();
            this.client = exchange.client();
            this.span = tracer == null ? null : startSpan(id, rawMethod, name, params, exchange);
        }

        private Span startSpan(JsonNode id, String rawMethod, JsonNode nameNode, ObjectNode params, Exchange exchange) {
            JsonNode meta = params.get("_meta");
            Context parent = meta != null && meta.isObject() ? propagator.extract(Context.root(), meta, META)
                    : Context.root();
            String method = target.method;
            SpanBuilder b = tracer.spanBuilder(target.spanName)
                    .setSpanKind(SpanKind.SERVER).setParent(parent)
                    .setAttribute(A_METHOD, OTHER.equals(method) ? safe(rawMethod) : method)
                    .setAttribute(A_REQUEST_ID, safe(requestId))
                    .setAttribute(A_TRANSPORT, transport.networkTransport());
            if (target.tool != null) {
                b.setAttribute(A_TOOL, OTHER.equals(target.tool) ? safe(nameNode.asText()) : target.tool)
                        .setAttribute(A_OPERATION, "execute_tool");
            }
            if (target.prompt != null) {
                b.setAttribute(A_PROMPT, OTHER.equals(target.prompt) ? safe(nameNode.asText()) : target.prompt);
            }
            if (uri != null) {
                b.setAttribute(A_RESOURCE_URI, uri);
            }
            if (transport == Transport.HTTP) {
                b.setAttribute(A_NETWORK_PROTOCOL, "http");
                String session = exchange.header(HttpSessions.HEADER);
                if (session != null) {
                    b.setAttribute(A_SESSION_ID, safe(session));
                }
                // the HTTP request's own context is the transport's, not the MCP client's: a link, not the parent
                SpanContext ambient = Span.fromContext(propagator.extract(Context.root(), exchange, HEADERS))
                        .getSpanContext();
                if (ambient.isValid()) {
                    b.addLink(ambient);
                }
            }
            return b.startSpan();
        }

        @Override
        public void protocolVersion(String version) {
            this.protocolVersion = version;
            if (span != null && version != null) {
                span.setAttribute(A_PROTOCOL_VERSION, safe(version));
            }
        }

        @Override
        public void rejected(String reason) {
            this.rejection = reason;
        }

        @Override
        public Entered enter() {
            Scope s = span == null ? null : span.makeCurrent();
            if (!logContext) {
                return s == null ? Entered.NONE : s::close;
            }
            this.scope = s;
            // the thread's own MDC (pool threads have none) is restored on exit: one clear instead of a remove
            // per field (each put or remove costs the MDC two thread-local look-ups)
            this.mdcBefore = MDC.getCopyOfContextMap();
            if (span != null) {
                SpanContext c = span.getSpanContext();
                MDC.put("trace_id", c.getTraceId());
                MDC.put("span_id", c.getSpanId());
            }
            MDC.put("request_id", safe(requestId));
            MDC.put("mcp_method", target.method);
            if (target.tool != null) {
                MDC.put("tool", target.tool);
            }
            MDC.put("client_hash", clientHash(client));
            return this;
        }

        /** Leaves the thread as {@link #enter} found it. */
        @Override
        public void close() {
            try {
                if (mdcBefore == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(mdcBefore);
                }
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }

        @Override
        public void result(ObjectNode result) {
            if ("tools/call".equals(target.method) && result.path("isError").asBoolean(false)) {
                JsonNode error = result.path("structuredContent").path("error");
                end("tool_error", null, error.path("code").asText(null), error.path("message").asText(null));
            } else {
                end(null, null, null, null);
            }
        }

        @Override
        public void error(RpcException e) {
            String code = String.valueOf(e.code);
            String burrowCode = e.data != null && e.data.path("code").isTextual() ? e.data.path("code").asText() : null;
            end(code, code, burrowCode, e.getMessage());
        }

        @Override
        public void cancelled() {
            end("cancelled", null, null, "cancelled");
        }

        private void end(String errorType, String statusCode, String burrowCode, String message) {
            if (!ENDED.compareAndSet(this, false, true)) {
                return;
            }
            long nanos = System.nanoTime() - started;
            String version = protocolVersion;
            if (registry != null) {
                Timer timer = errorType == null && (uri == null || !resourceUris) ? target.ok(version, transport)
                        : duration(new DurationKey(target.method, orEmpty(target.tool), orEmpty(target.prompt),
                                resourceUris ? orEmpty(uri) : "", orEmpty(errorType), orEmpty(statusCode),
                                knownVersion(version), transport.networkTransport()));
                timer.record(nanos, TimeUnit.NANOSECONDS);
                if (burrowCode != null) {
                    counter(ERRORS, "Requests answered with a Burrow error code (tool error results and JSON-RPC errors)",
                            METHOD, target.method, TOOL, orEmpty(target.tool), ERROR_CODE, bounded(burrowCode))
                            .increment();
                }
                String reason = rejection != null ? rejection : rejectionOf(burrowCode);
                if (reason != null) {
                    counter(REJECTIONS, "Requests refused for want of capacity, by reason", "reason", reason).increment();
                }
            }
            if (span != null) {
                if (errorType != null) {
                    span.setAttribute(A_ERROR_TYPE, errorType);
                    span.setStatus(StatusCode.ERROR, message == null ? errorType : safe(message));
                }
                if (statusCode != null) {
                    span.setAttribute(A_STATUS_CODE, statusCode);
                }
                if (burrowCode != null) {
                    span.setAttribute(A_BURROW_CODE, safe(burrowCode));
                }
                span.end();
            }
        }
    }

    /** The rejection a Burrow error code stands for (refused for want of capacity), or {@code null}. */
    private static String rejectionOf(String burrowCode) {
        if (burrowCode == null) {
            return null;
        }
        if (ErrorCodes.RATE_LIMITED.name().equals(burrowCode)) {
            return "rate_limited";
        }
        if (ErrorCodes.OVERLOADED.name().equals(burrowCode)) {
            return "overloaded";
        }
        return ErrorCodes.UPSTREAM_UNAVAILABLE.name().equals(burrowCode) ? "upstream_unavailable" : null;
    }

    /** Error codes are upper-case identifiers by construction; anything else is not a code. */
    private static String bounded(String code) {
        return code.length() <= 64 && code.matches("[A-Z][A-Z0-9_]*") ? code : OTHER;
    }

    /**
     * A client-given value fit for an attribute or a log field: as it is when short and printable (every
     * well-behaved request; no copy, no regular expression on the hot path), else clipped and cleaned.
     */
    static String safe(String s) {
        if (s.length() <= 100) {
            boolean printable = true;
            for (int i = 0; i < s.length() && printable; i++) {
                printable = !Character.isISOControl(s.charAt(i));
            }
            if (printable) {
                return s;
            }
        }
        return Engine.clip(s);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
