package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.protocol.Client;
import io.burrow.mcp.core.protocol.HttpEndpoint;
import io.burrow.mcp.core.protocol.Messages;
import io.burrow.mcp.core.protocol.ThrottledLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request, in one place and without blocking a thread: the probes; then Host and Origin
 * validation (DNS rebinding), CORS for allowed origins, bearer-token authentication; then the MCP
 * endpoint. Only the exact path {@code /mcp} reaches MCP: {@code /./mcp}, {@code /mcp/} and any other
 * spelling get 404, so every message that reaches MCP passes the same checks. A POST body is read
 * asynchronously within a deadline and a size limit, parsed strictly (one JSON value, valid UTF-8),
 * and handed to the protocol engine with an {@link HttpExchange} for the answer.
 */
final class McpHandler extends Handler.Abstract.NonBlocking {

    private static final Logger LOG = LoggerFactory.getLogger(McpHandler.class);
    /** Refusals a client can cause at will are logged at most once per interval (see {@link ThrottledLog}). */
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);
    private final ThrottledLog hostRefused = new ThrottledLog(LOG, WARN_EVERY);
    private final ThrottledLog originRefused = new ThrottledLog(LOG, WARN_EVERY);
    private final ThrottledLog slowBody = new ThrottledLog(LOG, WARN_EVERY);

    static final String ENDPOINT = "/mcp";
    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";

    /** What the handler needs to know about the server's life cycle. */
    interface Lifecycle {
        boolean ready();

        boolean draining();

        /** What keeps the modules from being ready, by module (empty: ready). */
        default Map<String, String> notReady() {
            return Map.of();
        }
    }

    private final HttpEndpoint endpoint;
    private final AccessPolicy policy;
    private final HttpSettings settings;
    private final Lifecycle lifecycle;
    private final ConnectionGuard guard;
    private final ScheduledExecutorService timer;
    private final Set<HttpExchange> open = ConcurrentHashMap.newKeySet();

    McpHandler(HttpEndpoint endpoint, AccessPolicy policy, HttpSettings settings, Lifecycle lifecycle,
            ConnectionGuard guard, ScheduledExecutorService timer) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.guard = guard;
        this.timer = timer;
    }

    /** Requests being answered (subscription streams aside), for a graceful shutdown. */
    int inFlight() {
        return (int) open.stream().filter(e -> !e.isLongLived()).count();
    }

    /** Keeps open exchanges alive and notices clients that went away. */
    void heartbeat() {
        long after = TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds());
        open.forEach(e -> e.heartbeat(after));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        guard.begin(connection);
        Callback done = Callback.from(callback, () -> guard.end(connection));
        try {
            route(request, response, done);
        } catch (RuntimeException e) {
            LOG.error("HTTP request failed", e);
            error(response, done, 500, ErrorBodies.INTERNAL_ERROR, "Internal error");
        }
        return true;
    }

    private void route(Request rq, Response rs, Callback cb) {
        String path = rq.getHttpURI().getPath();
        if (HEALTH.equals(path) || READY.equals(path)) {
            health(path, rs, cb);
            return;
        }
        String host = settings.forwardedHeaders() ? hostOf(rq) : rq.getHeaders().get(HttpHeader.HOST);
        if (!policy.hostAllowed(host)) {
            hostRefused.warn("refused a request with Host '{}' (not in the allowed hosts)", printable(host));
            error(rs, cb, 421, ErrorBodies.TRANSPORT_ERROR, "Misdirected request: Host not allowed");
            return;
        }
        String origin = rq.getHeaders().get(HttpHeader.ORIGIN);
        if (!policy.originAllowed(origin)) {
            originRefused.warn("refused a request with Origin '{}' (not in the allowed origins)", printable(origin));
            error(rs, cb, 403, ErrorBodies.TRANSPORT_ERROR, "Forbidden: Origin not allowed");
            return;
        }
        if (origin != null) {
            rs.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            rs.getHeaders().add(HttpHeader.VARY, "Origin");
            rs.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Mcp-Session-Id, WWW-Authenticate");
            if ("OPTIONS".equals(rq.getMethod()) && rq.getHeaders().get("Access-Control-Request-Method") != null) {
                rs.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, DELETE, OPTIONS");
                rs.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, Accept, "
                        + "Mcp-Session-Id, MCP-Protocol-Version, Mcp-Method, Mcp-Name, Last-Event-ID");
                rs.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
                rs.setStatus(204);
                cb.succeeded();
                return;
            }
        }
        AccessPolicy.Auth auth = policy.authenticate(rq.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (auth != AccessPolicy.Auth.OK) {
            boolean missing = auth == AccessPolicy.Auth.MISSING;
            rs.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
                    "Bearer realm=\"burrow\"" + (missing ? "" : ", error=\"invalid_token\""));
            error(rs, cb, 401, ErrorBodies.TRANSPORT_ERROR,
                    missing ? "Unauthorized: send 'Authorization: Bearer <token>'" : "Unauthorized: invalid token");
            return;
        }
        if (!ENDPOINT.equals(path)) {
            error(rs, cb, 404, ErrorBodies.TRANSPORT_ERROR, "Not found: the MCP endpoint is " + ENDPOINT);
            return;
        }
        Client client = new Client(AccessPolicy.clientId(rq.getHeaders().get(HttpHeader.AUTHORIZATION),
                Request.getRemoteAddr(rq)), true);
        switch (rq.getMethod()) {
            case "POST" -> post(rq, rs, cb, client);
            case "GET" -> get(rq, rs, cb, client);
            case "DELETE" -> delete(rq, rs, cb);
            default -> {
                rs.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE, OPTIONS");
                error(rs, cb, 405, ErrorBodies.TRANSPORT_ERROR, "Method not allowed: POST JSON-RPC messages to "
                        + ENDPOINT);
            }
        }
    }

    private void health(String path, Response rs, Callback cb) {
        int status = 200;
        String body = "{\"status\":\"ok\"}";
        if (READY.equals(path)) {
            if (lifecycle.draining()) {
                status = 503;
                body = "{\"status\":\"draining\"}";
            } else if (!lifecycle.ready()) {
                status = 503;
                body = "{\"status\":\"starting\"}";
            } else if (!lifecycle.notReady().isEmpty()) {
                status = 503;
                ObjectNode b = Json.object().put("status", "not_ready");
                lifecycle.notReady().forEach(b.putObject("modules")::put);
                body = b.toString();
            } else {
                body = "{\"status\":\"ready\"}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        rs.setStatus(status);
        rs.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        rs.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        rs.write(true, ByteBuffer.wrap(bytes), cb);
    }

    private void post(Request rq, Response rs, Callback cb, Client client) {
        if (lifecycle.draining()) {
            error(rs, cb, 503, ErrorBodies.TRANSPORT_ERROR, "Server is shutting down");
            return;
        }
        String type = rq.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            error(rs, cb, 415, ErrorBodies.TRANSPORT_ERROR, "Unsupported media type: send application/json");
            return;
        }
        String accept = rq.getHeaders().get(HttpHeader.ACCEPT);
        if (accept != null && !accept.contains("application/json") && !accept.contains("text/event-stream")
                && !accept.contains("*/*")) {
            error(rs, cb, 406, ErrorBodies.TRANSPORT_ERROR,
                    "Not acceptable: answers are application/json or text/event-stream; send Accept with both");
            return;
        }
        int max = settings.maxRequestBytes();
        if (rq.getLength() > max) {
            error(rs, cb, 413, ErrorBodies.TRANSPORT_ERROR, "Request body too large (limit " + max + " bytes)");
            return;
        }
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(rq, max + 1);
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (!body.isDone()) {
                slowBody.warn("closed a connection whose request body took over {} s (BURROW_HTTP_BODY_TIMEOUT_SECONDS)",
                        settings.bodyTimeoutSeconds());
                body.completeExceptionally(new java.util.concurrent.TimeoutException());
            }
        }, settings.bodyTimeoutSeconds(), TimeUnit.SECONDS);
        body.whenComplete((bytes, failure) -> {
            deadline.cancel(false);
            if (failure != null) {
                boolean slow = failure instanceof java.util.concurrent.TimeoutException;
                boolean tooLarge = !slow && String.valueOf(failure.getMessage()).contains("max");
                if (slow) {
                    rs.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                error(rs, cb, slow ? 408 : tooLarge ? 413 : 400, ErrorBodies.TRANSPORT_ERROR, slow
                        ? "Request timeout: send the whole body within " + settings.bodyTimeoutSeconds() + " s"
                        : tooLarge ? "Request body too large (limit " + max + " bytes)" : "Could not read the body");
                return;
            }
            if (bytes.length > max) {
                error(rs, cb, 413, ErrorBodies.TRANSPORT_ERROR, "Request body too large (limit " + max + " bytes)");
                return;
            }
            JsonNode message;
            try {
                message = Messages.parse(bytes, 0, bytes.length);
            } catch (Messages.Malformed e) {
                error(rs, cb, 400, ErrorBodies.PARSE_ERROR, "Parse error: " + e.getMessage());
                return;
            }
            HttpExchange[] self = new HttpExchange[1];
            HttpExchange ex = new HttpExchange(rq, rs, cb, client, () -> open.remove(self[0]));
            self[0] = ex;
            open.add(ex);
            endpoint.handle(message, ex);
        });
    }

    /** A 2025-11-25 session's stream for messages that belong to no request. */
    private void get(Request rq, Response rs, Callback cb, Client client) {
        String accept = rq.getHeaders().get(HttpHeader.ACCEPT);
        if (accept == null || !accept.contains("text/event-stream")) {
            error(rs, cb, 406, ErrorBodies.TRANSPORT_ERROR, "Not acceptable: a GET opens an event stream; "
                    + "send Accept: text/event-stream");
            return;
        }
        String session = rq.getHeaders().get("Mcp-Session-Id");
        if (endpoint.stateless() || session == null) {
            rs.getHeaders().put(HttpHeader.ALLOW, "POST, DELETE, OPTIONS");
            error(rs, cb, 405, ErrorBodies.TRANSPORT_ERROR, endpoint.stateless()
                    ? "Method not allowed: this server has no sessions to stream"
                    : "Method not allowed without a session: send Mcp-Session-Id (2025-11-25), or subscriptions/listen "
                            + "(2026-07-28)");
            return;
        }
        if (lifecycle.draining()) {
            error(rs, cb, 503, ErrorBodies.TRANSPORT_ERROR, "Server is shutting down");
            return;
        }
        HttpExchange[] self = new HttpExchange[1];
        HttpExchange ex = new HttpExchange(rq, rs, cb, client, () -> open.remove(self[0]));
        self[0] = ex;
        ex.longLived();
        if (!endpoint.openStream(session, ex)) {
            error(rs, cb, 404, ErrorBodies.SESSION_NOT_FOUND, "Session not found: send initialize again");
            return;
        }
        open.add(ex);
        ex.heartbeat(0); // opens the stream at once
    }

    private void delete(Request rq, Response rs, Callback cb) {
        String session = rq.getHeaders().get("Mcp-Session-Id");
        if (session == null || endpoint.stateless()) {
            error(rs, cb, 405, ErrorBodies.TRANSPORT_ERROR, "Method not allowed: DELETE ends a session named by "
                    + "Mcp-Session-Id");
            return;
        }
        if (!endpoint.endSession(session)) {
            error(rs, cb, 404, ErrorBodies.SESSION_NOT_FOUND, "Session not found");
            return;
        }
        rs.setStatus(204);
        cb.succeeded();
    }

    /** Sends a transport error as a JSON-RPC envelope without an id. */
    static void error(Response rs, Callback cb, int status, int code, String message) {
        byte[] body = ErrorBodies.envelope(null, status, code, message);
        rs.setStatus(status);
        rs.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        rs.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (rs.getRequest().getLength() != 0) {
            // refused before its body was read: Jetty closes the connection after the answer if the rest of the
            // body has not arrived yet, so say so, or the client re-uses it and its next request meets a closed
            // socket (seen under load as "header parser received no bytes")
            rs.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        rs.write(true, ByteBuffer.wrap(body), cb);
    }

    private static String hostOf(Request rq) {
        String name = Request.getServerName(rq);
        if (name == null) {
            return null;
        }
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return name + ":" + Request.getServerPort(rq);
    }

    /** A header value fit for a log line. */
    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String v = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        return v.replaceAll("[\\p{Cntrl}]", "?");
    }
}
