package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Classifying hrefs and resolving relative ones against an entry path, with URI semantics. */
final class Hrefs {

    /** What an href is before any lookup. */
    enum Type {
        /** Empty, fragment-only, or a scheme that navigates nowhere ({@code javascript:}, {@code mailto:}…). */
        PLAIN,
        /** An absolute URL with a known scheme, or scheme-relative ({@code //host/…}). */
        EXTERNAL,
        /** A relative reference: resolved against the entry path. */
        RELATIVE,
        /** {@code x:…} with a scheme we do not know: maybe a relative path with a colon ({@code Help:Foo}). */
        OTHER_SCHEME
    }

    /** Schemes that do not navigate to a document: links with them are plain text and not listed. */
    private static final Set<String> NOT_NAVIGABLE = Set.of("javascript", "mailto", "data", "tel", "sms", "vbscript",
            "about", "blob", "callto");

    /** Schemes taken as external without a lookup. */
    private static final Set<String> KNOWN = Set.of("http", "https", "ftp", "ftps", "sftp", "gemini", "gopher", "file",
            "news", "nntp", "irc", "ircs", "ssh", "git", "svn", "telnet", "ws", "wss", "magnet", "urn", "xmpp",
            "rtsp", "rtmp", "mms", "geo", "finger", "spartan", "ipfs", "ipns", "doi", "hdl", "wais", "prospero",
            "ldap", "sip", "webcal", "feed", "chrome", "resource");

    private Hrefs() {
    }

    /** The href as a browser reads it: ASCII whitespace trimmed, tabs and newlines inside removed. */
    static String clean(String href) {
        String s = href.strip();
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\n' && c != '\r' && c != '\t') {
                    b.append(c);
                }
            }
            s = b.toString();
        }
        return s;
    }

    static Type type(String href) {
        if (href.isEmpty() || href.charAt(0) == '#') {
            return Type.PLAIN;
        }
        if (href.startsWith("//")) {
            return Type.EXTERNAL;
        }
        String scheme = scheme(href);
        if (scheme == null) {
            return Type.RELATIVE;
        }
        if (NOT_NAVIGABLE.contains(scheme)) {
            return Type.PLAIN;
        }
        return KNOWN.contains(scheme) ? Type.EXTERNAL : Type.OTHER_SCHEME;
    }

    /** The lower-case scheme of an absolute URL, or null. */
    static String scheme(String href) {
        if (href.isEmpty() || !isAsciiLetter(href.charAt(0))) {
            return null;
        }
        for (int i = 1; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c == ':') {
                return href.substring(0, i).toLowerCase(Locale.ROOT);
            }
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return null;
            }
        }
        return null;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The entry paths a relative href may name, most specific first: with its query (archives of crawled sites
     * store {@code page?x=1} as a path), then without. The fragment is dropped, segments are percent-decoded,
     * {@code .} and {@code ..} are applied.
     *
     * @param entryPath the path of the page holding the link ({@code wiki/Foo.html}, {@code A/Foo})
     * @return the candidates, or an empty list when the path escapes the archive's root
     */
    static List<String> candidates(String entryPath, String href) {
        String s = href;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        String query = null;
        int q = s.indexOf('?');
        if (q >= 0) {
            query = s.substring(q + 1);
            s = s.substring(0, q);
        }
        List<String> segs = new ArrayList<>();
        if (s.startsWith("/")) {
            s = s.substring(1);
        } else {
            int slash = entryPath.lastIndexOf('/');
            if (slash >= 0) {
                for (String seg : entryPath.substring(0, slash).split("/", -1)) {
                    segs.add(seg);
                }
            }
            if (s.isEmpty()) {
                segs.add(entryPath.substring(slash + 1));
            }
        }
        if (!s.isEmpty()) {
            String[] raw = s.split("/", -1);
            for (int i = 0; i < raw.length; i++) {
                String seg = raw[i];
                boolean last = i == raw.length - 1;
                if (seg.equals(".")) {
                    if (last) {
                        segs.add("");
                    }
                } else if (seg.equals("..")) {
                    if (segs.isEmpty()) {
                        return List.of();
                    }
                    segs.remove(segs.size() - 1);
                    if (last) {
                        segs.add("");
                    }
                } else {
                    segs.add(PathCodec.percentDecodeLenient(seg));
                }
            }
        }
        String path = String.join("/", segs);
        if (query != null && !query.isEmpty()) {
            return List.of(path + "?" + PathCodec.percentDecodeLenient(query), path);
        }
        return List.of(path);
    }
}
