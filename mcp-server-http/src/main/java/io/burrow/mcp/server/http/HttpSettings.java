package io.burrow.mcp.server.http;

import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.config.SettingsGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Settings of the Streamable HTTP launcher ({@code BURROW_HTTP_*}, and {@code BURROW_AUTH_TOKEN}).
 *
 * <p>Launchers bind them with the other settings groups; embedders start from {@link #builder()} (the
 * documented defaults) and change what they need:
 *
 * <pre>{@code
 * HttpSettings http = HttpSettings.builder().port(0).authToken(System.getenv("MY_TOKEN")).build();
 * try (BurrowHttpServer server = BurrowHttpServer.start(burrow, http)) { … }
 * }</pre>
 *
 * @param host address to listen on
 * @param port TCP port, 0 for any free port
 * @param authToken the bearer token clients must present, or {@code null} for none
 * @param insecureNoAuth allow a non-loopback address without a token
 * @param stateless serve 2025-11-25 clients without sessions
 * @param allowedOrigins browser origins accepted besides loopback ones ({@code *} for any)
 * @param allowedHosts Host header values accepted ({@code *} for any); empty for the derived default
 * @param maxRequestBytes largest accepted request body
 * @param bodyTimeoutSeconds time to send a whole request body
 * @param headerTimeoutSeconds time a connection may spend between requests
 * @param maxConnections open connections at most
 * @param maxConnectionsPerClient open connections per client address at most
 * @param maxSessions 2025-11-25 sessions open at most
 * @param sessionIdleSeconds how long an unused session lives
 * @param shutdownGraceSeconds how long in-flight calls may run once shutdown starts
 * @param heartbeatSeconds interval of keep-alive comments on event streams
 * @param idleTimeoutSeconds how long a connection may stay silent during a request
 * @param forwardedHeaders trust {@code Forwarded} / {@code X-Forwarded-*} headers from a reverse proxy
 * @param accessLog log one line per HTTP request
 */
