package io.burrow.mcp.zim;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.internal.ClusterData;
import io.burrow.mcp.zim.internal.Decoders;
import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.MimeCounter;
import io.burrow.mcp.zim.internal.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A ZIM archive opened for reading: a pure-Java reader answering as libzim does.
 *
 * <pre>{@code
 * try (ZimArchive zim = ZimArchive.open(Path.of("wikipedia.zim"))) {
 *     Entry main = zim.mainEntry().orElseThrow();
 *     String html = main.item().text();                       // follows the W/mainPage redirect
 *     Optional<Entry> e = zim.findEntry("wiki/Zurich.html");  // C/ namespace, libzim's fallbacks
 *     List<String> titles = zim.findByTitlePrefix("Zür").limit(10).map(Entry::title).toList();
 *     String language = zim.metadata("Language").orElse("?");
 * }
 * }</pre>
 *
 * <p><b>Opening.</b> {@link #open(Path)} takes a {@code .zim} file or the first part of a split archive
 * ({@code name.zimaa}, or {@code name.zim} when only {@code name.zimaa}, {@code name.zimab}, … exist).
 * The header is validated as libzim does (magic, version 5 or 6, section positions, checksum
 * position); nothing else is read up front, and nothing reads a whole file: the archive is read
 * with positional reads through a small page cache (not memory-mapped: see {@link #hasChanged()}).
 *
 * <p><b>Entries.</b> Entries are numbered in path order over all namespaces ({@link #entryAt(int)},
 * {@link #allEntryCount()}); the user entries (libzim's {@code entry_count}) are the {@code C}
 * namespace in new-scheme archives and every entry in old ones. {@link #entriesByPath()} and
 * {@link #entriesByTitle()} iterate them lazily.
 *
 * <p><b>Errors and safety.</b> Every failure is a {@link ZimException}: damaged structures raise
 * {@link ZimFormatException} with a message naming what is wrong; sizes driven by the file are
 * bounded ({@link ZimOptions}); redirect chains are cut after {@value Entry#MAX_REDIRECT_HOPS} hops.
 *
 * <p><b>Threads.</b> An archive is safe for concurrent use; decompressed clusters are shared through a
 * byte-bounded {@link ClusterCache}.
 */
public final class ZimArchive implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();
    private static final HexFormat HEX = HexFormat.of();

    private final long id = IDS.incrementAndGet();
    private final String name;
    private final Storage storage;
    private final ZimHeader header;
    private final ZimOptions options;
    private final ClusterCache cache;
    private final List<String> mimeTypes;
    private final int entryCount;
    private final int clusterCount;
    private final int userStart;
    private final int userEnd;
    private final long titleListPos;
    private final int titleListCount;
    private final boolean frontArticlesIndex;
    private final long clusterAreaEnd;
    private volatile boolean closed;
    /** Blob offset tables of compressed clusters seen, so a re-decode skips the table phase (bounded). */
    private final com.github.benmanes.caffeine.cache.Cache<Long, long[]> tables =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumWeight(2L << 20)
                    .weigher((Long k, long[] v) -> 8 * v.length + 32)
                    .executor(Runnable::run)
                    .build();

    private ZimArchive(String name, Storage storage, ZimOptions options) {
        this.name = name;
        this.storage = storage;
        this.options = options;
        this.cache = options.clusterCache() != null ? options.clusterCache()
                : ClusterCache.ofBytes(options.clusterCacheBytes());
        this.header = readHeader(storage);
        this.entryCount = (int) header.entryCount();
        this.clusterCount = (int) header.clusterCount();
        storage.check(header.pathPtrPos(), 8L * entryCount, "path pointer list");
        storage.check(header.clusterPtrPos(), 8L * clusterCount, "cluster pointer list");
        if (clusterCount > 0) {
            long last = storage.u64(header.clusterPtrPos() + 8L * (clusterCount - 1));
            if (last < 0 || last > storage.size()) {
                throw new ZimFormatException("last cluster offset larger than the file size; file corrupt");
            }
        }
        long end = storage.size();
        if (header.hasChecksum() && header.checksumPos() != 0) {
            end = Math.min(end, header.checksumPos());
        }
        this.clusterAreaEnd = end;
        this.mimeTypes = readMimeTypes();
        if (header.newNamespaceScheme()) {
            this.userStart = namespaceBegin('C');
            this.userEnd = namespaceBegin('C' + 1);
        } else {
            this.userStart = 0;
            this.userEnd = entryCount;
        }
        // title index: the v1 front-article listing (uncompressed cluster only), else the v0 list
        long tPos = -1;
        int tCount = 0;
        boolean front = false;
        int v1 = find('X', bytes("listing/titleOrdered/v1"));
        if (v1 >= 0) {
            Dirent d = dirent(v1);
            if (d.isContent()) {
                BlobRef ref = locate(d.cluster(), d.blob());
                if (ref.compression() == Compression.NONE) {
                    tPos = ref.absStart();
                    tCount = (int) Math.min(Integer.MAX_VALUE, ref.size() / 4);
                    front = true;
                }
            }
        }
        if (!front && header.hasTitleIndexV0()) {
            tPos = header.titleIdxPos();
            tCount = entryCount;
            storage.check(tPos, 4L * tCount, "title index");
        }
        this.titleListPos = tPos;
        this.titleListCount = tCount;
        this.frontArticlesIndex = front;
    }

    /** Opens an archive with the {@linkplain ZimOptions#defaults() default options}. */
    public static ZimArchive open(Path file) {
        return open(file, ZimOptions.defaults());
    }

    /**
     * Opens a single-file or split archive.
     *
     * @param file a {@code .zim} file, the first part ({@code .zimaa}) of a split archive, or the
     *     {@code .zim} name of a split archive whose parts are {@code .zimaa}, {@code .zimab}, …
     * @throws ZimException {@code ZIM_IO_ERROR} if it cannot be read, {@code ZIM_FORMAT_ERROR} if it is
     *     not a valid ZIM archive
     */
    public static ZimArchive open(Path file, ZimOptions options) {
        List<Path> parts = parts(file);
        String name = file.getFileName() == null ? "archive" : file.getFileName().toString();
        Storage storage = Storage.map(parts, options.mapWindowBytes());
        return open(name, storage, options);
    }

    /** Opens an archive held in memory (tests, fuzzing, archives inside other containers). */
    public static ZimArchive open(ByteBuffer data, ZimOptions options) {
        return open("memory.zim", Storage.of(data.duplicate(), options.mapWindowBytes()), options);
    }

    private static ZimArchive open(String name, Storage storage, ZimOptions options) {
        try {
            ZimArchive a = new ZimArchive(name, storage, options);
            if (options.checkIntegrityOnOpen()) {
                IntegrityReport r = a.checkIntegrity(false);
                if (!r.passed()) {
                    IntegrityReport.Check c = r.failures().get(0);
                    throw new ZimFormatException("archive '" + name + "' failed the " + c.name() + " check: "
                            + c.message());
                }
            }
            return a;
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    /**
     * The files {@link #open} reads for the archive named {@code file}: itself, or the parts {@code .zimaa},
     * {@code .zimab}, … of a split archive in order (named by its {@code .zim} name or by any part).
     *
     * @throws ZimException {@code IO_ERROR} if there is no such file
     */
    public static List<Path> parts(Path file) {
        String fn = file.getFileName() == null ? "" : file.getFileName().toString();
        Path base;
        if (fn.matches(".*\\.zim[a-z][a-z]")) {
            base = file.resolveSibling(fn.substring(0, fn.length() - 2));
        } else if (!Files.exists(file) && Files.exists(file.resolveSibling(fn + "aa"))) {
            base = file;
        } else {
            if (!Files.isRegularFile(file)) {
                throw new ZimException(ZimException.IO_ERROR, "cannot open archive '" + fn + "': no such file");
            }
            return List.of(file);
        }
        String b = base.getFileName().toString();
        List<Path> parts = new ArrayList<>();
        outer:
        for (char c1 = 'a'; c1 <= 'z'; c1++) {
            for (char c2 = 'a'; c2 <= 'z'; c2++) {
                Path p = base.resolveSibling(b + c1 + c2);
                if (!Files.isRegularFile(p)) {
                    break outer;
                }
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new ZimException(ZimException.IO_ERROR, "cannot open archive '" + fn + "': no such file");
        }
        return parts;
    }

    private static ZimHeader readHeader(Storage s) {
        if (s.size() < ZimHeader.SIZE) {
            throw new ZimFormatException("file is too small to contain a ZIM header (" + s.size() + " bytes)");
        }
        if ((int) s.u32(0) != ZimHeader.MAGIC) {
            throw new ZimFormatException("invalid magic number: not a ZIM archive");
        }
        int major = s.u16(4);
        if (major != 5 && major != 6) {
            throw new ZimException(ZimException.UNSUPPORTED, "unsupported ZIM major version " + major
                    + " (5 and 6 are supported)");
        }
        byte[] u = s.bytes(8, 16);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (u[i] & 0xFF);
            lsb = (lsb << 8) | (u[8 + i] & 0xFF);
        }
        long mimeListPos = s.u64(56);
        ZimHeader h = new ZimHeader(major, s.u16(6), new UUID(msb, lsb), s.u32(24), s.u32(28), s.u64(32),
                s.u64(40), s.u64(48), mimeListPos, s.u32(64), s.u32(68), mimeListPos >= 80 ? s.u64(72) : 0);
        if ((h.entryCount() == 0) != (h.clusterCount() == 0)) {
            throw new ZimFormatException("invalid header: no entries <=> no clusters");
        }
        if (mimeListPos != ZimHeader.SIZE && mimeListPos != 72) {
            throw new ZimFormatException("invalid header: MIME list position " + mimeListPos + " (must be 80)");
        }
        if (Long.compareUnsigned(h.pathPtrPos(), mimeListPos) < 0 || h.pathPtrPos() < 0) {
            throw new ZimFormatException("invalid header: path pointer position before the MIME list");
        }
        if (h.titleIdxPos() != -1 && (h.titleIdxPos() < mimeListPos)) {
            throw new ZimFormatException("invalid header: title index position before the MIME list");
        }
        if (h.clusterPtrPos() < mimeListPos) {
            throw new ZimFormatException("invalid header: cluster pointer position before the MIME list");
        }
        if (h.clusterCount() > h.entryCount()) {
            throw new ZimFormatException("invalid header: more clusters than entries");
        }
        if (h.checksumPos() != 0 && h.checksumPos() < mimeListPos) {
            throw new ZimFormatException("invalid header: checksum position before the MIME list");
        }
        if (h.hasChecksum() && h.checksumPos() != s.size() - 16) {
            throw new ZimFormatException("invalid header: checksum position " + h.checksumPos()
                    + " is not 16 bytes before the end of the file (" + s.size() + " bytes); truncated?");
        }
        if (h.entryCount() > Integer.MAX_VALUE - 8) {
            throw new ZimFormatException("invalid header: too many entries");
        }
        return h;
    }

    private List<String> readMimeTypes() {
        long start = header.mimeListPos();
        long limit = header.pathPtrPos();
        if (header.titleIdxPos() != -1) {
            limit = Math.min(limit, header.titleIdxPos());
        }
        limit = Math.min(limit, header.clusterPtrPos());
        if (entryCount > 0) {
            limit = Math.min(limit, storage.u64(header.pathPtrPos()));
            limit = Math.min(limit, storage.u64(header.clusterPtrPos()));
        }
        if (limit <= start) {
            throw new ZimFormatException("invalid MIME type list: no room before the first section");
        }
        limit = Math.min(limit, storage.size());
        List<String> types = new ArrayList<>();
        long p = start;
        while (true) {
            if (p >= limit) {
                throw new ZimFormatException("unterminated MIME type list");
            }
            long z = storage.indexOfNul(p, limit);
            if (z < 0) {
                throw new ZimFormatException("unterminated MIME type list");
            }
            if (z == p) {
                break;
            }
            if (types.size() >= 0xFFFD) {
                throw new ZimFormatException("too many MIME types");
            }
            types.add(new String(storage.bytes(p, (int) (z - p)), StandardCharsets.UTF_8));
            p = z + 1;
        }
        return List.copyOf(types);
    }

    // ---------------------------------------------------------------- facts

    /** The file name (without directories) the archive was opened from. */
    public String name() {
        return name;
    }

    /** The header. */
    public ZimHeader header() {
        return header;
    }

    /** The options the archive was opened with. */
    public ZimOptions options() {
        return options;
    }

    /** The cluster cache this archive uses. */
    public ClusterCache clusterCache() {
        return cache;
    }

    /** The archive's UUID. */
    public UUID uuid() {
        return header.uuid();
    }

    /** Whether the archive uses the new namespace scheme (ZIM minor version >= 1). */
    public boolean hasNewNamespaceScheme() {
        return header.newNamespaceScheme();
    }

    /** The total size in bytes (all parts). */
    public long size() {
        return storage.size();
    }

    /** The files of the archive (one, or the parts of a split archive). */
    public List<Path> parts() {
        return storage.parts().stream().map(Storage.Part::path).toList();
    }

    /**
     * Whether a file of the archive changed on disk since it was opened: removed, replaced (renamed over), truncated,
     * extended or rewritten in place (its size, modification or change time, device or inode differ). It costs a
     * file-status call per part. A changed archive should be closed and opened again: reads past the end of a
     * truncated file fail with {@value ZimException#CHANGED}, and a file rewritten in place may yield the new file's
     * bytes at the old offsets. (A file replaced by renaming another over it stays readable as it was: the archive
     * keeps the old file open.) An archive opened from memory never changes.
     */
    public boolean hasChanged() {
        return storage.changed();
    }

    /** Whether the archive is split in several parts. */
    public boolean isMultiPart() {
        return storage.parts().size() > 1;
    }

    /** The MIME type list. */
    public List<String> mimeTypes() {
        return mimeTypes;
    }

    /** All directory entries (libzim's {@code all_entry_count}, the header's count). */
    public int allEntryCount() {
        return entryCount;
    }

    /** The number of clusters. */
    public int clusterCount() {
        return clusterCount;
    }

    /** User entries (libzim's {@code entry_count}): the {@code C} namespace, or all entries in old archives. */
    public int entryCount() {
        return userEnd - userStart;
    }

    /** Index of the first user entry. */
    public int userEntriesStart() {
        return userStart;
    }

    /** Whether the title index is the v1 front-article listing (else the v0 list of all entries). */
    public boolean hasFrontArticlesIndex() {
        return frontArticlesIndex;
    }

    /**
     * The article count as libzim computes it: the v1 front-article listing's length, else the
     * {@code text/html} total of {@code M/Counter}, else the size of the {@code C} (or {@code A})
     * namespace.
     */
    public int articleCount() {
        ensureOpen();
        if (frontArticlesIndex) {
            return titleListCount;
        }
        Optional<String> counter = metadata("Counter");
        if (counter.isPresent()) {
            return (int) MimeCounter.count(counter.get(), m -> m.startsWith("text/html"));
        }
        char ns = hasNewNamespaceScheme() ? 'C' : 'A';
        return namespaceBegin(ns + 1) - namespaceBegin(ns);
    }

    /**
     * The media count as libzim computes it: {@code image/*}, {@code video/*} and {@code audio/*} in
     * {@code M/Counter}; without a counter, the size of the {@code I} and {@code J} namespaces.
     */
    public int mediaCount() {
        ensureOpen();
        Optional<String> counter = metadata("Counter");
        if (counter.isPresent()) {
            return (int) MimeCounter.count(counter.get(),
                    m -> m.startsWith("image/") || m.startsWith("video/") || m.startsWith("audio/"));
        }
        return namespaceBegin('I' + 1) - namespaceBegin('I') + namespaceBegin('J' + 1) - namespaceBegin('J');
    }

    // ---------------------------------------------------------------- lookup

    /** The entry at {@code index} in path order over all entries. */
    public Entry entryAt(int index) {
        ensureOpen();
        if (index < 0 || index >= entryCount) {
            throw new ZimEntryNotFoundException("entry index " + index + " out of range (" + entryCount + " entries)");
        }
        return new Entry(this, index, dirent(index));
    }

    /**
     * Finds an entry by path as libzim's {@code getEntryByPath} does. New scheme: the path in
     * {@code C}, else a long path ({@code A/Foo}, {@code /C/Foo}) mapped to {@code C}. Old scheme: a
     * long path {@code NS/path}, else the bare path in {@code A}, {@code I}, {@code J}, {@code -}.
     */
    public Optional<Entry> findEntry(String path) {
        ensureOpen();
        int i = findIndex(path);
        return i < 0 ? Optional.empty() : Optional.of(entryAt(i));
    }

    /** Like {@link #findEntry(String)}, raising {@code NOT_FOUND} when there is no such entry. */
    public Entry entry(String path) {
        return findEntry(path).orElseThrow(() -> new ZimEntryNotFoundException("no entry '" + path + "' in '"
                + name + "'"));
    }

    /** Whether {@link #findEntry(String)} finds an entry. */
    public boolean hasEntry(String path) {
        ensureOpen();
        return findIndex(path) >= 0;
    }

    /** The entry with exactly this namespace and path (no fallbacks). */
    public Optional<Entry> findEntry(char namespace, String path) {
        ensureOpen();
        int i = find(namespace, bytes(path));
        return i < 0 ? Optional.empty() : Optional.of(entryAt(i));
    }

    private int findIndex(String path) {
        if (hasNewNamespaceScheme()) {
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
    private int search(char ns, byte[] path) {
        int lo = 0;
        int hi = entryCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long d = direntOffset(mid);
            int c = storage.u8(d + 3) - (ns & 0xFF);
            if (c == 0) {
                long p = Dirent.pathPos(storage, d);
                c = storage.compareCString(p, p + Dirent.MAX_STRING, path);
            }
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private int find(char ns, byte[] path) {
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

    /** The entries of one namespace, in path order. */
    public Stream<Entry> namespace(char ns) {
        ensureOpen();
        return IntStream.range(namespaceBegin(ns), namespaceBegin(ns + 1)).mapToObj(this::entryAt);
    }

    /** The entries of namespace {@code ns} from the {@code from}-th one (0-based, path order). */
    public Stream<Entry> namespace(char ns, int from) {
        ensureOpen();
        int begin = namespaceBegin(ns);
        int end = namespaceBegin(ns + 1);
        return IntStream.range((int) Math.min(end, (long) begin + Math.max(0, from)), end).mapToObj(this::entryAt);
    }

    /** The number of entries of namespace {@code ns}. */
    public int namespaceSize(char ns) {
        ensureOpen();
        return namespaceBegin(ns + 1) - namespaceBegin(ns);
    }

    /** The namespaces present, in order ({@code C}, {@code M}, {@code W}, {@code X} in new-scheme archives). */
    public List<Character> namespaces() {
        ensureOpen();
        List<Character> out = new ArrayList<>();
        for (int i = 0; i < entryCount; i = namespaceBegin(storage.u8(direntOffset(i) + 3) + 1)) {
            out.add((char) storage.u8(direntOffset(i) + 3));
        }
        return out;
    }

    /** The user entries ({@link #entryCount()}) in path order. */
    public Stream<Entry> entriesByPath() {
        ensureOpen();
        return IntStream.range(userStart, userEnd).mapToObj(this::entryAt);
    }

    /** Every entry (all namespaces) in path order. */
    public Stream<Entry> allEntries() {
        ensureOpen();
        return IntStream.range(0, entryCount).mapToObj(this::entryAt);
    }

    /**
     * The entries whose path (in {@code C}, or the namespace of a long path in old archives) starts
     * with {@code prefix}, in path order (libzim's {@code findByPath}).
     */
    public Stream<Entry> findByPathPrefix(String prefix) {
        ensureOpen();
        char ns = 'C';
        String p = prefix;
        if (!hasNewNamespaceScheme()) {
            String[] lp = parseLongPath(prefix);
            if (lp == null) {
                return Stream.empty();
            }
            ns = lp[0].charAt(0);
            p = lp[1];
        }
        byte[] key = bytes(p);
        char fns = ns;
        int s = search(ns, key);
        int from = s >= 0 ? s : -s - 1;
        int end = namespaceBegin(ns + 1);
        return IntStream.range(from, end)
                .takeWhile(i -> {
                    long d = direntOffset(i);
                    long pp = Dirent.pathPos(storage, d);
                    return storage.u8(d + 3) == fns && storage.comparePrefix(pp, pp + Dirent.MAX_STRING, key) == 0;
                })
                .mapToObj(this::entryAt);
    }

    // ---------------------------------------------------------------- title order

    /** Length of the title index: front articles (v1 listing) or all entries (v0). */
    public int titleIndexSize() {
        return titleListCount;
    }

    /** The entry at position {@code i} of the title index. */
    public Entry entryByTitleIndex(int i) {
        ensureOpen();
        return entryAt(titleListEntry(i));
    }

    private int titleListEntry(int i) {
        if (i < 0 || i >= titleListCount) {
            throw new ZimEntryNotFoundException("title index position " + i + " out of range");
        }
        long idx = storage.u32(titleListPos + 4L * i);
        if (idx >= entryCount) {
            throw new ZimFormatException("title index position " + i + " points at entry " + idx
                    + ", beyond the " + entryCount + " entries");
        }
        return (int) idx;
    }

    /** The title index in order: front articles sorted by title (or all entries by namespace and title). */
    public Stream<Entry> entriesByTitle() {
        ensureOpen();
        return IntStream.range(0, titleListCount).mapToObj(this::entryByTitleIndex);
    }

    private int compareTitleAt(int t, char ns, byte[] key, boolean prefix) {
        long d = direntOffset(titleListEntry(t));
        int c = storage.u8(d + 3) - (ns & 0xFF);
        if (c != 0) {
            return c;
        }
        long tp = Dirent.titlePos(storage, d);
        return prefix ? storage.comparePrefix(tp, tp + Dirent.MAX_STRING, key)
                : storage.compareCString(tp, tp + Dirent.MAX_STRING, key);
    }

    /** First title position whose (namespace, title) is {@code >= (ns, key)}. */
    private int titleLowerBound(char ns, byte[] key) {
        int lo = 0;
        int hi = titleListCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareTitleAt(mid, ns, key, false) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The entries whose title starts with {@code prefix}, in title order (libzim's
     * {@code findByTitle}; its suggestion fallback without a title index). Front articles only when
     * the archive has the v1 listing.
     */
    public Stream<Entry> findByTitlePrefix(String prefix) {
        ensureOpen();
        char ns = hasNewNamespaceScheme() ? 'C' : 'A';
        byte[] key = bytes(prefix);
        int from = titleLowerBound(ns, key);
        return IntStream.range(from, titleListCount)
                .takeWhile(t -> compareTitleAt(t, ns, key, true) == 0)
                .mapToObj(this::entryByTitleIndex);
    }

    /** The entry with exactly this title ({@code C}, then {@code A}, {@code I}, {@code J}, {@code -}). */
    public Optional<Entry> findEntryByTitle(String title) {
        ensureOpen();
        byte[] key = bytes(title);
        if (titleListCount == 0) {
            return Optional.empty();
        }
        // namespaces outside the listing's first..last cannot match (the v1 listing holds only C)
        int nsFirst = storage.u8(direntOffset(titleListEntry(0)) + 3);
        int nsLast = storage.u8(direntOffset(titleListEntry(titleListCount - 1)) + 3);
        for (char ns : new char[] {'C', 'A', 'I', 'J', '-'}) {
            if (ns < nsFirst || ns > nsLast) {
                continue;
            }
            int t = titleLowerBound(ns, key);
            if (t < titleListCount && compareTitleAt(t, ns, key, false) == 0) {
                return Optional.of(entryByTitleIndex(t));
            }
        }
        return Optional.empty();
    }

    /**
     * A random front article: uniform over the title index (new scheme) or the {@code A} namespace
     * (old scheme), as libzim's {@code getRandomEntry}.
     */
    public Entry randomEntry(RandomGenerator random) {
        ensureOpen();
        if (!hasNewNamespaceScheme()) {
            int b = namespaceBegin('A');
            int n = namespaceBegin('A' + 1) - b;
            if (n == 0) {
                throw new ZimEntryNotFoundException("no random entry: the A namespace is empty");
            }
            return entryAt(b + random.nextInt(n));
        }
        if (titleListCount == 0) {
            throw new ZimEntryNotFoundException("no random entry: the archive has no front article");
        }
        return entryByTitleIndex(random.nextInt(titleListCount));
    }

    // ---------------------------------------------------------------- main entry, metadata, illustrations

    /** Whether the header names a main page (libzim's {@code has_main_entry}). */
    public boolean hasMainEntry() {
        return header.hasMainPage();
    }

    /** The main entry: {@code W/mainPage} if present, else the header's main page. */
    public Optional<Entry> mainEntry() {
        ensureOpen();
        int w = find('W', bytes("mainPage"));
        if (w >= 0) {
            return Optional.of(entryAt(w));
        }
        if (!header.hasMainPage()) {
            return Optional.empty();
        }
        if (header.mainPage() >= entryCount) {
            throw new ZimFormatException("main page index " + header.mainPage() + " beyond the " + entryCount
                    + " entries");
        }
        return Optional.of(entryAt((int) header.mainPage()));
    }

    /** The metadata names (paths of the {@code M} namespace), in path order. */
    public List<String> metadataKeys() {
        ensureOpen();
        List<String> keys = new ArrayList<>();
        for (int i = namespaceBegin('M'), e = namespaceBegin('M' + 1); i < e; i++) {
            keys.add(dirent(i).path());
        }
        return keys;
    }

    /** The item of metadata {@code name} ({@code M/name}, redirects followed). */
    public Optional<Item> metadataItem(String name) {
        ensureOpen();
        int i = find('M', bytes(name));
        return i < 0 ? Optional.empty() : Optional.of(entryAt(i).item());
    }

    /** Metadata {@code name} as UTF-8 text ({@code Title}, {@code Language}, {@code Counter}…). */
    public Optional<String> metadata(String name) {
        return metadataItem(name).map(Item::text);
    }

    /** {@code M/Counter} parsed ({@code mime=count;…}, MIME parameters allowed), empty without one. */
    public Map<String, Long> counter() {
        return metadata("Counter").map(MimeCounter::parse).orElse(Map.of());
    }

    /**
     * The illustration sizes: {@code M/Illustration_{S}x{S}@1} entries, plus 48 for an old archive's
     * favicon ({@code -/favicon}, {@code -/favicon.png}, {@code I/favicon}, {@code I/favicon.png}).
     */
    public Set<Integer> illustrationSizes() {
        ensureOpen();
        Set<Integer> sizes = new TreeSet<>();
        byte[] prefix = bytes("Illustration_");
        int s = search('M', prefix);
        for (int i = s >= 0 ? s : -s - 1; i < entryCount; i++) {
            Dirent d = dirent(i);
            if (d.namespace() != 'M' || !d.path().startsWith("Illustration_")) {
                break;
            }
            int size = illustrationSize(d.path());
            if (size >= 0) {
                sizes.add(size);
            }
        }
        if (!sizes.contains(48) && favicon() >= 0) {
            sizes.add(48);
        }
        return Collections.unmodifiableSet(sizes);
    }

    /** Size of {@code Illustration_{W}x{H}@1} when W == H, else -1. */
    static int illustrationSize(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Illustration_(\\d{1,9})x(\\d{1,9})@1")
                .matcher(path);
        if (!m.matches() || !m.group(1).equals(m.group(2))) {
            return -1;
        }
        return Integer.parseInt(m.group(1));
    }

    private int favicon() {
        for (char ns : new char[] {'-', 'I'}) {
            for (String p : new String[] {"favicon", "favicon.png"}) {
                int i = find(ns, bytes(p));
                if (i >= 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The illustration of {@code size}×{@code size} pixels (48: old archives' favicon as fallback). */
    public Optional<Item> illustration(int size) {
        ensureOpen();
        int i = find('M', bytes("Illustration_" + size + "x" + size + "@1"));
        if (i >= 0) {
            return Optional.of(entryAt(i).item());
        }
        if (size == 48) {
            int f = favicon();
            if (f >= 0) {
                return Optional.of(entryAt(f).item());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- indexes

    /** The full-text Xapian index entry ({@code X/fulltext/xapian}, or old {@code Z//fulltextIndex/xapian}). */
    public Optional<Entry> fulltextIndexEntry() {
        Optional<Entry> e = findEntry('X', "fulltext/xapian");
        return e.isPresent() ? e : findEntry('Z', "/fulltextIndex/xapian");
    }

    /** The title Xapian index entry ({@code X/title/xapian}). */
    public Optional<Entry> titleIndexEntry() {
        return findEntry('X', "title/xapian");
    }

    /** Whether a full-text index exists with direct access (libzim's {@code has_fulltext_index}). */
    public boolean hasFulltextIndex() {
        return fulltextIndexEntry().map(e -> e.item().directAccess().isPresent()).orElse(false);
    }

    /** Whether a title index exists with direct access (libzim's {@code has_title_index}). */
    public boolean hasTitleIndex() {
        return titleIndexEntry().map(e -> e.item().directAccess().isPresent()).orElse(false);
    }

    // ---------------------------------------------------------------- checksum and integrity

    /** Whether the archive carries an MD5 checksum. */
    public boolean hasChecksum() {
        return header.hasChecksum();
    }

    /** The stored MD5 checksum as 32 lower-case hex digits. */
    public Optional<String> checksum() {
        ensureOpen();
        if (!header.hasChecksum()) {
            return Optional.empty();
        }
        return Optional.of(HEX.formatHex(storage.bytes(header.checksumPos(), 16)));
    }

    /** Recomputes the MD5 of {@code [0, checksumPos)} and compares it (false without a checksum). */
    public boolean verifyChecksum() {
        ensureOpen();
        if (!header.hasChecksum()) {
            return false;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            storage.digest(md, 0, header.checksumPos());
            return MessageDigest.isEqual(md.digest(), storage.bytes(header.checksumPos(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs libzim's integrity checks (and a few more), reading every dirent, pointer, title listing
     * and cluster. Damage is reported, not thrown.
     *
     * @param checksum include the MD5 checksum check
     */
    public IntegrityReport checkIntegrity(boolean checksum) {
        ensureOpen();
        return new Integrity(this, storage).run(checksum);
    }

    // ---------------------------------------------------------------- clusters and blobs

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

    String mimeType(int index) {
        if (index < 0 || index >= mimeTypes.size()) {
            throw new ZimFormatException("unknown MIME type index " + index);
        }
        return mimeTypes.get(index);
    }

    long clusterOffset(long cluster) {
        if (cluster < 0 || cluster >= clusterCount) {
            throw new ZimFormatException("cluster " + cluster + " out of range (" + clusterCount + " clusters)");
        }
        long o = storage.u64(header.clusterPtrPos() + 8L * cluster);
        if (o < header.mimeListPos() || o >= clusterAreaEnd) {
            throw new ZimFormatException("cluster " + cluster + " pointer out of bounds (" + o + ")");
        }
        return o;
    }

    /** End bound of cluster {@code cluster}'s bytes: the next cluster's start, or the data area end. */
    long clusterEnd(long cluster, long offset) {
        if (cluster + 1 < clusterCount) {
            long next = storage.u64(header.clusterPtrPos() + 8L * (cluster + 1));
            if (next <= offset) {
                throw new ZimFormatException("cluster offsets decrease at cluster " + (cluster + 1)
                        + " (" + next + " after " + offset + ")");
            }
            return Math.min(next, clusterAreaEnd);
        }
        long end = clusterAreaEnd;
        for (long p : new long[] {header.pathPtrPos(), header.clusterPtrPos()}) {
            if (p > offset && p < end) {
                end = p;
            }
        }
        return end;
    }

    /** Where a blob lives. */
    record BlobRef(long cluster, Compression compression, long absStart, long start, long size,
            java.lang.ref.WeakReference<ClusterData> data) {
    }

    BlobRef locate(long cluster, long blob) {
        long off = clusterOffset(cluster);
        long end = clusterEnd(cluster, off);
        int info = storage.u8(off);
        Compression c = Compression.ofInfo(info);
        String what = "cluster " + cluster;
        if (c == null) {
            throw new ZimFormatException(what + ": invalid compression flag " + (info & 0x0F));
        }
        if (c == Compression.ZLIB || c == Compression.BZIP2) {
            throw new ZimException(ZimException.UNSUPPORTED, what + ": " + c.name().toLowerCase()
                    + " compression is not supported (libzim does not enable it either)");
        }
        boolean extended = (info & 0x10) != 0;
        int width = extended ? 8 : 4;
        if (c == Compression.NONE) {
            long data = off + 1;
            long first = width == 8 ? storage.u64(data) : storage.u32(data);
            if (first < 0 || first % width != 0 || first < width || (first != width && first < 2L * width)
                    || first > end - data) {
                throw new ZimFormatException(what + ": invalid blob offset table");
            }
            long count = first / width - 1;
            if (blob < 0 || blob >= count) {
                throw new ZimFormatException(what + ": blob " + blob + " out of range (" + count + " blobs)");
            }
            long s = width == 8 ? storage.u64(data + blob * 8) : storage.u32(data + blob * 4);
            long e = width == 8 ? storage.u64(data + blob * 8 + 8) : storage.u32(data + blob * 4 + 4);
            if (s < first || e < s || e > end - data) {
                throw new ZimFormatException(what + ": blob " + blob + " offsets out of bounds");
            }
            return new BlobRef(cluster, c, data + s, s, e - s, null);
        }
        ClusterData cd = clusterData(cluster, c, off, end, extended);
        return new BlobRef(cluster, c, -1, cd.blobStart(blob), cd.blobSize(blob), new java.lang.ref.WeakReference<>(cd));
    }

    private ClusterData clusterData(long cluster, Compression c, long off, long end, boolean extended) {
        ensureOpen();
        return cache.get(new ClusterCache.Key(id, cluster), k -> newClusterData(cluster, c, off, end, extended));
    }

    /** Decodes a compressed cluster: zstd at once, xz lazily as far as reads need. */
    private ClusterData newClusterData(long cluster, Compression c, long off, long end, boolean extended) {
        String what = "cluster " + cluster + " (" + c.name().toLowerCase() + ")";
        if (c == Compression.ZSTD) {
            ClusterData cd = new ClusterData(Decoders.zstdPrefixes(storage, off + 1, end, options.maxClusterBytes(), what),
                    tables.getIfPresent(cluster), extended, (long) entryCount + 1, options.maxClusterBytes(), what);
            tables.put(cluster, cd.offsets());
            return cd;
        }
        InputStream in = Decoders.open(c, storage, off + 1, end, options.maxDecoderMemoryBytes(), what);
        return new ClusterData(in, extended, (long) entryCount + 1, options.maxClusterBytes(), what);
    }

    private ClusterData clusterData(BlobRef ref) {
        ClusterData held = ref.data() == null ? null : ref.data().get();
        if (held != null) {
            return held;
        }
        long off = clusterOffset(ref.cluster());
        int info = storage.u8(off);
        return clusterData(ref.cluster(), ref.compression(), off, clusterEnd(ref.cluster(), off), (info & 0x10) != 0);
    }

    /** The decoded cluster buffer holding at least {@code [0, end)}. */
    private byte[] filled(BlobRef ref, long end) {
        ClusterData cd = clusterData(ref);
        byte[] ready = cd.ifDecoded(end);
        if (ready != null) {
            return ready;
        }
        int before = cd.weight();
        byte[] b = cd.fill(end);
        if (cd.weight() != before) {
            cache.reweigh(new ClusterCache.Key(id, ref.cluster()), cd);
        }
        return b;
    }

    byte[] content(BlobRef ref) {
        if (ref.size() > Integer.MAX_VALUE - 16) {
            throw new ZimException(ErrorCodes.TOO_LARGE, "content of " + ref.size() + " bytes is too large for one array");
        }
        int n = (int) ref.size();
        if (ref.compression() == Compression.NONE) {
            return storage.bytes(ref.absStart(), n);
        }
        byte[] b = filled(ref, ref.start() + n);
        // copyOfRange is an intrinsic that skips zeroing the new array
        return java.util.Arrays.copyOfRange(b, (int) ref.start(), (int) ref.start() + n);
    }

    ByteBuffer contentBuffer(BlobRef ref) {
        if (ref.size() > Integer.MAX_VALUE - 16) {
            throw new ZimException(ErrorCodes.TOO_LARGE, "content of " + ref.size() + " bytes is too large for one buffer");
        }
        int n = (int) ref.size();
        if (ref.compression() == Compression.NONE) {
            return storage.slice(ref.absStart(), n);
        }
        byte[] b = filled(ref, ref.start() + n);
        return ByteBuffer.wrap(b, (int) ref.start(), n).slice().asReadOnlyBuffer();
    }

    int read(BlobRef ref, long position, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (position >= ref.size()) {
            return len == 0 ? 0 : -1;
        }
        int n = (int) Math.min(len, ref.size() - position);
        if (ref.compression() == Compression.NONE) {
            storage.read(ref.absStart() + position, dst, off, n);
        } else {
            byte[] b = filled(ref, ref.start() + position + n);
            System.arraycopy(b, (int) (ref.start() + position), dst, off, n);
        }
        return n;
    }

    InputStream stream(BlobRef ref) {
        if (ref.compression() == Compression.NONE) {
            return storage.stream(ref.absStart(), ref.absStart() + ref.size());
        }
        if (ref.size() <= Integer.MAX_VALUE - 16) {
            return new ByteArrayInputStream(content(ref));
        }
        throw new ZimException(ErrorCodes.TOO_LARGE, "content too large");
    }

    Optional<DirectAccess> directAccess(BlobRef ref) {
        if (ref.compression() != Compression.NONE) {
            return Optional.empty();
        }
        int part = storage.partOf(ref.absStart(), ref.size());
        if (part < 0) {
            return Optional.empty();
        }
        Storage.Part p = storage.parts().get(part);
        return Optional.of(new DirectAccess(p.path(), ref.absStart() - p.start(), ref.absStart(), ref.size()));
    }

    /**
     * Facts about cluster {@code cluster}; a compressed cluster is decoded completely (without
     * touching the cache) to learn its size.
     */
    public ClusterInfo clusterInfo(int cluster) {
        ensureOpen();
        long off = clusterOffset(cluster);
        long end = clusterEnd(cluster, off);
        int info = storage.u8(off);
        Compression c = Compression.ofInfo(info);
        boolean extended = (info & 0x10) != 0;
        if (c == Compression.NONE) {
            int width = extended ? 8 : 4;
            long first = width == 8 ? storage.u64(off + 1) : storage.u32(off + 1);
            long last = checkUncompressedTable(cluster, off, end, width);
            return new ClusterInfo(cluster, off, c, extended, first / width - 1, last);
        }
        ClusterData cd = decodeCluster(cluster);
        return new ClusterInfo(cluster, off, c, extended, cd.blobCount(), cd.dataSize());
    }

    /** Validates every blob offset of an uncompressed cluster; returns the data size. */
    private long checkUncompressedTable(long cluster, long off, long end, int width) {
        long data = off + 1;
        long first = width == 8 ? storage.u64(data) : storage.u32(data);
        if (first < 0 || first % width != 0 || first < width || (first != width && first < 2L * width)
                || first > end - data) {
            throw new ZimFormatException("cluster " + cluster + ": invalid blob offset table");
        }
        long count = first / width - 1;
        long prev = first;
        for (long i = 1; i <= count; i++) {
            long o = width == 8 ? storage.u64(data + i * 8) : storage.u32(data + i * 4);
            if (o < prev || o > end - data) {
                throw new ZimFormatException("cluster " + cluster + ": blob " + i + " offset out of bounds");
            }
            prev = o;
        }
        return prev;
    }

    /** Decodes a whole compressed cluster without the cache (integrity checks). */
    ClusterData decodeCluster(long cluster) {
        long off = clusterOffset(cluster);
        long end = clusterEnd(cluster, off);
        int info = storage.u8(off);
        Compression c = Compression.ofInfo(info);
        if (c == null) {
            throw new ZimFormatException("cluster " + cluster + ": invalid compression flag " + (info & 0x0F));
        }
        if (c == Compression.ZLIB || c == Compression.BZIP2) {
            throw new ZimException(ZimException.UNSUPPORTED, "cluster " + cluster + ": " + c.name().toLowerCase()
                    + " compression is not supported");
        }
        if (c == Compression.NONE) {
            checkUncompressedTable(cluster, off, end, (info & 0x10) != 0 ? 8 : 4);
            return null;
        }
        ClusterData cd = newClusterData(cluster, c, off, end, (info & 0x10) != 0);
        cd.fillAll();
        return cd;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ensureOpen() {
        if (closed) {
            throw new ZimException(ZimException.CLOSED, "archive '" + name + "' is closed");
        }
    }

    /**
     * Drops this archive's decompressed clusters from its {@linkplain #clusterCache() cache} (a shared cache keeps
     * the other archives' clusters); they are decoded again when read. For an archive about to be closed, such as one
     * whose file {@linkplain #hasChanged() changed}.
     */
    public void evictCachedClusters() {
        cache.invalidateArchive(id);
    }

    /** Closes the files and drops this archive's cached clusters. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cache.invalidateArchive(id);
            storage.close();
        }
    }

    @Override
    public String toString() {
        return "ZimArchive[" + name + ", " + entryCount + " entries]";
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing
        }
    }
}
