package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory in path order: the dirent pointer list, binary search by (namespace, path) as unsigned UTF-8
 * bytes, libzim's lookup fallbacks, and namespace ranges.
 */
final class PathIndex {

    private final Storage storage;
    private final ZimHeader header;
    private final int entryCount;
    private final KeySamples samples;

    PathIndex(Storage storage, ZimHeader header) {
        this.storage = storage;
        this.header = header;
        this.entryCount = (int) header.entryCount();
        this.samples = new KeySamples(storage, entryCount, this::direntOffset, false);
    }

    /** Where dirent {@code i} lies, checked against the file. */
    long direntOffset(int i) {
        long d = storage.u64(header.pathPtrPos() + 8L * i);
        if (d < header.mimeListPos() || d > storage.size() - 12) {
            throw new ZimFormatException("dirent pointer " + i + " out of bounds (" + d + ")");
        }
        return d;
    }

    Dirent dirent(int i) {
        return Dirent.read(storage, direntOffset(i));
    }

    /** The namespace of entry {@code i}. */
    int namespaceAt(int i) {
        return storage.u8(direntOffset(i) + 3);
    }

    /**
     * libzim's {@code getEntryByPath}: new scheme, the path in {@code C}, else a long path ({@code A/Foo},
     * {@code /C/Foo}) mapped to {@code C}; old scheme, a long path {@code NS/path}, else the bare path in {@code A},
     * {@code I}, {@code J}, {@code -}. The entry's index, or -1.
     */
    int findIndex(String path) {
        if (header.newNamespaceScheme()) {
            int i = find('C', bytes(path));
            if (i >= 0) {
                return i;
            }
            String[] lp = parseLongPath(path);
            return lp == null ? -1 : find('C', bytes(lp[1]));
        }
        String[] lp = parseLongPath(path);
        if (lp != null) {
            int i = find(lp[0].charAt(0), bytes(lp[1]));
            if (i >= 0) {
                return i;
            }
        }
        for (char ns : new char[] {'A', 'I', 'J', '-'}) {
            int i = find(ns, bytes(path));
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** libzim's {@code parseLongPath}: {@code [/]N/rest} → {N, rest}; null when not of that form. */
    static String[] parseLongPath(String longPath) {
        int i = longPath.startsWith("/") ? 1 : 0;
        if (i + 1 > longPath.length() || longPath.charAt(i) == '/'
                || (i + 1 < longPath.length() && longPath.charAt(i + 1) != '/')) {
            return null;
        }
        char ns = longPath.charAt(i);
        if (ns > 0xFF) {
            return null;
        }
        return new String[] {String.valueOf(ns), longPath.substring(Math.min(i + 2, longPath.length()))};
    }

    /** Index of the entry (ns, path), or {@code -(insertion point) - 1}. */
    int search(char ns, byte[] path) {
        long range = samples.narrow(ns, path);
        int lo = KeySamples.from(range);
        int hi = KeySamples.to(range);
        int end = hi;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareAt(mid, ns, path);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid;
            } else {
                return mid;
            }
        }
        if (lo == end && lo < entryCount && compareAt(lo, ns, path) == 0) {
            return lo; // the entry is the step's end itself, which the narrowing leaves out
        }
        return -(lo + 1);
    }

    /** Compares (namespace, path) of entry {@code i} with {@code (ns, path)}. */
    private int compareAt(int i, char ns, byte[] path) {
        long d = direntOffset(i);
        int c = storage.u8(d + 3) - (ns & 0xFF);
        if (c != 0) {
            return c;
        }
        long p = Dirent.pathPos(storage, d);
        return storage.compareCString(p, p + Dirent.MAX_STRING, path);
    }

    /** Index of the entry (ns, path), or -1. */
    int find(char ns, byte[] path) {
        int i = search(ns, path);
        return i >= 0 ? i : -1;
    }

    /** Index of the first entry whose namespace is {@code >= ns}. */
    int namespaceBegin(int ns) {
        int lo = 0;
        int hi = entryCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (storage.u8(direntOffset(mid) + 3) < ns) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The namespaces present, in order. */
    List<Character> namespaces() {
        List<Character> out = new ArrayList<>();
        for (int i = 0; i < entryCount; i = namespaceBegin(namespaceAt(i) + 1)) {
            out.add((char) namespaceAt(i));
        }
        return out;
    }

    /** Whether entry {@code i} is in namespace {@code ns} and its path starts with {@code prefix}. */
    boolean hasPathPrefix(int i, char ns, byte[] prefix) {
        long d = direntOffset(i);
        long pp = Dirent.pathPos(storage, d);
        return storage.u8(d + 3) == ns && storage.comparePrefix(pp, pp + Dirent.MAX_STRING, prefix) == 0;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
