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
 * <p>Launchers bind them with the other settings groups; embedders start from {@link #defaults()} and
 * change what they need with the {@code with…} methods:
 *
 * <pre>{@code
 * HttpSettings http = HttpSettings.defaults().withPort(0).withAuthToken(System.getenv("MY_TOKEN"));
 * try (BurrowHttpServer server = BurrowHttpServer.start(burrow, http)) { … }
 * }</pre>
 *
 * @param host address to listen on
 * @param port TCP port, 0 for any free port
 * @param authToken the bearer token clients must present, or {@code null} for none
 * @param insecureNoAuth allow a non-loopback address without a token
 * @param stateless serve the stateless transport (no sessions, no server-to-client messages)
 * @param allowedOrigins browser origins accepted besides loopback ones ({@code *} for any)
 * @param allowedHosts Host header values accepted ({@code *} for any); empty for the derived default
 * @param maxRequestBytes largest accepted request body
 * @param shutdownGraceSeconds how long in-flight calls may run once shutdown starts
 * @param keepAliveSeconds interval of keep-alive pings on open sessions, 0 for none
 * @param idleTimeoutSeconds how long an idle connection stays open
 * @param forwardedHeaders trust {@code Forwarded} / {@code X-Forwarded-*} headers from a reverse proxy
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

        @Setting(value = "Serve the stateless transport: no sessions, so any replica behind a load balancer can answer; "
                + "no progress, logging, sampling, elicitation or subscriptions.",
                defaultValue = "false", aliases = "--stateless")
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

        @Setting(value = "On shutdown (SIGTERM), how long in-flight requests may still run, in seconds.",
                defaultValue = "20")
        @Min(0) @Max(600) int shutdownGraceSeconds,

        @Setting(value = "Interval of keep-alive pings on open sessions, in seconds; 0 disables them.",
                defaultValue = "30")
        @Min(0) @Max(3600) int keepAliveSeconds,

        @Setting(value = "How long an idle connection stays open, in seconds.", defaultValue = "300")
        @Min(5) @Max(86400) int idleTimeoutSeconds,

        @Setting(value = "Trust Forwarded / X-Forwarded-* headers (client address, Host, scheme). Enable only behind "
                + "a reverse proxy that sets them.", defaultValue = "false")
        boolean forwardedHeaders) {

    /** Canonical form: lists are never {@code null}. */
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

    /** A copy listening on {@code host}. */
    public HttpSettings withHost(String host) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy listening on {@code port} (0 for any free port). */
    public HttpSettings withPort(int port) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy requiring this bearer token ({@code null} for none). */
    public HttpSettings withAuthToken(String authToken) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy that does or does not allow a non-loopback address without a token. */
    public HttpSettings withInsecureNoAuth(boolean insecureNoAuth) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy serving the stateless (or the stateful) transport. */
    public HttpSettings withStateless(boolean stateless) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy with these extra allowed origins. */
    public HttpSettings withAllowedOrigins(List<String> allowedOrigins) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy accepting these Host header values. */
    public HttpSettings withAllowedHosts(List<String> allowedHosts) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy with this request size limit. */
    public HttpSettings withMaxRequestBytes(int maxRequestBytes) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    /** A copy with this shutdown grace period. */
    public HttpSettings withShutdownGraceSeconds(int shutdownGraceSeconds) {
        return new HttpSettings(host, port, authToken, insecureNoAuth, stateless, allowedOrigins, allowedHosts,
                maxRequestBytes, shutdownGraceSeconds, keepAliveSeconds, idleTimeoutSeconds, forwardedHeaders);
    }

    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", authToken=" + (authToken == null ? "none" : "***")
                + ", insecureNoAuth=" + insecureNoAuth + ", stateless=" + stateless + ", allowedOrigins="
                + allowedOrigins + ", allowedHosts=" + allowedHosts + ", maxRequestBytes=" + maxRequestBytes
                + ", shutdownGraceSeconds=" + shutdownGraceSeconds + ", keepAliveSeconds=" + keepAliveSeconds
                + ", idleTimeoutSeconds=" + idleTimeoutSeconds + ", forwardedHeaders=" + forwardedHeaders + "]";
    }
}
