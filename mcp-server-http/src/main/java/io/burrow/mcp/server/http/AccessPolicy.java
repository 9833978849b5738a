package io.burrow.mcp.server.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the server: the Host header allowlist and the Origin allowlist (against DNS
 * rebinding), and the bearer token. Pure logic, no servlet types, so it is tested on its own.
 */
final class AccessPolicy {

    /** Outcome of checking an {@code Authorization} header. */
    enum Auth { OK, MISSING, INVALID }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final byte[] tokenDigest;
    private final boolean anyHost;
    private final List<HostPattern> hosts;
    private final boolean anyOrigin;
    private final List<OriginPattern> origins;

    private AccessPolicy(byte[] tokenDigest, boolean anyHost, List<HostPattern> hosts, boolean anyOrigin,
            List<OriginPattern> origins) {
        this.tokenDigest = tokenDigest;
        this.anyHost = anyHost;
        this.hosts = List.copyOf(hosts);
        this.anyOrigin = anyOrigin;
        this.origins = List.copyOf(origins);
    }

    /**
     * The policy of a server listening on {@code bindHost}.
     *
     * @param wildcardBind whether it listens on every interface (0.0.0.0 or ::)
     * @throws IllegalArgumentException for a malformed allowlist entry
     */
    static AccessPolicy of(HttpSettings settings, String bindHost, boolean wildcardBind) {
        byte[] digest = settings.authToken() == null ? null : sha256(settings.authToken());
        List<HostPattern> hosts = new ArrayList<>();
        boolean anyHost = false;
        if (settings.allowedHosts().isEmpty()) {
            LOOPBACK_NAMES.forEach(n -> hosts.add(new HostPattern(n, -1)));
            if (wildcardBind) {
                anyHost = true;
            } else {
                hosts.add(HostPattern.parse(bindHost.contains(":") && !bindHost.startsWith("[")
                        ? "[" + bindHost + "]" : bindHost));
            }
        } else {
            for (String h : settings.allowedHosts()) {
                if (h.equals("*")) {
                    anyHost = true;
                } else {
                    hosts.add(HostPattern.parse(h));
                }
            }
        }
        List<OriginPattern> origins = new ArrayList<>();
        boolean anyOrigin = false;
        for (String scheme : List.of("http", "https")) {
            LOOPBACK_NAMES.forEach(n -> origins.add(new OriginPattern(scheme, n, -1)));
        }
        for (String o : settings.allowedOrigins()) {
            if (o.equals("*")) {
                anyOrigin = true;
            } else {
                origins.add(OriginPattern.parse(o));
            }
        }
        return new AccessPolicy(digest, anyHost, hosts, anyOrigin, origins);
    }

    /** Whether a bearer token is required. */
    boolean requiresToken() {
        return tokenDigest != null;
    }

    /** Whether requests with this Host header are served ({@code null}: no header, refused unless any host is allowed). */
    boolean hostAllowed(String hostHeader) {
        if (anyHost) {
            return true;
        }
        HostAndPort hp = HostAndPort.parse(hostHeader);
        return hp != null && hosts.stream().anyMatch(p -> p.matches(hp));
    }

    /** Whether requests with this Origin header are served; requests without one (non-browser clients) always are. */
    boolean originAllowed(String origin) {
        if (origin == null || anyOrigin) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
                || uri.getQuery() != null || uri.getUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = normalizeHost(uri.getHost());
        int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
        return origins.stream().anyMatch(p -> p.matches(scheme, host, port));
    }

    /** Checks an {@code Authorization} header in constant time (for a given token length and hash). */
    Auth authenticate(String authorization) {
        if (tokenDigest == null) {
            return Auth.OK;
        }
        String token = bearer(authorization);
        if (token == null) {
            return Auth.MISSING;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(token)) ? Auth.OK : Auth.INVALID;
    }

    /**
     * A stable identity for per-client limits: a hash of the bearer token when one is sent, else the
     * remote address. Never the raw token.
     */
    static String clientId(String authorization, String remoteAddress) {
        String token = bearer(authorization);
        if (token != null) {
            return "token:" + HexFormat.of().formatHex(sha256(token), 0, 8);
        }
        return "ip:" + (remoteAddress == null ? "unknown" : remoteAddress);
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = a.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    /** Lower case, no trailing dot, IPv6 literals in brackets. */
    static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h;
    }

    /** A parsed Host header. */
    record HostAndPort(String host, int port) {

        /** Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; {@code null} if malformed. */
        static HostAndPort parse(String value) {
            if (value == null) {
                return null;
            }
            String v = value.trim();
            if (v.isEmpty()) {
                return null;
            }
            String host;
            String port = null;
            if (v.startsWith("[")) {
                int end = v.indexOf(']');
                if (end < 0) {
                    return null;
                }
                host = v.substring(0, end + 1);
                String rest = v.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return null;
                    }
                    port = rest.substring(1);
                }
            } else {
                int colon = v.indexOf(':');
                if (colon >= 0) {
                    if (v.indexOf(':', colon + 1) >= 0) {
                        return null;
                    }
                    host = v.substring(0, colon);
                    port = v.substring(colon + 1);
                } else {
                    host = v;
                }
            }
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
                return null;
            }
            int p = -1;
            if (port != null) {
                try {
                    p = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (p < 0 || p > 65535) {
                    return null;
                }
            }
            return new HostAndPort(normalizeHost(host), p);
        }
    }

    /** An allowed Host: a name and optionally a port ({@code -1}: any). */
    record HostPattern(String host, int port) {

        static HostPattern parse(String value) {
            HostAndPort hp = HostAndPort.parse(value);
            if (hp == null) {
                throw new IllegalArgumentException("not a host or host:port: " + value);
            }
            return new HostPattern(hp.host(), hp.port());
        }

        boolean matches(HostAndPort hp) {
            return host.equals(hp.host()) && (port == -1 || port == hp.port());
        }
    }

    /** An allowed Origin: scheme, host and port ({@code -1}: any, written {@code :*}). */
    record OriginPattern(String scheme, String host, int port) {

        static OriginPattern parse(String value) {
            String v = value.trim();
            boolean anyPort = v.endsWith(":*");
            if (anyPort) {
                v = v.substring(0, v.length() - 2);
            }
            URI uri;
            try {
                uri = new URI(v);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + value);
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + value);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = anyPort ? -1 : uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
            return new OriginPattern(scheme, normalizeHost(uri.getHost()), port);
        }

        boolean matches(String scheme, String host, int port) {
            return this.scheme.equals(scheme) && this.host.equals(host) && (this.port == -1 || this.port == port);
        }
    }
}
