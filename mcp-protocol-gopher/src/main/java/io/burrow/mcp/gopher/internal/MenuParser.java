package io.burrow.mcp.gopher.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.ServerText;
import io.burrow.mcp.gopher.GopherResult.MenuItem;
import io.burrow.mcp.gopher.GopherUrl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a Gopher menu (RFC 1436 section 3.8) leniently, the way real servers write them.
 *
 * <ul>
 *   <li>UTF-8, falling back to Latin-1 for the whole menu when the bytes are not valid UTF-8;
 *   <li>lines end with CRLF, LF or a bare CR; parsing stops at a line that is {@code .};
 *   <li>lines with fewer than four TAB-separated fields are kept as info items (sloppy servers
 *       write bare text lines), not dropped; an empty type is an info line;
 *   <li>a fifth field marks a Gopher+ item ({@code gopher_plus: true}); further fields are ignored;
 *   <li>a port that is not a number in 1..65535 becomes 70; info lines get port 0;
 *   <li>{@code URL:} selectors (hURL) give the external URL as {@code next_url}.
 * </ul>
 *
 * Never throws on any input: every byte sequence gives a (possibly empty) menu.
 */
public final class MenuParser {

    /** A parsed menu. */
    public record ParsedMenu(List<MenuItem> items, boolean truncated) {
    }

    private MenuParser() {
    }

    /**
     * Parses {@code length} bytes of a menu.
     *
     * @param cut whether the response was cut at the size cap (its last, partial line is dropped)
     * @param maxItems the most items kept; more set {@code truncated}
     */
    public static ParsedMenu parse(byte[] data, int length, boolean cut, int maxItems) {
        int end = length;
        if (cut) {
            int lastBreak = lastLineBreak(data, length);
            end = lastBreak < 0 ? 0 : lastBreak + 1;
        }
        String text = TextDecoder.decodeCharset(data, end, false).text();
        List<MenuItem> items = new ArrayList<>();
        Map<String, String> hosts = new HashMap<>(); // menus name few hosts: normalise each once
        boolean truncated = cut;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int lineEnd = pos;
            while (lineEnd < n && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            String line = text.substring(pos, lineEnd);
            if (lineEnd < n && text.charAt(lineEnd) == '\r' && lineEnd + 1 < n && text.charAt(lineEnd + 1) == '\n') {
                pos = lineEnd + 2;
            } else {
                pos = lineEnd + 1;
            }
            if (line.strip().equals(".")) {
                break;
            }
            if (lineEnd >= n && line.isEmpty()) {
                break;
            }
            if (items.size() >= maxItems) {
                truncated = true;
                break;
            }
            items.add(item(line, hosts));
        }
        return new ParsedMenu(items, truncated);
    }

    private static int lastLineBreak(byte[] data, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (data[i] == '\n' || data[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** One menu line to an item. */
    static MenuItem item(String line) {
        return item(line, new HashMap<>());
    }

    private static MenuItem item(String line, Map<String, String> hosts) {
        String[] f = line.split("\t", -1);
        if (f.length < 4) {
            String title = f.length > 1 || (line.startsWith("i")) ? f[0].isEmpty() ? "" : f[0].substring(1) : f[0];
            return new MenuItem("i", clean(title), f.length > 1 ? clean(f[1]) : "", f.length > 2 ? clean(f[2]) : "", 0,
                    null, null);
        }
        char type = f[0].isEmpty() ? 'i' : f[0].charAt(0);
        String title = clean(f[0].isEmpty() ? "" : f[0].substring(1));
        String selector = f[1];
        String host = f[2].strip();
        Boolean plus = f.length >= 5 && !f[4].isBlank() ? Boolean.TRUE : null;
        if (type == 'i') {
            return new MenuItem("i", title, clean(selector), clean(host), 0, null, plus);
        }
        int port = port(f[3]);
        // next_url is built from the raw selector (percent-encoded, so nothing hides in it); the fields shown are cleaned
        String next = nextUrl(type, selector, host, port, hosts);
        return new MenuItem(String.valueOf(type), title, clean(selector), clean(host), port,
                next == null ? null : clean(next), plus);
    }

    private static int port(String field) {
        String p = field.strip();
        if (p.isEmpty() || p.length() > 5) {
            return GopherUrl.DEFAULT_PORT;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                return GopherUrl.DEFAULT_PORT;
            }
        }
        int v = Integer.parseInt(p);
        return v >= 1 && v <= 65535 ? v : GopherUrl.DEFAULT_PORT;
    }

    private static String nextUrl(char type, String selector, String host, int port, Map<String, String> hosts) {
        if (selector.regionMatches(true, 0, "URL:", 0, 4)) {
            String external = selector.substring(4).strip();
            return external.isEmpty() || Chars.hasControl(external) ? null : external;
        }
        if (type == '3') {
            return null;
        }
        String normalised = hosts.computeIfAbsent(host, MenuParser::normaliseOrEmpty);
        if (normalised.isEmpty()) {
            return null; // an unusable host: the item stays, without a link
        }
        try {
            return new GopherUrl(normalised, port, type, selector, null).toUrl();
        } catch (IllegalArgumentException e) {
            return null; // an unusable type or selector: the item stays, without a link
        }
    }

    private static String normaliseOrEmpty(String host) {
        try {
            return io.burrow.mcp.core.net.HostPolicy.normalizeHost(host);
        } catch (BurrowException e) {
            return "";
        }
    }

    /**
     * Cleans a server-supplied one-line string ({@link io.burrow.mcp.core.fetch.ServerText#line}): control,
     * bidirectional-override, private-use and unassigned characters removed, the legitimate ones kept.
     */
    static String clean(String s) {
        return ServerText.line(s);
    }
}
