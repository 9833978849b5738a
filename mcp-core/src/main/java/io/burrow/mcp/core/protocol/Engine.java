package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCode;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.MissingClientCapabilityException;
import io.burrow.mcp.core.internal.Registry;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.CacheHint;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP protocol engine: routes every inbound JSON-RPC message to the 2025-11-25 lane ({@code
 * initialize} and session-bound requests) or the 2026-07-28 lane (requests carrying
 * {@code _meta["io.modelcontextprotocol/protocolVersion"]}, and {@code server/discover}), and answers
 * every request exactly once, within its deadline, whatever a handler throws. Transports hand it
 * parsed messages through {@link McpEndpoint}.
 */
final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    static final String MODERN = "2026-07-28";
    static final List<String> MODERN_VERSIONS = List.of(MODERN);
    static final List<String> LEGACY_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String META_SUBSCRIPTION = "io.modelcontextprotocol/subscriptionId";
    /** How long static listings (tools, prompts, templates, discovery) may be kept by clients. */
    static final Duration STATIC_TTL = Duration.ofHours(1);

    static {
        // Initialised now, not at the first failure: a class whose static initialiser first runs inside a
        // fault (an Error thrown in the middle of it) stays unusable for the life of the JVM.
        for (Class<?> c : List.of(BurrowException.class, io.burrow.mcp.core.InvalidRequestException.class,
                io.burrow.mcp.core.NotFoundException.class, MissingClientCapabilityException.class,
                RpcException.class, InputRequired.class)) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** Everything the engine is built from. */
    record Config(String name, String version, String instructions, Registry registry, Dispatcher dispatcher,
            ExecutorService workers, ScheduledExecutorService timer, Duration requestTimeout, int pageSize,
            RequestStates states, int maxSubscriptions, RequestObserver observer) {
    }

    private final Config config;
    private final Dispatcher dispatcher;
    private final ObjectNode serverInfo;
    private final Set<Scope> legacyScopes = ConcurrentHashMap.newKeySet();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final RequestObserver observer;
    private volatile boolean closing;

    Engine(Config config) {
        this.config = config;
        this.dispatcher = config.dispatcher();
        this.observer = GuardedObserver.of(config.observer());
        this.serverInfo = Wire.object().put("name", config.name()).put("version", config.version());
    }

    Duration requestTimeout() {
        return config.requestTimeout();
    }

    ScheduledExecutorService timer() {
        return config.timer();
    }

    void register(Scope scope) {
        legacyScopes.add(scope);
    }

    /** The scope ended: it hears of no more changes, and a session it held is over. */
    void unregister(Scope scope) {
        if (legacyScopes.remove(scope) && scope.session != null) {
            observer.sessionEnded(scope.session, scope.transport());
        }
    }

    // ---- routing ----------------------------------------------------------------------------------

    /**
     * Handles one inbound message.
     *
     * @param connection the connection it came over (stdio), or {@code null} for a request/response transport
     * @param sessions the HTTP sessions of the endpoint it came to, or {@code null} on a connection
     */
    void handle(JsonNode message, Exchange exchange, Scope connection, HttpSessions sessions) {
        Observation obs = observe(message, exchange);
        try {
            route(message, exchange, connection, sessions, obs);
        } catch (RpcException e) {
            obs.error(e);
            JsonNode id = message != null && message.isObject() && Rpc.validId(message.get("id")) ? message.get("id") : null;
            exchange.reply(Rpc.error(id, e.code, e.getMessage(), e.data), Reply.status(e.httpStatus));
        } catch (Throwable e) {
            LOG.error("handling a message failed", e);
            obs.error(new RpcException(Rpc.INTERNAL_ERROR, "Internal error"));
            JsonNode id = message != null && message.isObject() && Rpc.validId(message.get("id")) ? message.get("id") : null;
            exchange.reply(Rpc.error(id, Rpc.INTERNAL_ERROR, "Internal error", null), Reply.status(500));
            Dispatcher.rethrowIfFatal(e);
        }
    }

    /** The observation of a request (a message with a method and a valid id); nothing for anything else. */
    private Observation observe(JsonNode message, Exchange exchange) {
        if (observer == RequestObserver.NONE || message == null || !message.isObject()
                || !Rpc.validId(message.get("id")) || !message.path("method").isTextual()) {
            return Observation.NONE;
        }
        JsonNode p = message.get("params");
        return observer.start(message.get("id"), message.get("method").asText(),
                p instanceof ObjectNode o ? o : Wire.object(), exchange);
    }

    private void route(JsonNode message, Exchange ex, Scope connection, HttpSessions sessions, Observation obs) {
        if (message == null || !message.isObject()) {
            throw new RpcException(Rpc.INVALID_REQUEST, message != null && message.isArray()
                    ? "Invalid Request: batches are not supported; send one message at a time"
                    : "Invalid Request: a JSON-RPC message is an object", null, 400);
        }
        JsonNode id = message.get("id");
        JsonNode validId = Rpc.validId(id) ? id : null;
        if (!"2.0".equals(message.path("jsonrpc").asText(null)) || !message.path("jsonrpc").isTextual()) {
            throw new RpcException(Rpc.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"", null, 400);
        }
        JsonNode methodNode = message.get("method");
        if (methodNode == null) {
            if (validId != null && (message.has("result") || message.has("error"))) {
                Scope scope = connection != null ? connection : sessions == null ? null : sessions.find(ex);
                if (scope != null) {
                    scope.answered(validId.asText(), message);
                }
                ex.accepted();
                return;
            }
            throw new RpcException(Rpc.INVALID_REQUEST, "Invalid Request: no method", null, 400);
        }
        if (!methodNode.isTextual() || methodNode.asText().isEmpty()) {
            throw new RpcException(Rpc.INVALID_REQUEST, "Invalid Request: method must be a non-empty string", null, 400);
        }
        String method = methodNode.asText();
        JsonNode p = message.get("params");
        if (p != null && !p.isNull() && !p.isObject()) {
            throw new RpcException(Rpc.INVALID_PARAMS, "Invalid params: params must be an object", null,
                    id == null ? 400 : 200);
        }
        ObjectNode params = p == null || p.isNull() ? Wire.object() : (ObjectNode) p;
        if (id == null) {
            notification(method, params, ex, connection, sessions);
            return;
        }
        if (validId == null) {
            throw new RpcException(Rpc.INVALID_REQUEST, "Invalid Request: id must be a string or an integer", null, 400);
        }
        if (closing) {
            obs.rejected("shutting_down");
            throw new RpcException(Rpc.INTERNAL_ERROR, "The server is shutting down; try again on another instance",
                    errorData(ErrorCodes.OVERLOADED, "Retry on another instance."), 503);
        }
        dispatcher.prepareInBackground(); // the first request of the server's life starts it; no start-up waits for it
        JsonNode meta = params.get("_meta");
        boolean modern = (meta != null && meta.has(META_VERSION)) || "server/discover".equals(method)
                || (ex.transport() == Transport.HTTP && isModernVersion(ex.header("MCP-Protocol-Version")));
        if (modern) {
            modern(validId, method, params, ex, connection, obs);
        } else {
            legacy(validId, method, params, ex, connection, sessions, obs);
        }
    }

    private static boolean isModernVersion(String version) {
        return version != null && MODERN_VERSIONS.contains(version);
    }

    private void notification(String method, ObjectNode params, Exchange ex, Scope connection, HttpSessions sessions) {
        Scope scope = connection != null ? connection : sessions == null ? null : sessions.find(ex);
        switch (method) {
            case "notifications/initialized" -> {
                if (scope != null && scope.session != null) {
                    scope.session.initialized = true;
                }
            }
            case "notifications/cancelled" -> {
                JsonNode requestId = params.get("requestId");
                if (scope != null && Rpc.validId(requestId)) {
                    scope.cancel(requestId.toString(), params.path("reason").asText("no reason given"));
                }
            }
            default -> LOG.debug("ignored notification {}", method);
        }
        ex.accepted();
    }

    // ---- 2025-11-25 -------------------------------------------------------------------------------

    private void legacy(JsonNode id, String method, ObjectNode params, Exchange ex, Scope connection,
            HttpSessions sessions, Observation obs) {
        Scope scope = connection;
        if (connection == null) {
            scope = sessions.find(ex); // throws 404 for an unknown session
            String header = ex.header("MCP-Protocol-Version");
            if (header != null && !LEGACY_VERSIONS.contains(header) && !"initialize".equals(method)) {
                throw new RpcException(Rpc.INVALID_REQUEST, "Unsupported MCP-Protocol-Version '" + clip(header)
                        + "'; supported: " + String.join(", ", allVersions()), null, 400);
            }
        }
        if ("initialize".equals(method)) {
            initialize(id, params, ex, connection, sessions, obs);
            return;
        }
        LegacySession session = scope == null ? null : scope.session;
        if (session == null) {
            if ("ping".equals(method)) {
                ObjectNode result = Wire.object();
                obs.result(result);
                ex.reply(Rpc.response(id, result), Reply.OK);
                return;
            }
            if (connection != null || !sessions.stateless()) {
                throw new RpcException(Rpc.INVALID_REQUEST, "No session: send initialize first (protocol 2025-11-25), "
                        + "or send _meta[\"" + META_VERSION + "\"] and clientCapabilities with every request "
                        + "(protocol 2026-07-28)", null, 400);
            }
            String header = ex.header("MCP-Protocol-Version");
            session = new LegacySession(header != null ? header : "2025-03-26", Wire.object(), null);
        }
        obs.protocolVersion(session.protocolVersion);
        Running r = new Running(this, ex, scope, Running.Era.LEGACY, id, method, params,
                Deadline.after(config.requestTimeout()), session.clientCapabilities, session.clientName, null, null, obs);
        switch (method) {
            case "ping" -> r.reply(Wire.object());
            case "logging/setLevel" -> {
                requireSession(scope);
                LogLevels.Level level = LogLevels.parse(params.path("level").asText(null));
                if (level == null) {
                    throw RpcException.invalidParams("Invalid params: level must be one of debug, info, notice, "
                            + "warning, error, critical, alert, emergency");
                }
                session.logLevel = level;
                r.reply(Wire.object());
            }
            case "resources/subscribe", "resources/unsubscribe" -> {
                requireSession(scope);
                String uri = requiredText(params, "uri", method);
                if (method.endsWith("/subscribe")) {
                    session.subscriptions.add(uri);
                } else {
                    session.subscriptions.remove(uri);
                }
                r.reply(Wire.object());
            }
            default -> shared(r, true);
        }
    }

    private static void requireSession(Scope scope) {
        if (scope == null) {
            throw new RpcException(Rpc.METHOD_NOT_FOUND, "Method not found: the stateless transport has no sessions "
                    + "to keep log levels or subscriptions in", null, 200);
        }
    }

    private void initialize(JsonNode id, ObjectNode params, Exchange ex, Scope connection, HttpSessions sessions,
            Observation obs) {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw RpcException.invalidParams("Invalid params: initialize needs a string 'protocolVersion'");
        }
        JsonNode caps = params.get("capabilities");
        if (caps != null && !caps.isNull() && !caps.isObject()) {
            throw RpcException.invalidParams("Invalid params: initialize 'capabilities' must be an object");
        }
        String version = LEGACY_VERSIONS.contains(requested.asText()) ? requested.asText() : LEGACY_VERSIONS.get(0);
        obs.protocolVersion(version);
        JsonNode info = params.path("clientInfo");
        LegacySession session = new LegacySession(version, caps != null && caps.isObject() ? (ObjectNode) caps
                : Wire.object(), info.path("name").isTextual() ? clip(info.path("name").asText()) : null);
        boolean sessionful = connection != null || !sessions.stateless();
        ObjectNode result = Wire.object().put("protocolVersion", version);
        result.set("capabilities", capabilities(sessionful, false));
        result.set("serverInfo", serverInfo.deepCopy());
        Wire.putIfSet(result, "instructions", config.instructions());
        Reply how = Reply.OK;
        if (connection != null) {
            connection.session = session;
        } else if (sessionful) {
            HttpSession s;
            try {
                s = sessions.create(ex.client()); // throws when the cap is reached
            } catch (RpcException e) {
                obs.rejected("too_many_sessions");
                throw e;
            }
            s.session = session;
            how = new Reply(200, s.id);
        }
        LOG.debug("initialize: client {} asked for protocol {}, served {}", session.clientName,
                clip(requested.asText()), version);
        obs.result(result);
        ex.reply(Rpc.response(id, result), how);
    }

    private static ObjectNode capabilities(boolean sessionful, boolean modern) {
        ObjectNode c = Wire.object();
        c.putObject("tools").put("listChanged", false);
        ObjectNode res = c.putObject("resources");
        res.put("subscribe", sessionful || modern).put("listChanged", sessionful || modern);
        c.putObject("prompts").put("listChanged", false);
        c.putObject("completions");
        if (sessionful || modern) {
            c.putObject("logging");
        }
        return c;
    }

    // ---- 2026-07-28 -------------------------------------------------------------------------------

    private void modern(JsonNode id, String method, ObjectNode params, Exchange ex, Scope connection,
            Observation obs) {
        JsonNode metaNode = params.get("_meta");
        if (metaNode == null || !metaNode.isObject()) {
            throw new RpcException(Rpc.INVALID_PARAMS, "Invalid params: a 2026-07-28 request carries _meta with \""
                    + META_VERSION + "\" and \"" + META_CAPABILITIES + "\"", null, 400);
        }
        ObjectNode meta = (ObjectNode) metaNode;
        JsonNode version = meta.get(META_VERSION);
        if (version == null || !version.isTextual()) {
            throw new RpcException(Rpc.INVALID_PARAMS, "Invalid params: _meta[\"" + META_VERSION
                    + "\"] must be a protocol version string such as \"" + MODERN + "\"", null, 400);
        }
        obs.protocolVersion(version.asText());
        if (ex.transport() == Transport.HTTP) {
            checkHeaders(method, params, version.asText(), ex); // a header that contradicts the body first
        }
        if (!MODERN_VERSIONS.contains(version.asText())) {
            ObjectNode data = Wire.object();
            ArrayNode supported = data.putArray("supported");
            allVersions().forEach(supported::add);
            data.put("requested", clip(version.asText()));
            String hint = LEGACY_VERSIONS.contains(version.asText())
                    ? " (" + version.asText() + " is served after an initialize handshake)" : "";
            throw new RpcException(Rpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version" + hint, data, 400);
        }
        JsonNode caps = meta.get(META_CAPABILITIES);
        if (caps == null || !caps.isObject()) {
            throw new RpcException(Rpc.INVALID_PARAMS, "Invalid params: _meta[\"" + META_CAPABILITIES
                    + "\"] must be an object (empty if the client offers nothing)", null, 400);
        }
        JsonNode info = meta.get(META_CLIENT_INFO);
        if (info != null && !info.isObject()) {
            throw new RpcException(Rpc.INVALID_PARAMS, "Invalid params: _meta[\"" + META_CLIENT_INFO
                    + "\"] must be an object", null, 400);
        }
        LogLevels.Level logLevel = null;
        JsonNode levelNode = meta.get(META_LOG_LEVEL);
        if (levelNode != null) {
            logLevel = LogLevels.parse(levelNode.asText(null));
            if (logLevel == null || !levelNode.isTextual()) {
                throw new RpcException(Rpc.INVALID_PARAMS, "Invalid params: _meta[\"" + META_LOG_LEVEL
                        + "\"] must be one of debug, info, notice, warning, error, critical, alert, emergency", null, 400);
            }
        }
        String clientName = info != null && info.path("name").isTextual() ? clip(info.path("name").asText()) : null;
        ObjectNode answers = null;
        if (List.of("tools/call", "prompts/get", "resources/read").contains(method)) {
            answers = answers(method, params, ex.client());
        }
        Running r = new Running(this, ex, connection, Running.Era.MODERN, id, method, params,
                Deadline.after(config.requestTimeout()), (ObjectNode) caps, clientName, logLevel, answers, obs);
        switch (method) {
            case "server/discover" -> r.reply(discover());
            case "subscriptions/listen" -> listen(r);
            default -> shared(r, false);
        }
    }

    /** The answers of a multi-round-trip retry: the sealed ones of earlier rounds, then this round's. */
    private ObjectNode answers(String method, ObjectNode params, Client client) {
        JsonNode responses = params.get("inputResponses");
        JsonNode state = params.get("requestState");
        if (responses != null && !responses.isNull() && !responses.isObject()) {
            throw RpcException.invalidParams("Invalid params: inputResponses must be an object of answers by key");
        }
        if (state != null && !state.isNull() && !state.isTextual()) {
            throw RpcException.invalidParams("Invalid params: requestState must be the string the server sent");
        }
        ObjectNode out = Wire.object();
        if (responses != null && responses.isObject()) {
            out.setAll((ObjectNode) responses);
        }
        if (state != null && state.isTextual()) {
            out.setAll(config.states().open(state.asText(), binding(method, params, client))); // sealed answers win
        }
        return out;
    }

    private static RequestStates.Binding binding(String method, ObjectNode params, Client client) {
        String name = "resources/read".equals(method) ? params.path("uri").asText("") : params.path("name").asText("");
        return RequestStates.bind(method, name, params.path("arguments"), client.id());
    }

    private void checkHeaders(String method, ObjectNode params, String version, Exchange ex) {
        String v = ex.header("MCP-Protocol-Version");
        if (!version.equals(v)) {
            throw headerMismatch(v == null ? "the MCP-Protocol-Version header is missing"
                    : "MCP-Protocol-Version header '" + clip(v) + "' does not match _meta protocolVersion '" + version + "'");
        }
        String m = ex.header("Mcp-Method");
        if (!method.equals(m)) {
            throw headerMismatch(m == null ? "the Mcp-Method header is missing"
                    : "Mcp-Method header '" + clip(m) + "' does not match method '" + clip(method) + "'");
        }
        String nameField = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        if (nameField != null && params.path(nameField).isTextual()) {
            String body = params.path(nameField).asText();
            String raw = ex.header("Mcp-Name");
            String header = decodeHeader(raw);
            if (!body.equals(header)) {
                throw headerMismatch(raw == null ? "the Mcp-Name header is missing"
                        : "Mcp-Name header does not match params." + nameField);
            }
            if ("tools/call".equals(method)) {
                ParamHeaders.check(dispatcher.paramHeaders(body), params.path("arguments"), ex);
            }
        }
    }

    /** A header value, decoded from the {@code =?base64?…?=} form if it uses it; {@code null} if invalid. */
    static String decodeHeader(String value) {
        if (value == null) {
            return null;
        }
        if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
            try {
                return new String(Base64.getDecoder().decode(value.substring(9, value.length() - 2)),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return null;
            }
        }
        return value;
    }

    private static RpcException headerMismatch(String what) {
        return new RpcException(Rpc.HEADER_MISMATCH, "Header mismatch: " + what, null, 400);
    }

    private ObjectNode discover() {
        ObjectNode result = Wire.object();
        ArrayNode versions = result.putArray("supportedVersions");
        allVersions().forEach(versions::add);
        result.set("capabilities", capabilities(false, true));
        Wire.putIfSet(result, "instructions", config.instructions());
        Wire.cacheHint(result, CacheHint.shared(STATIC_TTL));
        return result;
    }

    private static List<String> allVersions() {
        List<String> all = new ArrayList<>(MODERN_VERSIONS);
        all.addAll(LEGACY_VERSIONS);
        return all;
    }

    // ---- subscriptions (2026-07-28) --------------------------------------------------------------

    /** An open {@code subscriptions/listen} stream and what it asked for. */
    private record Listener(Running request, boolean resourcesListChanged, Set<String> resourceUris) {
    }

    private void listen(Running r) {
        JsonNode filter = r.params.path("notifications");
        if (!filter.isMissingNode() && !filter.isObject()) {
            throw RpcException.invalidParams("Invalid params: notifications must be an object");
        }
        JsonNode uris = filter.path("resourceSubscriptions");
        if (!uris.isMissingNode() && !uris.isArray()) {
            throw RpcException.invalidParams("Invalid params: resourceSubscriptions must be an array of URIs");
        }
        if (listeners.size() >= config.maxSubscriptions()) {
            r.observation.rejected("too_many_subscriptions");
            throw new RpcException(Rpc.INTERNAL_ERROR, "Too many open subscriptions (" + config.maxSubscriptions()
                    + "); close one or try later", errorData(ErrorCodes.OVERLOADED, null), 503);
        }
        Set<String> subscribed = ConcurrentHashMap.newKeySet();
        uris.forEach(u -> {
            if (u.isTextual()) {
                subscribed.add(u.asText());
            }
        });
        boolean listChanged = filter.path("resourcesListChanged").asBoolean(false);
        Listener listener = new Listener(r, listChanged, subscribed);
        r.longLived = true;
        r.exchange.longLived();
        if (r.scope != null && !r.scope.track(r.idKey(), r)) {
            throw new RpcException(Rpc.INVALID_REQUEST, "Invalid Request: id " + clip(r.idKey()) + " is still in use",
                    null, 400);
        }
        listeners.add(listener);
        r.onCancel(() -> listeners.remove(listener));
        r.exchange.onClose(() -> r.cancel("the client closed the stream"));
        ObjectNode agreed = Wire.object();
        if (listChanged) {
            agreed.put("resourcesListChanged", true);
        }
        if (!subscribed.isEmpty()) {
            ArrayNode a = agreed.putArray("resourceSubscriptions");
            subscribed.forEach(a::add);
        }
        ObjectNode ack = Wire.object();
        ack.putObject("_meta").set(META_SUBSCRIPTION, r.id);
        ack.set("notifications", agreed);
        r.exchange.send(Rpc.notification("notifications/subscriptions/acknowledged", ack));
    }

    /** The resource list changed: 2025-11-25 sessions and 2026-07-28 listeners that asked hear of it. */
    void resourcesChanged() {
        for (Scope s : legacyScopes) {
            if (s.session != null) {
                s.deliver(Rpc.notification("notifications/resources/list_changed", null));
            }
        }
        for (Listener l : listeners) {
            if (l.resourcesListChanged()) {
                l.request().exchange.send(Rpc.notification("notifications/resources/list_changed", subscriptionMeta(l)));
            }
        }
    }

    /** One resource changed: subscribers of its URI hear of it. */
    void resourceUpdated(String uri) {
        for (Scope s : legacyScopes) {
            if (s.session != null && s.session.subscriptions.contains(uri)) {
                s.deliver(Rpc.notification("notifications/resources/updated", Wire.object().put("uri", uri)));
            }
        }
        for (Listener l : listeners) {
            if (l.resourceUris().contains(uri)) {
                l.request().exchange.send(Rpc.notification("notifications/resources/updated",
                        subscriptionMeta(l).put("uri", uri)));
            }
        }
    }

    private static ObjectNode subscriptionMeta(Listener l) {
        ObjectNode p = Wire.object();
        p.putObject("_meta").set(META_SUBSCRIPTION, l.request().id);
        return p;
    }

    // ---- methods of both generations -------------------------------------------------------------

    private void shared(Running r, boolean legacy) {
        ObjectNode p = r.params;
        switch (r.method) {
            case "tools/list" -> {
                Cursors.Page<ToolDefinition> page = Cursors.page(dispatcher.tools(), cursor(p), config.pageSize());
                ObjectNode result = Wire.object();
                ArrayNode tools = result.putArray("tools");
                page.items().forEach(t -> tools.add(Wire.tool(t, dispatcher.outputSchema(t.name()))));
                Wire.putIfSet(result, "nextCursor", page.nextCursor());
                cacheable(r, result, CacheHint.shared(STATIC_TTL));
                r.reply(result);
            }
            case "prompts/list" -> {
                List<PromptDefinition> all = dispatcher.prompts().values().stream().map(Registry.Owned::value).toList();
                Cursors.Page<PromptDefinition> page = Cursors.page(all, cursor(p), config.pageSize());
                ObjectNode result = Wire.object();
                ArrayNode prompts = result.putArray("prompts");
                page.items().forEach(x -> prompts.add(Wire.prompt(x)));
                Wire.putIfSet(result, "nextCursor", page.nextCursor());
                cacheable(r, result, CacheHint.shared(STATIC_TTL));
                r.reply(result);
            }
            case "resources/templates/list" -> {
                List<ResourceTemplateInfo> all = new ArrayList<>();
                dispatcher.providers().forEach(o -> all.addAll(o.value().templates()));
                Cursors.Page<ResourceTemplateInfo> page = Cursors.page(all, cursor(p), config.pageSize());
                ObjectNode result = Wire.object();
                ArrayNode templates = result.putArray("resourceTemplates");
                page.items().forEach(t -> templates.add(Wire.template(t)));
                Wire.putIfSet(result, "nextCursor", page.nextCursor());
                cacheable(r, result, CacheHint.shared(STATIC_TTL));
                r.reply(result);
            }
            case "resources/list" -> {
                String cursor = cursor(p);
                execute(r, () -> resourceList(r, cursor));
            }
            case "tools/call" -> {
                String name = requiredText(p, "name", r.method);
                JsonNode args = p.get("arguments");
                if (args != null && !args.isNull() && !args.isObject()) {
                    throw RpcException.invalidParams("Invalid params: tools/call 'arguments' must be an object");
                }
                ObjectNode arguments = args == null || args.isNull() ? Wire.object() : (ObjectNode) args;
                if (!dispatcher.hasTool(name)) {
                    throw new RpcException(Rpc.INVALID_PARAMS, "Unknown tool: " + clip(name), errorData(
                            ErrorCodes.NOT_FOUND, "Available tools: " + String.join(", ", dispatcher.toolNames())), 200);
                }
                execute(r, () -> dispatcher.callTool(name, arguments, r));
            }
            case "resources/read" -> {
                String uri = requiredText(p, "uri", r.method);
                execute(r, () -> {
                    ResourceData data = dispatcher.readResource(uri);
                    ObjectNode result = Wire.object();
                    result.putArray("contents").add(Wire.resourceContents(data));
                    cacheable(r, result, data.cache());
                    return result;
                });
            }
            case "prompts/get" -> {
                String name = requiredText(p, "name", r.method);
                JsonNode args = p.get("arguments");
                if (args != null && !args.isNull() && !args.isObject()) {
                    throw RpcException.invalidParams("Invalid params: prompts/get 'arguments' must be an object");
                }
                Map<String, String> arguments = new LinkedHashMap<>();
                if (args != null && args.isObject()) {
                    args.fields().forEachRemaining(e -> arguments.put(e.getKey(),
                            e.getValue().isNull() ? null : e.getValue().isTextual() ? e.getValue().asText()
                                    : e.getValue().toString()));
                }
                execute(r, () -> Wire.promptResult(dispatcher.getPrompt(name, arguments, r)));
            }
            case "completion/complete" -> {
                JsonNode ref = p.path("ref");
                JsonNode argument = p.path("argument");
                if (!ref.isObject() || !ref.path("type").isTextual()) {
                    throw RpcException.invalidParams("Invalid params: completion/complete needs a 'ref' object with a 'type'");
                }
                if (!argument.isObject() || !argument.path("name").isTextual()) {
                    throw RpcException.invalidParams("Invalid params: completion/complete needs an 'argument' object "
                            + "with a 'name'");
                }
                String key = switch (ref.path("type").asText()) {
                    case "ref/prompt" -> "prompt:" + ref.path("name").asText("");
                    case "ref/resource" -> "resource:" + ref.path("uri").asText("");
                    default -> throw RpcException.invalidParams("Invalid params: ref.type must be ref/prompt or ref/resource");
                };
                Map<String, String> context = new LinkedHashMap<>();
                p.path("context").path("arguments").fields().forEachRemaining(e -> context.put(e.getKey(),
                        e.getValue().asText()));
                String value = argument.path("value").asText("");
                execute(r, () -> {
                    Dispatcher.Completions c = dispatcher.complete(key, argument.path("name").asText(), value, context);
                    ObjectNode result = Wire.object();
                    ObjectNode completion = result.putObject("completion");
                    ArrayNode values = completion.putArray("values");
                    c.values().forEach(values::add);
                    completion.put("total", c.total()).put("hasMore", c.total() > c.values().size());
                    return result;
                });
            }
            default -> throw new RpcException(Rpc.METHOD_NOT_FOUND, "Method not found: " + clip(r.method), null,
                    legacy ? 200 : 404);
        }
    }

    private ObjectNode resourceList(Running r, String cursor) {
        List<ResourceInfo> all = new ArrayList<>();
        Duration ttl = null;
        boolean shared = true;
        for (Registry.Owned<ResourceProvider> o : dispatcher.providers()) {
            try {
                all.addAll(o.value().resources());
                CacheHint h = o.value().listing();
                ttl = ttl == null || h.ttl().compareTo(ttl) < 0 ? h.ttl() : ttl;
                shared &= h.shared();
            } catch (RuntimeException e) {
                LOG.warn("module {} failed to list its resources", o.module(), e);
                ttl = Duration.ZERO;
            }
        }
        all.sort(Comparator.comparing(ResourceInfo::uri));
        Cursors.Page<ResourceInfo> page = Cursors.page(all, cursor, config.pageSize());
        ObjectNode result = Wire.object();
        ArrayNode resources = result.putArray("resources");
        page.items().forEach(x -> resources.add(Wire.resource(x)));
        Wire.putIfSet(result, "nextCursor", page.nextCursor());
        cacheable(r, result, new CacheHint(ttl == null ? Duration.ZERO : ttl, shared));
        return result;
    }

    private static void cacheable(Running r, ObjectNode result, CacheHint hint) {
        if (r.era == Running.Era.MODERN) {
            Wire.cacheHint(result, hint);
        }
    }

    private static String cursor(ObjectNode params) {
        JsonNode c = params.get("cursor");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isTextual()) {
            throw RpcException.invalidParams("Invalid params: cursor must be a string");
        }
        return c.asText();
    }

    private static String requiredText(ObjectNode params, String field, String method) {
        JsonNode v = params.get(field);
        if (v == null || !v.isTextual()) {
            throw RpcException.invalidParams("Invalid params: " + method + " needs a string '" + field + "'");
        }
        return v.asText();
    }

    // ---- running handlers -----------------------------------------------------------------------

    /** Runs {@code work} on a worker within the request's deadline and answers with what it returns. */
    private void execute(Running r, Supplier<ObjectNode> work) {
        if (r.scope != null && !r.scope.track(r.idKey(), r)) {
            throw new RpcException(Rpc.INVALID_REQUEST, "Invalid Request: id " + clip(r.idKey()) + " is still in use",
                    null, 200);
        }
        r.timeoutAfter(config.timer().schedule(r::expire, config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS));
        r.exchange.onClose(() -> r.cancel("the client closed the connection"));
        try {
            config.workers().execute(() -> run(r, work));
        } catch (RejectedExecutionException e) {
            overloaded(r);
        }
    }

    private void run(Running r, Supplier<ObjectNode> work) {
        if (r.isDone()) {
            return;
        }
        r.runningOn(Thread.currentThread());
        try (Observation.Entered entered = r.observation.enter()) {
            ObjectNode result = work.get();
            r.reply(result);
        } catch (InputRequired e) {
            r.reply(inputRequired(r, e));
        } catch (RpcException e) {
            r.fail(e);
        } catch (BurrowException e) {
            if ("tools/call".equals(r.method) && r.era == Running.Era.LEGACY) {
                r.reply(Dispatcher.errorResult(e));
            } else {
                r.fail(toRpc(r, e));
            }
        } catch (Throwable e) {
            if (!r.isDone()) {
                LOG.error("{} failed", r.method, e);
            }
            if ("tools/call".equals(r.method)) {
                r.reply(Dispatcher.errorResult(Dispatcher.internal()));
            } else {
                r.fail(new RpcException(Rpc.INTERNAL_ERROR, "Internal error",
                        errorData(ErrorCodes.INTERNAL_ERROR, "The server log has the details."), 200));
            }
            Dispatcher.rethrowIfFatal(e); // answered first: only what leaves the JVM unfit goes on
        } finally {
            r.runningOn(null);
        }
    }

    private void overloaded(Running r) {
        r.observation.rejected("overloaded");
        BurrowException e = new BurrowException(ErrorCodes.OVERLOADED, "The server is busy", "Retry in a few seconds.")
                .withDetail("retry_after_seconds", 2);
        if ("tools/call".equals(r.method)) {
            r.reply(Dispatcher.errorResult(e));
        } else {
            r.fail(new RpcException(Rpc.INTERNAL_ERROR, e.getMessage(), Json.toTree(e.toErrorObject()), 503));
        }
    }

    private ObjectNode inputRequired(Running r, InputRequired e) {
        ObjectNode result = Wire.object().put("resultType", "input_required");
        ObjectNode requests = result.putObject("inputRequests");
        e.requests.forEach((key, req) -> requests.putObject(key).put("method", req.method()).set("params", req.params()));
        ObjectNode sealed = Wire.object();
        Set<String> asked = e.requests.keySet();
        Iterator<Map.Entry<String, JsonNode>> it = r.answers().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> a = it.next();
            if (!asked.contains(a.getKey())) {
                sealed.set(a.getKey(), a.getValue());
            }
        }
        result.put("requestState", config.states().seal(binding(r.method, r.params, r.exchange.client()), sealed));
        return result;
    }

    /** The one translation of a {@link BurrowException} outside tool results into a JSON-RPC error. */
    private static RpcException toRpc(Running r, BurrowException e) {
        ObjectNode data = Json.toTree(e.toErrorObject()).deepCopy();
        if (e instanceof MissingClientCapabilityException m && r.era == Running.Era.MODERN) {
            ObjectNode required = Wire.object();
            required.putObject(m.capability());
            return new RpcException(Rpc.MISSING_CLIENT_CAPABILITY, e.getMessage(),
                    Wire.object().set("requiredCapabilities", required), 400);
        }
        if ("resources/read".equals(r.method)) {
            data.put("uri", r.params.path("uri").asText());
        }
        int code = switch (e.errorCode().kind()) {
            case NOT_FOUND -> "resources/read".equals(r.method) && r.era == Running.Era.LEGACY
                    ? Rpc.RESOURCE_NOT_FOUND : Rpc.INVALID_PARAMS;
            case INVALID, REFUSED -> Rpc.INVALID_PARAMS;
            case UNAVAILABLE, INTERNAL -> Rpc.INTERNAL_ERROR;
        };
        return new RpcException(code, e.getMessage(), data, 200);
    }

    static ObjectNode errorData(ErrorCode code, String hint) {
        ObjectNode d = Wire.object().put("code", code.name());
        Wire.putIfSet(d, "hint", hint);
        return d;
    }

    /** Adds what every 2026-07-28 result carries: {@code resultType} and the server's identity. */
    void decorate(Running r, ObjectNode result) {
        if (r.era != Running.Era.MODERN) {
            return;
        }
        if (!result.has("resultType")) {
            result.put("resultType", "complete");
        }
        JsonNode meta = result.get("_meta");
        ObjectNode m = meta != null && meta.isObject() ? (ObjectNode) meta : result.putObject("_meta");
        m.set(META_SERVER_INFO, serverInfo);
    }

    static String clip(String s) {
        String v = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return CONTROL.matcher(v).replaceAll("?");
    }

    // ---- shutdown -------------------------------------------------------------------------------

    /** Refuses new requests and ends open subscription streams gracefully. */
    void close() {
        closing = true;
        for (Listener l : listeners) {
            ObjectNode result = Wire.object();
            result.putObject("_meta").set(META_SUBSCRIPTION, l.request().id);
            l.request().reply(result);
        }
        listeners.clear();
    }

    boolean closing() {
        return closing;
    }
}
