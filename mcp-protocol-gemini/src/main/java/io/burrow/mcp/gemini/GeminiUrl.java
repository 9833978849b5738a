package io.burrow.mcp.gemini;

import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.PercentCodec;
import io.burrow.mcp.gemini.internal.UriReference;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A canonical {@code gemini://} URL: lower-case host in ASCII (punycode) form, port (default 1965), a
 * path without dot segments ({@code /} when empty), an optional raw (percent-encoded) query, and no
 * fragment. {@link #toString()} is the request URL, which is also the cache key.
 *
 * <pre>{@code
 * GeminiUrl url = GeminiUrl.parse("gemini://Example.org/docs/../index.gmi#top");
 * url.toString();                       // gemini://example.org/index.gmi
 * url.withInput("naïve café").query();   // na%C3%AFve%20caf%C3%A9
 * }</pre>
 *
 * @param host the host: a lower-case ASCII name or an IP literal (IPv6 without brackets)
 * @param port the port, 1 to 65535
 * @param path the path, starting with {@code /}
 * @param query the raw query without {@code ?}, or {@code null}
 */
public record GeminiUrl(String host, int port, String path, String query) {

    /** The port used when a URL names none. */
    public static final int DEFAULT_PORT = 1965;
    /** The largest request: the URL and its CRLF fit in 1024 bytes. */
    public static final int MAX_REQUEST_BYTES = 1024;

    public GeminiUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (port < 1 || port > 65535) {
            throw new InvalidRequestException("Port must be between 1 and 65535, was " + port);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
    }

    /** The error for a URL of another scheme, naming the tool that reads it. */
    private static InvalidRequestException wrongScheme(String s) {
        String scheme = s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
        InvalidRequestException e;
        switch (scheme) {
            case "gopher" -> {
                e = new InvalidRequestException("gemini_fetch reads gemini:// URLs; this is a gopher:// URL",
                        "Use gopher_fetch for gopher:// URLs.");
                e.withDetail("use_tool", "gopher_fetch");
            }
            case "http", "https" -> e = new InvalidRequestException(
                    "gemini_fetch reads Geminispace, not the web; this is an " + scheme + ":// URL",
                    "Use a web fetch tool for " + scheme + ":// URLs; Burrow does not fetch the web.");
            case "zim" -> {
                e = new InvalidRequestException("gemini_fetch reads gemini:// URLs; this is a zim:// URI",
                        "Use zim_get (or read it as a resource) for zim:// URIs.");
                e.withDetail("use_tool", "zim_get");
            }
            default -> e = new InvalidRequestException("Only gemini:// URLs can be fetched",
                    "Use gemini://host/path; other schemes have their own tools.");
        }
        return e;
    }

    /**
     * Parses and canonicalises a URL.
     *
     * @throws InvalidRequestException if it is not a valid {@code gemini://} URL: another scheme, no host,
     *     user information, a bad port, control characters or spaces, or more than 1022 bytes once canonical
     */
    public static GeminiUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("URL is missing");
        }
        String t = text.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidRequestException("URL contains a control character");
            }
            if (c == ' ') {
                throw new InvalidRequestException("URL contains a space", "Percent-encode spaces as %20.");
            }
        }
        UriReference ref = UriReference.parse(t);
        if (ref.scheme() == null || !ref.scheme().equalsIgnoreCase("gemini")) {
            throw wrongScheme(ref.scheme());
        }
        if (ref.authority() == null || ref.authority().isEmpty()) {
            throw new InvalidRequestException("URL has no host");
        }
        String authority = ref.authority();
        if (authority.indexOf('@') >= 0) {
            throw new InvalidRequestException("Gemini URLs must not contain user information");
        }
        String hostPart;
        String portPart = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidRequestException("URL has an unterminated IPv6 address");
            }
            hostPart = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new InvalidRequestException("URL has a malformed host");
                }
                portPart = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostPart = colon < 0 ? authority : authority.substring(0, colon);
            portPart = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = DEFAULT_PORT;
        if (portPart != null && !portPart.isEmpty()) {
            if (!portPart.chars().allMatch(ch -> ch >= '0' && ch <= '9') || portPart.length() > 5) {
                throw new InvalidRequestException("URL has an invalid port");
            }
            port = Integer.parseInt(portPart);
            if (port < 1 || port > 65535) {
                throw new InvalidRequestException("Port must be between 1 and 65535, was " + port);
            }
        }
        String host = HostPolicy.normalizeHost(percentDecodeHost(hostPart));
        String path = PercentCodec.encodeNonAscii(UriReference.removeDotSegments(ref.path()));
        if (path.isEmpty()) {
            path = "/";
        } else if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String query = ref.query() == null ? null : PercentCodec.encodeNonAscii(ref.query());
        GeminiUrl url = new GeminiUrl(host, port, path, query);
        url.checkLength();
        return url;
    }

    private static String percentDecodeHost(String host) {
        if (host.indexOf('%') < 0) {
            return host;
        }
        throw new InvalidRequestException("URL host must not be percent-encoded");
    }

    private void checkLength() {
        if (toString().getBytes(StandardCharsets.UTF_8).length + 2 > MAX_REQUEST_BYTES) {
            throw new InvalidRequestException("URL is longer than " + (MAX_REQUEST_BYTES - 2) + " bytes",
                    "Gemini requests are limited to 1024 bytes including the CRLF.");
        }
    }

    /** This URL with the query replaced by the percent-encoded {@code input} (an answer to status 10 or 11). */
    public GeminiUrl withInput(String input) {
        GeminiUrl url = new GeminiUrl(host, port, path, percentEncodeAll(input));
        url.checkLength();
        return url;
    }

    /** This URL without its query. */
    public GeminiUrl withoutQuery() {
        return query == null ? this : new GeminiUrl(host, port, path, null);
    }

    /** Whether the URL has a query (which may carry a secret answer and is then never logged or cached). */
    public boolean hasQuery() {
        return query != null;
    }

    /** The authority as written in URLs: the host (bracketed if IPv6) and the port unless it is 1965. */
    public String authority() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == DEFAULT_PORT ? h : h + ":" + port;
    }

    /** {@code host:port}, the key of TOFU pins and rate limits. */
    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Resolves a link or redirect target against this URL. A {@code gemini} result is canonicalised;
     * other schemes are returned as resolved.
     *
     * @return the absolute URL
     */
    public String resolve(String reference) {
        UriReference base = UriReference.parse(toString());
        UriReference resolved = base.resolve(UriReference.parse(reference.strip()));
        String absolute = new UriReference(resolved.scheme(), resolved.authority(), resolved.path(), resolved.query(),
                null).toString();
        if (resolved.scheme() != null && resolved.scheme().equalsIgnoreCase("gemini")) {
            try {
                return parse(absolute).toString();
            } catch (InvalidRequestException e) {
                return absolute;
            }
        }
        return absolute;
    }

    /** Whether {@code other} has the same host and port. */
    public boolean sameOrigin(GeminiUrl other) {
        return host.equals(other.host) && port == other.port;
    }

    /** The URL as sent in the request line, without CRLF. */
    @Override
    public String toString() {
        return "gemini://" + authority() + path + (query == null ? "" : "?" + query);
    }

    /** Percent-encodes every byte of the UTF-8 form except RFC 3986 unreserved characters. */
    public static String percentEncodeAll(String text) {
        return PercentCodec.encode(text, PercentCodec.EncodeSet.UNRESERVED);
    }
}