@SettingsGroup(prefix = "http", envPrefix = "BURROW_HTTP", title = "HTTP server")
public record HttpSettings(
        @Setting(value = "Address to listen on. A non-loopback address requires an auth token "
                + "(or --insecure-no-auth); 0.0.0.0 listens on every interface.",
                defaultValue = "127.0.0.1", aliases = "--host")
        @NotBlank String host,

        @Setting(value = "TCP port to listen on; 0 picks a free port.", defaultValue = "8080", aliases = "--port")
        @Min(0) @Max(65535) int port,

        @Setting(value = "Bearer token clients must send as 'Authorization: Bearer <token>' (at least 16 characters). "
                + "Required on non-loopback addresses. /healthz and /readyz need no token.",
                env = "BURROW_AUTH_TOKEN", aliases = "--auth-token", secret = true)
        @Size(min = 16, max = 4096, message = "must be between 16 and 4096 characters long") String authToken,

        @Setting(value = "Allow listening on a non-loopback address without an auth token. Anyone who can reach "
                + "the port can then use the server.", defaultValue = "false", aliases = "--insecure-no-auth")
        boolean insecureNoAuth,

        @Setting(value = "Serve 2025-11-25 clients without sessions, so any replica behind a load balancer can "
                + "answer them: no progress, logging, elicitation or subscriptions for them. 2026-07-28 clients are "
                + "always served without sessions.", defaultValue = "false", aliases = "--stateless")
        boolean stateless,

        @Setting(value = "Browser origins allowed to call the server besides loopback ones (http://localhost:*, "
                + "http://127.0.0.1:*, http://[::1]:*), as scheme://host[:port]; '*' allows any. "
                + "Requests with any other Origin header get 403.", aliases = "--allowed-origins")
        List<String> allowedOrigins,

        @Setting(value = "Host header values accepted, as host or host:port; '*' accepts any. Empty: the loopback "
                + "names plus the listen address (any Host when listening on 0.0.0.0 or ::). "
                + "Requests with any other Host get 421.", aliases = "--allowed-hosts")
        List<String> allowedHosts,

        @Setting(value = "Largest accepted request body, in bytes (larger requests get 413).", defaultValue = "1048576")
        @Min(1024) @Max(16777216) int maxRequestBytes,

        @Setting(value = "Time a client has to send a whole request body, in seconds; a slower client gets 408 "
                + "and its connection is closed (a body trickled byte by byte holds no thread meanwhile).",
                defaultValue = "10")
        @Min(1) @Max(600) int bodyTimeoutSeconds,

        @Setting(value = "Time a connection may spend without a request in progress (sending request headers, or "
                + "idle between requests), in seconds; then it is closed.", defaultValue = "15")
        @Min(1) @Max(3600) int headerTimeoutSeconds,

        @Setting(value = "Open connections at most; beyond it new connections wait to be accepted.",
                defaultValue = "512")
        @Min(1) @Max(100000) int maxConnections,

        @Setting(value = "Open connections per client address at most; more are closed at once. Behind a reverse "
                + "proxy every client has the proxy's address.", defaultValue = "64")
        @Min(1) @Max(100000) int maxConnectionsPerClient,

        @Setting(value = "2025-11-25 sessions open at once at most; initialize beyond it is answered with HTTP 503 "
                + "and TOO_MANY_SESSIONS.", defaultValue = "256")
        @Min(1) @Max(100000) int maxSessions,

        @Setting(value = "A 2025-11-25 session with no request running and no open stream ends this many seconds "
                + "after its last request ended (or its stream closed); the client then gets 404 and initializes "
                + "again.", defaultValue = "900")
        @Min(5) @Max(86400) int sessionIdleSeconds,

        @Setting(value = "On shutdown (SIGTERM), how long in-flight requests may still run, in seconds.",
                defaultValue = "20")
        @Min(0) @Max(600) int shutdownGraceSeconds,

        @Setting(value = "Interval of keep-alive comments on open event streams, in seconds. A request running "
                + "longer is answered as a stream too, so a client that went away is noticed (and its request "
                + "cancelled) within this interval.", defaultValue = "10")
        @Min(1) @Max(3600) int heartbeatSeconds,

        @Setting(value = "How long a connection may stay silent while a request is in progress, in seconds.",
                defaultValue = "300")
        @Min(5) @Max(86400) int idleTimeoutSeconds,

        @Setting(value = "Trust Forwarded / X-Forwarded-* headers (client address, Host, scheme). Enable only behind "
                + "a reverse proxy that sets them.", defaultValue = "false")
        boolean forwardedHeaders,

        @Setting(value = "Log one line per HTTP request on the logger burrow.access: method, path, status, duration "
                + "and a hash of the client (never the token or the query).", defaultValue = "false")
        boolean accessLog) {

    /** Canonical form: lists are never {@code null}; a blank token is none. */
    public HttpSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        if (authToken != null && authToken.isBlank()) {
            authToken = null;
        }
    }

    /** The defaults, as documented in {@code docs/configuration.md}. */
    public static HttpSettings defaults() {
        return SettingsCatalog.of(List.of(HttpSettings.class)).bind(ConfigSources.empty()).get(HttpSettings.class);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String toString() {
        return "HttpSettings[" + "host=" + host + ", " + "port=" + port + ", " + "authToken=" + (authToken == null ? "none" : "***") + ", " + "insecureNoAuth=" + insecureNoAuth + ", " + "stateless=" + stateless + ", " + "allowedOrigins=" + allowedOrigins + ", " + "allowedHosts=" + allowedHosts + ", " + "maxRequestBytes=" + maxRequestBytes + ", " + "bodyTimeoutSeconds=" + bodyTimeoutSeconds + ", " + "headerTimeoutSeconds=" + headerTimeoutSeconds + ", " + "maxConnections=" + maxConnections + ", " + "maxConnectionsPerClient=" + maxConnectionsPerClient + ", " + "maxSessions=" + maxSessions + ", " + "sessionIdleSeconds=" + sessionIdleSeconds + ", " + "shutdownGraceSeconds=" + shutdownGraceSeconds + ", " + "heartbeatSeconds=" + heartbeatSeconds + ", " + "idleTimeoutSeconds=" + idleTimeoutSeconds + ", " + "forwardedHeaders=" + forwardedHeaders + ", " + "accessLog=" + accessLog + "]";
    }

    /** Builder of {@link HttpSettings}; {@link #build()} does not validate (the launcher's binding does). */
    public static final class Builder {
        private String host;
        private int port;
        private String authToken;
        private boolean insecureNoAuth;
        private boolean stateless;
        private List<String> allowedOrigins;
        private List<String> allowedHosts;
        private int maxRequestBytes;
        private int bodyTimeoutSeconds;
        private int headerTimeoutSeconds;
        private int maxConnections;
        private int maxConnectionsPerClient;
        private int maxSessions;
        private int sessionIdleSeconds;
        private int shutdownGraceSeconds;
        private int heartbeatSeconds;
        private int idleTimeoutSeconds;
        private boolean forwardedHeaders;
        private boolean accessLog;

        private Builder(HttpSettings s) {
            this.host = s.host();
            this.port = s.port();
            this.authToken = s.authToken();
            this.insecureNoAuth = s.insecureNoAuth();
            this.stateless = s.stateless();
            this.allowedOrigins = s.allowedOrigins();
            this.allowedHosts = s.allowedHosts();
            this.maxRequestBytes = s.maxRequestBytes();
            this.bodyTimeoutSeconds = s.bodyTimeoutSeconds();
            this.headerTimeoutSeconds = s.headerTimeoutSeconds();
            this.maxConnections = s.maxConnections();
            this.maxConnectionsPerClient = s.maxConnectionsPerClient();
            this.maxSessions = s.maxSessions();
            this.sessionIdleSeconds = s.sessionIdleSeconds();
            this.shutdownGraceSeconds = s.shutdownGraceSeconds();
            this.heartbeatSeconds = s.heartbeatSeconds();
            this.idleTimeoutSeconds = s.idleTimeoutSeconds();
            this.forwardedHeaders = s.forwardedHeaders();
            this.accessLog = s.accessLog();
        }

        /** Sets {@code host}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Sets {@code port}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Sets {@code authToken}. */
        public Builder authToken(String authToken) {
            this.authToken = authToken;
            return this;
        }

        /** Sets {@code insecureNoAuth}. */
        public Builder insecureNoAuth(boolean insecureNoAuth) {
            this.insecureNoAuth = insecureNoAuth;
            return this;
        }

        /** Sets {@code stateless}. */
        public Builder stateless(boolean stateless) {
            this.stateless = stateless;
            return this;
        }

        /** Sets {@code allowedOrigins}. */
        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
            return this;
        }

        /** Sets {@code allowedHosts}. */
        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = allowedHosts;
            return this;
        }

        /** Sets {@code maxRequestBytes}. */
        public Builder maxRequestBytes(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /** Sets {@code bodyTimeoutSeconds}. */
        public Builder bodyTimeoutSeconds(int bodyTimeoutSeconds) {
            this.bodyTimeoutSeconds = bodyTimeoutSeconds;
            return this;
        }

        /** Sets {@code headerTimeoutSeconds}. */
        public Builder headerTimeoutSeconds(int headerTimeoutSeconds) {
            this.headerTimeoutSeconds = headerTimeoutSeconds;
            return this;
        }

        /** Sets {@code maxConnections}. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Sets {@code maxConnectionsPerClient}. */
        public Builder maxConnectionsPerClient(int maxConnectionsPerClient) {
            this.maxConnectionsPerClient = maxConnectionsPerClient;
            return this;
        }

        /** Sets {@code maxSessions}. */
        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        /** Sets {@code sessionIdleSeconds}. */
        public Builder sessionIdleSeconds(int sessionIdleSeconds) {
            this.sessionIdleSeconds = sessionIdleSeconds;
            return this;
        }

        /** Sets {@code shutdownGraceSeconds}. */
        public Builder shutdownGraceSeconds(int shutdownGraceSeconds) {
            this.shutdownGraceSeconds = shutdownGraceSeconds;
            return this;
        }

        /** Sets {@code heartbeatSeconds}. */
        public Builder heartbeatSeconds(int heartbeatSeconds) {
            this.heartbeatSeconds = heartbeatSeconds;
            return this;
        }

        /** Sets {@code idleTimeoutSeconds}. */
        public Builder idleTimeoutSeconds(int idleTimeoutSeconds) {
            this.idleTimeoutSeconds = idleTimeoutSeconds;
            return this;
        }

        /** Sets {@code forwardedHeaders}. */
        public Builder forwardedHeaders(boolean forwardedHeaders) {
            this.forwardedHeaders = forwardedHeaders;
            return this;
        }

        /** Sets {@code accessLog}. */
        public Builder accessLog(boolean accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        /** The settings. */
        public HttpSettings build() {
            return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts, maxRequestBytes, bodyTimeoutSeconds, headerTimeoutSeconds, maxConnections, maxConnectionsPerClient, maxSessions, sessionIdleSeconds, shutdownGraceSeconds, heartbeatSeconds, idleTimeoutSeconds, forwardedHeaders, accessLog);
        }
    }
}
