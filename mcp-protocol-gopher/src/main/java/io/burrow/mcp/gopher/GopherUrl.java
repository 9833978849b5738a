package io.burrow.mcp.gopher;

import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.PercentCodec;
import io.burrow.mcp.gopher.internal.Chars;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A parsed {@code gopher://} URL (RFC 4266): {@code gopher://host[:port]/<type><selector>}, with an
 * optional search string for type {@code 7} given as {@code ?query} or {@code %09query}.
 *
 * <ul>
 *   <li>The scheme is case-insensitive; the host is lower-cased, IPv6 brackets removed, an
 *       international name converted to punycode; user information is refused; the port defaults to
 *       70 and must be 1..65535.
 *   <li>An empty path or {@code /} is the root menu (type {@code 1}, empty selector).
 *   <li>The selector is percent-decoded (UTF-8). {@code ?} starts the search only for type 7; for
 *       other types it is part of the selector (servers such as Gophernicus pass it to CGI scripts).
 *       {@code %09} starts the search for any type, but only type 7 sends it. A second {@code %09}
 *       (a Gopher+ string) and a {@code #fragment} are ignored.
 *   <li>Control characters (C0 and DEL) in the selector or the search are refused.
 * </ul>
 *
 * <pre>{@code
 * GopherUrl u = GopherUrl.parse("gopher://gopher.floodgap.com/7/v2/vs?gopher");
 * u.type();          // '7'
 * u.selector();      // "/v2/vs"
 * u.search();        // "gopher"
 * u.toUrl();         // "gopher://gopher.floodgap.com/7/v2/vs?gopher"
 * }</pre>
 *
 * @param host the normalised host (no brackets)
 * @param port the port, 1..65535
 * @param type the item type character
 * @param selector the decoded selector, possibly empty
 * @param search the decoded search string, or {@code null} when the URL has none
 */
public record GopherUrl(String host, int port, char type, String selector, String search) {

    /** The default Gopher port. */
    public static final int DEFAULT_PORT = 70;

    private static final String PREFIX = "gopher://";

    /**
     * Length limits applied by {@link #parse(String, Limits)}, in UTF-8 bytes.
     *
     * @param maxUrlBytes longest URL
     * @param maxSelectorBytes longest decoded selector
     * @param maxSearchBytes longest decoded search string
     */
    public record Limits(int maxUrlBytes, int maxSelectorBytes, int maxSearchBytes) {

        /** gopher-mcp's limits: URL 8192, selector 1024, search 256. */
        public static final Limits DEFAULT = new Limits(8192, 1024, 256);
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if a component is out of range
     */
    public GopherUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(selector, "selector");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (!validType(type)) {
            throw new IllegalArgumentException("type must be printable ASCII other than # % ? /, was " + (int) type);
        }
        if (Chars.hasControl(selector) || (search != null && Chars.hasControl(search))) {
            throw new IllegalArgumentException("selector and search must not contain control characters");
        }
    }

    static boolean validType(char type) {
        return type > 0x20 && type < 0x7F && type != '#' && type != '%' && type != '?' && type != '/';
    }

    /** A URL of a selector on a host. */
    public static GopherUrl of(String host, int port, char type, String selector) {
        return new GopherUrl(HostPolicy.normalizeHost(host), port, type, selector, null);
    }

    /** Parses with the {@linkplain Limits#DEFAULT default limits}. */
    public static GopherUrl parse(String url) {
        return parse(url, Limits.DEFAULT);
    }

    /** The error for a URL of another scheme, naming the tool that reads it. */
    private static InvalidRequestException wrongScheme(String u) {
        int colon = u.indexOf(':');
        String scheme = colon > 0 ? u.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : "";
        InvalidRequestException e;
        switch (scheme) {
            case "gemini" -> {
                e = new InvalidRequestException("gopher_fetch reads gopher:// URLs; this is a gemini:// URL",
                        "Use gemini_fetch for gemini:// URLs.");
                e.withDetail("use_tool", "gemini_fetch");
            }
            case "http", "https" -> e = new InvalidRequestException(
                    "gopher_fetch reads Gopherspace, not the web; this is an " + scheme + ":// URL",
                    "Use a web fetch tool for " + scheme + ":// URLs; Burrow does not fetch the web.");
            case "zim" -> {
                e = new InvalidRequestException("gopher_fetch reads gopher:// URLs; this is a zim:// URI",
                        "Use zim_get (or read it as a resource) for zim:// URIs.");
                e.withDetail("use_tool", "zim_get");
            }
            default -> e = new InvalidRequestException("URL must start with gopher://",
                    "Example: gopher://gopher.floodgap.com/1/ (use gemini_fetch for gemini:// URLs)");
        }
        return e;
    }

    /**
     * Parses a URL.
     *
     * @throws InvalidRequestException if the URL is malformed, too long, or holds control characters
     */
    public static GopherUrl parse(String url, Limits limits) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("URL is required", "Example: gopher://gopher.floodgap.com/1/");
        }
        String u = url.strip();
        if (Chars.utf8Length(u) > limits.maxUrlBytes()) {
            throw new InvalidRequestException("URL is longer than " + limits.maxUrlBytes() + " bytes");
        }
        if (!u.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw wrongScheme(u);
        }
        if (Chars.hasControl(u)) {
            throw new InvalidRequestException("URL must not contain control characters",
                    "Percent-encode them; a TAB before a search string is written %09.");
        }
        String rest = u.substring(PREFIX.length());
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int authEnd = indexOfAny(rest, '/', '?');
        String authority = authEnd < 0 ? rest : rest.substring(0, authEnd);
        String path = authEnd < 0 || rest.charAt(authEnd) == '?' ? "" : rest.substring(authEnd);
        if (authority.indexOf('@') >= 0) {
            throw new InvalidRequestException("URL must not contain user information (user@host)");
        }
        String host;
        String portText = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new InvalidRequestException("IPv6 address is missing its closing ']'");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidRequestException("Unexpected text after the IPv6 address");
                }
                portText = after.substring(1);
            }
            if (host.indexOf(':') < 0) {
                throw new InvalidRequestException("Brackets are only for IPv6 addresses");
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
                throw new InvalidRequestException("IPv6 addresses must be written in brackets: gopher://[::1]/");
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new InvalidRequestException("URL has no host", "Example: gopher://gopher.floodgap.com/1/");
        }
        if (host.startsWith("*")) {
            throw new InvalidRequestException("Host name is not valid");
        }
        host = HostPolicy.normalizeHost(host);
        int port = parsePort(portText);
        if (path.isEmpty() || path.equals("/")) {
            return new GopherUrl(host, port, '1', "", null);
        }
        char type = path.charAt(1);
        if (!validType(type)) {
            throw new InvalidRequestException("Item type must be one printable ASCII character after the first '/'",
                    "Example: gopher://host/0/path/to/file.txt (type 0, selector /path/to/file.txt)");
        }
        String raw = path.substring(2);
        String selectorRaw = raw;
        String searchRaw = null;
        int q = raw.indexOf('?');
        int tab = indexOfTab(raw);
        if (type == '7' && q >= 0) {
            selectorRaw = raw.substring(0, q);
            searchRaw = raw.substring(q + 1);
        } else if (tab >= 0) {
            selectorRaw = raw.substring(0, tab);
            searchRaw = raw.substring(tab + 3);
            int plus = indexOfTab(searchRaw);
            if (plus >= 0) {
                searchRaw = searchRaw.substring(0, plus); // a Gopher+ string follows: ignored
            }
        }
        String selector = decode(selectorRaw, "Selector");
        String search = searchRaw == null ? null : decode(searchRaw, "Search string");
        if (Chars.hasControl(selector)) {
            throw new InvalidRequestException("Selector must not contain control characters");
        }
        if (search != null && Chars.hasControl(search)) {
            throw new InvalidRequestException("Search string must not contain control characters");
        }
        if (Chars.utf8Length(selector) > limits.maxSelectorBytes()) {
            throw new InvalidRequestException("Selector is longer than " + limits.maxSelectorBytes() + " bytes");
        }
        if (search != null && Chars.utf8Length(search) > limits.maxSearchBytes()) {
            throw new InvalidRequestException("Search string is longer than " + limits.maxSearchBytes() + " bytes");
        }
        return new GopherUrl(host, port, type, selector, search);
    }

    private static int parsePort(String text) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException("Port must be a number between 1 and 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new InvalidRequestException("Port must be between 1 and 65535, was " + port);
        }
        return port;
    }

    private static String decode(String raw, String what) {
        return PercentCodec.decodeLenient(raw).orElseThrow(
                () -> new InvalidRequestException(what + " is not valid UTF-8 after percent-decoding"));
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfTab(String s) {
        for (int i = 0; i + 2 < s.length(); i++) {
            if (s.charAt(i) == '%' && s.charAt(i + 1) == '0' && s.charAt(i + 2) == '9') {
                return i;
            }
        }
        return -1;
    }

    /** The item type. */
    public GopherItemType itemType() {
        return GopherItemType.of(type);
    }

    /** Whether the request line carries the search string (type 7 only; an empty search still sends the TAB). */
    public boolean sendsSearch() {
        return type == '7' && search != null;
    }

    /** The bytes sent to the server: the UTF-8 selector, a TAB and the search for type 7, then CRLF. */
    public byte[] requestLine() {
        String line = sendsSearch() ? selector + '\t' + search + "\r\n" : selector + "\r\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The URL in canonical form: lower-case scheme and host, the port only when not 70, the selector
     * percent-encoded, a type-7 search after {@code ?}, another type's search after {@code %09}.
     * {@code parse(u.toUrl())} equals {@code u}.
     */
    public String toUrl() {
        StringBuilder b = new StringBuilder(PREFIX.length() + host.length() + selector.length() + 16).append(PREFIX);
        b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        if (port != DEFAULT_PORT) {
            b.append(':').append(port);
        }
        b.append('/').append(type).append(PercentCodec.encode(selector, PercentCodec.EncodeSet.PATH));
        if (search != null) {
            b.append(type == '7' ? "?" : "%09").append(PercentCodec.encode(search, PercentCodec.EncodeSet.PATH));
        }
        return b.toString();
    }

    /**
     * The cache key: what the server is asked, canonically. Equal for URLs that send the same request
     * to the same server: default port or not, host case, percent-encoding, a fragment, a search
     * string that is not sent, and the root menu as {@code gopher://h}, {@code /}, {@code /1},
     * {@code /1/}.
     */
    public String cacheKey() {
        String sel = type == '1' && selector.equals("/") ? "" : selector;
        GopherUrl canonical = new GopherUrl(host, port, type, sel, sendsSearch() ? search : null);
        return canonical.toUrl();
    }

    @Override
    public String toString() {
        return toUrl();
    }
}
