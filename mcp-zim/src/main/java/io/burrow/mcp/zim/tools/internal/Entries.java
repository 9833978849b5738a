package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimFormatException;
import io.burrow.mcp.zim.search.internal.XapianUnicode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Entry paths as clients see them, lookups with helpful misses, redirects followed, MIME classes. */
final class Entries {

    static final int MAX_ENTRY_PATH = 2048;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Entries() {
    }

    /** An entry a client asked for and the one its redirects lead to. */
    record Resolved(Entry requested, Entry target) {
        /** The requested path when it was a redirect, else null. */
        String redirectedFrom(ZimArchive a) {
            return requested.isRedirect() ? publicPath(a, requested) : null;
        }
    }

    /** The path clients use: {@code C} paths bare in new-scheme archives, {@code NS/path} in old ones. */
    static String publicPath(ZimArchive a, Entry e) {
        return a.hasNewNamespaceScheme() && e.namespace() == 'C' ? e.path() : e.fullPath();
    }

    /** Follows redirects (at most {@link Entry#MAX_REDIRECT_HOPS} hops). */
    static Entry follow(Entry e) {
        Entry cur = e;
        for (int hops = 0; cur.isRedirect(); hops++) {
            if (hops >= Entry.MAX_REDIRECT_HOPS) {
                throw new ZimFormatException("The redirects from '" + e.path() + "' loop or exceed "
                        + Entry.MAX_REDIRECT_HOPS + " hops");
            }
            cur = cur.redirectEntry();
        }
        return cur;
    }

    /** Checks an entry path argument. */
    static String check(String path, String argument) {
        if (path.isEmpty()) {
            throw new InvalidRequestException(argument + " is empty");
        }
        if (path.length() > MAX_ENTRY_PATH) {
            throw new InvalidRequestException(argument + " is too long (at most " + MAX_ENTRY_PATH + " characters)");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidRequestException(argument + " must not contain control characters");
            }
        }
        return path;
    }

    /** Finds an entry: the path as given, without a leading slash, then percent-decoded. */
    static Optional<Entry> find(ZimArchive a, String path) {
        Optional<Entry> e = a.findEntry(path);
        if (e.isEmpty() && path.startsWith("/")) {
            e = a.findEntry(path.substring(1));
        }
        if (e.isEmpty() && path.indexOf('%') >= 0) {
            try {
                String decoded = PathCodec.percentDecode(path, "entry_path");
                e = a.findEntry(decoded.startsWith("/") ? decoded.substring(1) : decoded);
            } catch (InvalidRequestException ignored) {
                // not an escaped path
            }
        }
        return e;
    }

    /** The main page of {@code l}, followed if it is a redirect. */
    static Resolved main(LoadedArchive l) {
        Entry main = l.archive().mainEntry().orElseThrow(() -> new NotFoundException(
                l.name() + " has no main page", "Use zim_browse or zim_random to find articles."));
        return new Resolved(main, follow(main));
    }

    /**
     * The entry at {@code path} and its redirect target.
     *
     * @throws BurrowException {@code NOT_FOUND} with up to five {@code did_you_mean} paths
     */
    static Resolved resolve(LoadedArchive l, String path) {
        Entry e = find(l.archive(), check(path, "entry_path")).orElseThrow(() -> notFound(l, path));
        return new Resolved(e, follow(e));
    }

    static BurrowException notFound(LoadedArchive l, String path) {
        List<String> near = near(l, path);
        BurrowException e = new NotFoundException("No entry '" + path + "' in " + l.name(), near.isEmpty()
                ? "Find entries with zim_search (mode title or fulltext) or list them with zim_browse."
                : "Did you mean one of did_you_mean? Entry paths are case-sensitive.");
        if (!near.isEmpty()) {
            e.withDetail("did_you_mean", near);
        }
        return e;
    }

    /** Up to five paths whose title starts like the last segment of {@code path}. */
    private static List<String> near(LoadedArchive l, String path) {
        String seg = path.substring(path.lastIndexOf('/') + 1);
        int dot = seg.lastIndexOf('.');
        if (dot > 0) {
            seg = seg.substring(0, dot);
        }
        seg = seg.replace('_', ' ').strip();
        if (seg.isEmpty()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        ZimArchive a = l.archive();
        try {
            for (String q = seg; !q.isEmpty() && out.size() < 5; q = q.contains(" ")
                    ? q.substring(0, q.lastIndexOf(' ')).strip() : "") {
                for (String variant : new LinkedHashSet<>(List.of(q, capitalize(q), q.toLowerCase(Locale.ROOT)))) {
                    a.findByTitlePrefix(variant).limit(5).forEach(x -> out.add(publicPath(a, follow(x))));
                }
                for (var h : l.searcher().suggest(q, 5).results()) {
                    find(a, h.path()).ifPresent(x -> out.add(publicPath(a, follow(x))));
                }
            }
        } catch (RuntimeException ignored) {
            // suggestions are a courtesy
        }
        return out.stream().limit(5).toList();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT)
                + s.substring(s.offsetByCodePoints(0, 1));
    }

    static boolean isHtml(String mime) {
        String m = mime.toLowerCase(Locale.ROOT);
        return m.startsWith("text/html") || m.startsWith("application/xhtml");
    }

    static boolean isText(String mime) {
        String m = mime.toLowerCase(Locale.ROOT);
        return m.startsWith("text/") || m.startsWith("application/json") || m.startsWith("application/javascript")
                || m.startsWith("application/xml") || m.contains("+xml") || m.contains("+json");
    }

    /** Stylesheets, scripts, fonts and images: hidden from listings unless asked for. */
    static boolean isAsset(String mime) {
        String m = mime.toLowerCase(Locale.ROOT);
        return m.startsWith("text/css") || m.contains("javascript") || m.startsWith("font/")
                || m.startsWith("application/font") || m.startsWith("application/vnd.ms-fontobject")
                || m.startsWith("image/");
    }

    /** Lower case without accents, whitespace collapsed (underscores count as spaces). */
    static String fold(String s) {
        return WHITESPACE.matcher(XapianUnicode.removeAccents(s).replace('_', ' ').strip()).replaceAll(" ");
    }
}
