package io.burrow.mcp.gemini.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URI reference split into its five RFC 3986 parts, and reference resolution (RFC 3986 §5.2) with
 * dot-segment removal. {@link java.net.URI#resolve} mishandles query-only and empty references and
 * rejects international characters, which gemtext links contain; this does neither.
 *
 * @param scheme the scheme, or {@code null}
 * @param authority the authority, or {@code null} when absent
 * @param path the path, possibly empty
 * @param query the query, or {@code null}
 * @param fragment the fragment, or {@code null}
 */
public record UriReference(String scheme, String authority, String path, String query, String fragment) {

    private static final Pattern PARTS = Pattern.compile("^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\\?([^#]*))?(#(.*))?$",
            Pattern.DOTALL);

    /** Splits any string into the parts of a URI reference (every string matches). */
    public static UriReference parse(String text) {
        Matcher m = PARTS.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("unreachable: the RFC 3986 pattern matches every string");
        }
        return new UriReference(m.group(2), m.group(4), m.group(5), m.group(7), m.group(9));
    }

    /** Resolves {@code reference} against this (absolute) base. */
    public UriReference resolve(UriReference r) {
        String s;
        String a;
        String p;
        String q;
        if (r.scheme != null) {
            s = r.scheme;
            a = r.authority;
            p = removeDotSegments(r.path);
            q = r.query;
        } else {
            s = scheme;
            if (r.authority != null) {
                a = r.authority;
                p = removeDotSegments(r.path);
                q = r.query;
            } else {
                a = authority;
                if (r.path.isEmpty()) {
                    p = path;
                    q = r.query != null ? r.query : query;
                } else {
                    p = r.path.startsWith("/") ? removeDotSegments(r.path) : removeDotSegments(merge(r.path));
                    q = r.query;
                }
            }
        }
        return new UriReference(s, a, p, q, r.fragment);
    }

    private String merge(String relative) {
        if (authority != null && path.isEmpty()) {
            return "/" + relative;
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? relative : path.substring(0, slash + 1) + relative;
    }

    /** RFC 3986 §5.2.4. */
    public static String removeDotSegments(String input) {
        if (input.indexOf('.') < 0) {
            return input;
        }
        String in = input;
        Deque<String> out = new ArrayDeque<>();
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else if (in.equals("/..")) {
                in = "/";
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int start = in.startsWith("/") ? 1 : 0;
                int next = in.indexOf('/', start);
                String segment = next < 0 ? in : in.substring(0, next);
                out.addLast(segment);
                in = next < 0 ? "" : in.substring(next);
            }
        }
        return String.join("", out);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (scheme != null) {
            b.append(scheme).append(':');
        }
        if (authority != null) {
            b.append("//").append(authority);
        }
        b.append(path);
        if (query != null) {
            b.append('?').append(query);
        }
        if (fragment != null) {
            b.append('#').append(fragment);
        }
        return b.toString();
    }
}
