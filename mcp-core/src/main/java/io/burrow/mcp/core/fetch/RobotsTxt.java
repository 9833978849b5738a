package io.burrow.mcp.core.fetch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed robots.txt file and its matcher, after RFC 9309 (the Robots Exclusion Protocol), which is a
 * superset of the 1994 grammar: {@code User-agent}, {@code Allow} and {@code Disallow} lines, {@code *}
 * (any characters) and a final {@code $} (end of path) in patterns, {@code #} comments.
 *
 * <ul>
 *   <li>Consecutive {@code User-agent} lines open a group; the rules that follow belong to it. Rules
 *       before the first {@code User-agent} line and unknown keys ({@code Sitemap}, {@code Crawl-delay})
 *       are ignored. Keys are case-insensitive; whitespace around keys and values is allowed.</li>
 *   <li>A crawler obeys every group naming one of its product tokens (compared case-insensitively, on
 *       the leading letters, digits, {@code _} and {@code -} of the line's value), combined into one; only
 *       when no group names it, the groups for {@code *}; with neither, nothing is disallowed.</li>
 *   <li>Of the rules whose pattern matches the path, the longest pattern (in octets, percent-encoded)
 *       decides; on a tie between {@code Allow} and {@code Disallow}, {@code Allow} wins. An empty
 *       pattern matches nothing ({@code Disallow:} allows everything, as in 1994). {@code /robots.txt}
 *       itself is always allowed.</li>
 *   <li>Paths and patterns are compared percent-encoded: non-ASCII characters are encoded as UTF-8,
 *       encoded unreserved characters ({@code %62} for {@code b}) are decoded, hex digits upper-cased.
 *       In a path, {@code *} and {@code $} are literal ({@code %2A}, {@code %24} in a pattern).</li>
 * </ul>
 *
 * Immutable and thread-safe; parsing never throws, whatever the input.
 */
public final class RobotsTxt {

    /** The most octets of robots.txt read (RFC 9309 asks for at least 500 KiB); the rest is ignored. */
    public static final int MAX_BYTES = 512_000;
    /** Longest pattern considered; longer rules are ignored (they would only make matching slow). */
    static final int MAX_PATTERN = 2048;

    /** No rules: everything is allowed. */
    public static final RobotsTxt EMPTY = new RobotsTxt(List.of());

    /**
     * The decision for one path.
     *
     * @param allowed whether the path may be fetched
     * @param rule the rule that decided, as written ({@code Disallow: /private/}), or {@code null} when no
     *     rule matched
     * @param userAgent the user-agent token of the group that decided ({@code *}, {@code burrow}…), or
     *     {@code null} when no group applied
     */
    public record Decision(boolean allowed, String rule, String userAgent) {

        static final Decision ALLOW_ALL = new Decision(true, null, null);
    }

    private record Rule(boolean allow, String pattern, String text) {
    }

    private record Group(List<String> agents, List<Rule> rules) {
    }

    private final List<Group> groups;

    private RobotsTxt(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** Parses the bytes of a robots.txt file as UTF-8 (invalid bytes replaced), at most {@link #MAX_BYTES}. */
    public static RobotsTxt parse(byte[] data, int length) {
        int n = Math.max(0, Math.min(Math.min(length, data.length), MAX_BYTES));
        return parse(new String(data, 0, n, StandardCharsets.UTF_8));
    }

    /** Parses a robots.txt file. Never throws; a {@code null} text has no rules. */
    public static RobotsTxt parse(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        List<Group> groups = new ArrayList<>();
        if (text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<String> agents = null;
        List<Rule> rules = null;
        boolean inRules = false;
        int start = 0;
        int len = text.length();
        while (start < len) {
            int end = start;
            while (end < len && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end);
            start = end + 1;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "user-agent", "useragent", "user agent" -> {
                    if (agents == null || inRules) {
                        agents = new ArrayList<>();
                        rules = new ArrayList<>();
                        groups.add(new Group(agents, rules));
                        inRules = false;
                    }
                    String token = token(value);
                    if (!token.isEmpty()) {
                        agents.add(token);
                    }
                }
                case "allow", "disallow", "dissallow", "dissalow", "disalow" -> {
                    if (agents == null) {
                        continue; // a rule before any user-agent line applies to nobody
                    }
                    inRules = true;
                    String pattern = normalize(value, true);
                    if (!pattern.isEmpty() && pattern.length() <= MAX_PATTERN) {
                        boolean allow = key.equals("allow");
                        rules.add(new Rule(allow, pattern, (allow ? "Allow: " : "Disallow: ") + value));
                    }
                }
                default -> {
                    if (agents != null && !key.isEmpty() && !key.equals("sitemap")) {
                        inRules = true; // other records (crawl-delay…) end the user-agent lines too
                    }
                }
            }
        }
        return new RobotsTxt(groups);
    }

    /** The product token of a user-agent value: {@code *}, or its leading letters, digits, '_' and '-', lower case. */
    private static String token(String value) {
        if (value.startsWith("*")) {
            return "*";
        }
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
                break;
            }
            i++;
        }
        return value.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** Whether no group has any rule. */
    public boolean isEmpty() {
        return groups.stream().allMatch(g -> g.rules().isEmpty());
    }

    /**
     * Decides whether a crawler with these product tokens may fetch {@code path}.
     *
     * @param agents the crawler's product tokens (this server's, virtual agents, AI crawler tokens), any
     *     case; {@code *} is implied
     * @param path the path (with its query, if any) of the URL
     */
    public Decision decide(Collection<String> agents, String path) {
        String p = normalize(path == null || path.isEmpty() ? "/" : path, false);
        if (p.equals("/robots.txt")) {
            return Decision.ALLOW_ALL;
        }
        List<String> wanted = new ArrayList<>();
        for (String a : agents) {
            String t = token(a == null ? "" : a.strip());
            if (!t.isEmpty() && !t.equals("*")) {
                wanted.add(t);
            }
        }
        List<Group> applicable = new ArrayList<>();
        for (Group g : groups) {
            if (g.agents().stream().anyMatch(wanted::contains)) {
                applicable.add(g);
            }
        }
        if (applicable.isEmpty()) {
            for (Group g : groups) {
                if (g.agents().contains("*")) {
                    applicable.add(g);
                }
            }
        }
        Rule best = null;
        Group bestGroup = null;
        for (Group g : applicable) {
            for (Rule r : g.rules()) {
                if (best != null && (r.pattern().length() < best.pattern().length()
                        || (r.pattern().length() == best.pattern().length() && (best.allow() || !r.allow())))) {
                    continue; // cannot beat the best so far
                }
                if (matches(r.pattern(), p)) {
                    best = r;
                    bestGroup = g;
                }
            }
        }
        if (best == null) {
            return Decision.ALLOW_ALL;
        }
        String agent = bestGroup.agents().stream().filter(a -> wanted.contains(a) || a.equals("*")).findFirst()
                .orElse(null);
        return new Decision(best.allow(), best.text(), agent);
    }

    /** Matches a normalised pattern ({@code *}, final {@code $}) against the start of a normalised path. */
    static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        int plen = anchored ? pattern.length() - 1 : pattern.length();
        int n = path.length();
        // the set of path positions reachable after the pattern so far, as a sorted array
        int[] pos = {0};
        int count = 1;
        int[] next = new int[n + 1];
        for (int i = 0; i < plen; i++) {
            char c = pattern.charAt(i);
            int k = 0;
            if (c == '*') {
                for (int q = pos[0]; q <= n; q++) {
                    next[k++] = q;
                }
            } else {
                for (int j = 0; j < count; j++) {
                    int q = pos[j];
                    if (q < n && path.charAt(q) == c) {
                        next[k++] = q + 1;
                    }
                }
            }
            if (k == 0) {
                return false;
            }
            int[] t = pos.length >= k ? pos : new int[n + 1];
            System.arraycopy(next, 0, t, 0, k);
            pos = t;
            count = k;
        }
        if (!anchored) {
            return true;
        }
        return pos[count - 1] == n;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Percent-encoding normal form: UTF-8 for non-ASCII, controls and spaces; encoded unreserved
     * characters decoded; hex upper case. In a path (not a pattern) {@code *} and {@code $} are encoded.
     */
    static String normalize(String s, boolean pattern) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            if (c == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                int v = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
                if (unreserved(v)) {
                    b.append((char) v);
                } else {
                    b.append('%').append(HEX[v >> 4]).append(HEX[v & 15]);
                }
                i += 2;
            } else if (c <= 0x20 || c >= 0x7F || (!pattern && (c == '*' || c == '$'))) {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static int hex(byte b) {
        int c = b & 0xFF;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Override
    public String toString() {
        return "RobotsTxt" + groups;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RobotsTxt r && r.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groups);
    }
}
