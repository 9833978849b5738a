package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the links of a page lead: each href resolved against the entry path and looked up once per page through
 * the {@link EntryResolver}, found targets written as {@code uriForPath(path)}; and the {@link Link}s recorded in
 * document order.
 */
final class LinkTargets {

    private final String entryPath;

    private final EntryResolver resolver;

    private final Function<String, String> uriForPath;

    private final Map<String, Optional<EntryResolver.Target>> lookups = new HashMap<>();

    private final Map<String, Ref> refs = new HashMap<>();

    private final List<Link> links = new ArrayList<>();

    /** What an href or src points at. */
    record Ref(Hrefs.Type type, EntryResolver.Target target) {
        boolean found() {
            return target != null;
        }
    }

    LinkTargets(String entryPath, EntryResolver resolver, Function<String, String> uriForPath) {
        this.entryPath = entryPath;
        this.resolver = resolver;
        this.uriForPath = uriForPath;
    }

    /** Records a link. */
    void add(Link link) {
        links.add(link);
    }

    /** The links recorded, in document order. */
    List<Link> links() {
        return links;
    }

    /** The URI written for a found target. */
    String uri(EntryResolver.Target target) {
        return uriForPath.apply(target.path());
    }

    static String lastSegment(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static boolean isMedia(String mime) {
        return mime != null && (mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/"));
    }

    Ref ref(String href) {
        Ref r = refs.get(href);
        if (r == null) {
            r = lookup(href);
            refs.put(href, r);
        }
        return r;
    }

    private Ref lookup(String href) {
        Hrefs.Type type = Hrefs.type(href);
        if (type == Hrefs.Type.PLAIN || type == Hrefs.Type.EXTERNAL) {
            return new Ref(type, null);
        }
        for (String path : Hrefs.candidates(entryPath, href)) {
            Optional<EntryResolver.Target> t = lookups.computeIfAbsent(path, this::resolve);
            if (t.isPresent()) {
                return new Ref(type, t.get());
            }
        }
        return new Ref(type, null);
    }

    private Optional<EntryResolver.Target> resolve(String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Optional<EntryResolver.Target> t = resolver.resolve(path);
        return t == null ? Optional.empty() : t;
    }

    /** A link destination: as is, or in angle brackets when it holds spaces or unbalanced parentheses. */
    static String destination(String url) {
        int depth = 0;
        boolean plain = !url.isEmpty();
        for (int i = 0; i < url.length() && plain; i++) {
            char c = url.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                plain = --depth >= 0;
            } else if (c <= ' ' || c == '<' || c == '>' || c == '\\' && i + 1 == url.length()) {
                plain = false;
            }
        }
        if (plain && depth == 0) {
            return url;
        }
        StringBuilder b = new StringBuilder(url.length() + 2).append('<');
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '<' -> b.append("%3C");
                case '>' -> b.append("%3E");
                case '\n', '\r' -> b.append("%0A");
                default -> b.append(c);
            }
        }
        return b.append('>').toString();
    }

    static String escapeLabel(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
