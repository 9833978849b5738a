package io.burrow.mcp.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.internal.ParamsShape;
import io.burrow.mcp.core.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one filter in front of every path: health endpoints; then Host and Origin validation (DNS
 * rebinding), CORS for allowed origins, bearer-token authentication; then, for {@code POST /mcp},
 * content type, size limit and a JSON pre-check; refusal of new requests while draining; counting of
 * requests in flight for graceful shutdown. Every error response, its own or the servlet's, leaves as
 * a sanitised JSON-RPC envelope ({@link SanitizingResponse}).
 */
final class Gate implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);

    static final String ENDPOINT = "/mcp";
    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";

    /** What the gate needs to know about the server's life cycle. */
    interface Lifecycle {
        boolean ready();

        boolean draining();
    }

    private final AccessPolicy policy;
    private final InFlight inFlight;
    private final int maxRequestBytes;
    private final boolean forwardedHeaders;
    private final Lifecycle lifecycle;

    Gate(AccessPolicy policy, InFlight inFlight, int maxRequestBytes, boolean forwardedHeaders, Lifecycle lifecycle) {
        this.policy = policy;
        this.inFlight = inFlight;
        this.maxRequestBytes = maxRequestBytes;
        this.forwardedHeaders = forwardedHeaders;
        this.lifecycle = lifecycle;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest rq = (HttpServletRequest) request;
        HttpServletResponse raw = (HttpServletResponse) response;
        String path = rq.getRequestURI();
        if (HEALTH.equals(path) || READY.equals(path)) {
            health(path, raw);
            return;
        }
        SanitizingResponse rs = new SanitizingResponse(raw, rq.getHeader("Mcp-Session-Id") != null);
        try {
            handle(rq, rs, chain, path);
        } catch (IOException | ServletException | RuntimeException e) {
            if (e instanceof org.eclipse.jetty.io.EofException) {
                LOG.debug("client went away", e);
            } else {
                LOG.error("HTTP request failed", e);
            }
            if (!rs.isCommitted()) {
                rs.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
        } finally {
            rs.finish();
        }
    }

    private void health(String path, HttpServletResponse raw) throws IOException {
        int status = 200;
        String body = "{\"status\":\"ok\"}";
        if (READY.equals(path)) {
            if (lifecycle.draining()) {
                status = 503;
                body = "{\"status\":\"draining\"}";
            } else if (!lifecycle.ready()) {
                status = 503;
                body = "{\"status\":\"starting\"}";
            } else {
                body = "{\"status\":\"ready\"}";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        raw.setStatus(status);
        raw.setHeader("Cache-Control", "no-store");
        raw.setContentType("application/json");
        raw.setContentLength(bytes.length);
        raw.getOutputStream().write(bytes);
    }

    private void handle(HttpServletRequest rq, SanitizingResponse rs, FilterChain chain, String path)
            throws IOException, ServletException {
        String host = forwardedHeaders ? hostOf(rq) : rq.getHeader("Host");
        if (!policy.hostAllowed(host)) {
            LOG.warn("refused a request with Host '{}' (not in the allowed hosts)", printable(host));
            rs.respond(421, ErrorBodies.TRANSPORT_ERROR, "Misdirected request: Host not allowed");
            return;
        }
        String origin = rq.getHeader("Origin");
        if (!policy.originAllowed(origin)) {
            LOG.warn("refused a request with Origin '{}' (not in the allowed origins)", printable(origin));
            rs.respond(403, ErrorBodies.TRANSPORT_ERROR, "Forbidden: Origin not allowed");
            return;
        }
        if (origin != null) {
            rs.setHeader("Access-Control-Allow-Origin", origin);
            rs.addHeader("Vary", "Origin");
            rs.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id, WWW-Authenticate");
            if ("OPTIONS".equals(rq.getMethod()) && rq.getHeader("Access-Control-Request-Method") != null) {
                rs.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
                rs.setHeader("Access-Control-Allow-Headers",
                        "Authorization, Content-Type, Accept, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID");
                rs.setHeader("Access-Control-Max-Age", "600");
                rs.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        AccessPolicy.Auth auth = policy.authenticate(rq.getHeader("Authorization"));
        if (auth != AccessPolicy.Auth.OK) {
            boolean missing = auth == AccessPolicy.Auth.MISSING;
            rs.setHeader("WWW-Authenticate", "Bearer realm=\"burrow\"" + (missing ? "" : ", error=\"invalid_token\""));
            rs.respond(401, ErrorBodies.TRANSPORT_ERROR,
                    missing ? "Unauthorized: send 'Authorization: Bearer <token>'" : "Unauthorized: invalid token");
            return;
        }
        if (!ENDPOINT.equals(path)) {
            chain.doFilter(rq, rs);
            return;
        }
        if ("POST".equals(rq.getMethod())) {
            post(rq, rs, chain);
            return;
        }
        if ("GET".equals(rq.getMethod()) && lifecycle.draining()) {
            rs.respond(503, ErrorBodies.TRANSPORT_ERROR, "Server is shutting down");
            return;
        }
        chain.doFilter(rq, rs);
    }

    private void post(HttpServletRequest rq, SanitizingResponse rs, FilterChain chain)
            throws IOException, ServletException {
        String type = rq.getContentType();
        if (type == null || !type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            rs.respond(415, ErrorBodies.TRANSPORT_ERROR, "Unsupported media type: send application/json");
            return;
        }
        if (rq.getContentLengthLong() > maxRequestBytes) {
            rs.respond(413, ErrorBodies.TRANSPORT_ERROR, "Request body too large (limit " + maxRequestBytes + " bytes)");
            return;
        }
        byte[] body;
        try (InputStream in = rq.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        }
        if (body.length > maxRequestBytes) {
            rs.respond(413, ErrorBodies.TRANSPORT_ERROR, "Request body too large (limit " + maxRequestBytes + " bytes)");
            return;
        }
        JsonNode message;
        try {
            message = Json.plain().readTree(body);
        } catch (JacksonException e) {
            message = null;
        }
        if (message == null || message.isMissingNode()) {
            rs.respond(400, ErrorBodies.PARSE_ERROR, "Parse error");
            return;
        }
        if (!message.isObject()) {
            rs.respond(400, ErrorBodies.INVALID_REQUEST,
                    message.isArray() ? "Invalid Request: batches are not supported" : "Invalid Request");
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && (id.isTextual() || id.isIntegralNumber())) {
            rs.requestId(id);
        }
        if (!"2.0".equals(message.path("jsonrpc").asText(null))) {
            rs.respond(400, ErrorBodies.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
            return;
        }
        boolean isRequest = message.hasNonNull("method") && id != null && !id.isNull();
        if (isRequest && lifecycle.draining()) {
            rs.respond(503, ErrorBodies.TRANSPORT_ERROR, "Server is shutting down");
            return;
        }
        if (!isRequest) {
            chain.doFilter(new CachedBodyRequest(rq, body), rs);
            return;
        }
        String invalid = ParamsShape.problem(message);
        if (invalid != null) {
            invalidParams(rs, id, invalid);
            return;
        }
        // the SDK's servlets answer a request on this thread (they block until the response is written)
        inFlight.enter();
        try {
            chain.doFilter(new CachedBodyRequest(rq, body), rs);
        } finally {
            inFlight.exit();
        }
    }

    /** A JSON-RPC error response (HTTP 200, as the answer to the request), not a transport error. */
    private static void invalidParams(HttpServletResponse rs, JsonNode id, String problem) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.plain().createObjectNode().put("jsonrpc", "2.0");
        root.set("id", id);
        root.putObject("error").put("code", -32602).put("message", "Invalid params: " + problem);
        byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
        rs.setStatus(HttpServletResponse.SC_OK);
        rs.setContentType("application/json");
        rs.setContentLength(bytes.length);
        rs.getOutputStream().write(bytes);
    }

    private static String hostOf(HttpServletRequest rq) {
        String name = rq.getServerName();
        if (name == null) {
            return null;
        }
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return name + ":" + rq.getServerPort();
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
