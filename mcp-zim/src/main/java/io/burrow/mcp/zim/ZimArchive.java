package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.MimeCounter;
import io.burrow.mcp.zim.internal.Storage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    // A facade over its parts: HeaderReader (the header and the MIME list, read at open), PathIndex (the dirents in
    // path order, lookups), TitleIndex (the title listing) and ClusterReader (the clusters: every blob is read there).

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

    private final PathIndex paths;
    private final TitleIndex titles;
    private final ClusterReader clusters;
    private final ArchiveMetadata metadata;
    private volatile boolean closed;

    private ZimArchive(String name, Storage storage, ZimOptions options) {
        this.name = name;
        this.storage = storage;
        this.options = options;
        this.cache = options.clusterCache() != null ? options.clusterCache()
                : ClusterCache.ofBytes(options.clusterCacheBytes());
        this.header = HeaderReader.read(storage);
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
        this.paths = new PathIndex(storage, header);
        this.clusters = new ClusterReader(id, storage, header, options, cache, end, this::ensureOpen);
        this.mimeTypes = HeaderReader.mimeTypes(storage, header);
        if (header.newNamespaceScheme()) {
            this.userStart = paths.namespaceBegin('C');
            this.userEnd = paths.namespaceBegin('C' + 1);
        } else {
            this.userStart = 0;
            this.userEnd = entryCount;
        }
        this.titles = TitleIndex.open(storage, header, paths, clusters);
        this.metadata = new ArchiveMetadata(this, header, paths, titles);
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
        return SplitParts.of(file);
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
     * truncated file fail with {@code ARCHIVE_CHANGED}, and a file rewritten in place may yield the new file's
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
        return titles.frontArticles();
    }

    /**
     * The article count as libzim computes it: the v1 front-article listing's length, else the
     * {@code text/html} total of {@code M/Counter}, else the size of the {@code C} (or {@code A})
     * namespace.
     */
    public int articleCount() {
        ensureOpen();
        return metadata.articleCount();
    }

    /**
     * The media count as libzim computes it: {@code image/*}, {@code video/*} and {@code audio/*} in
     * {@code M/Counter}; without a counter, the size of the {@code I} and {@code J} namespaces.
     */
    public int mediaCount() {
        ensureOpen();
        return metadata.mediaCount();
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
        int i = paths.findIndex(path);
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
        return paths.findIndex(path) >= 0;
    }

    /** The entry with exactly this namespace and path (no fallbacks). */
    public Optional<Entry> findEntry(char namespace, String path) {
        ensureOpen();
        int i = paths.find(namespace, bytes(path));
        return i < 0 ? Optional.empty() : Optional.of(entryAt(i));
    }

    /** The entries of one namespace, in path order. */
    public Stream<Entry> namespace(char ns) {
        ensureOpen();
        return IntStream.range(paths.namespaceBegin(ns), paths.namespaceBegin(ns + 1)).mapToObj(this::entryAt);
    }

    /** The entries of namespace {@code ns} from the {@code from}-th one (0-based, path order). */
    public Stream<Entry> namespace(char ns, int from) {
        ensureOpen();
        int begin = paths.namespaceBegin(ns);
        int end = paths.namespaceBegin(ns + 1);
        return IntStream.range((int) Math.min(end, (long) begin + Math.max(0, from)), end).mapToObj(this::entryAt);
    }

    /** The number of entries of namespace {@code ns}. */
    public int namespaceSize(char ns) {
        ensureOpen();
        return paths.namespaceBegin(ns + 1) - paths.namespaceBegin(ns);
    }

    /** The namespaces present, in order ({@code C}, {@code M}, {@code W}, {@code X} in new-scheme archives). */
    public List<Character> namespaces() {
        ensureOpen();
        return paths.namespaces();
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
            String[] lp = PathIndex.parseLongPath(prefix);
            if (lp == null) {
                return Stream.empty();
            }
            ns = lp[0].charAt(0);
            p = lp[1];
        }
        byte[] key = bytes(p);
        char fns = ns;
        int s = paths.search(ns, key);
        int from = s >= 0 ? s : -s - 1;
        int end = paths.namespaceBegin(ns + 1);
        return IntStream.range(from, end)
                .takeWhile(i -> paths.hasPathPrefix(i, fns, key))
                .mapToObj(this::entryAt);
    }

    // ---------------------------------------------------------------- title order

    /** Length of the title index: front articles (v1 listing) or all entries (v0). */
    public int titleIndexSize() {
        return titles.size();
    }

    /** The entry at position {@code i} of the title index. */
    public Entry entryByTitleIndex(int i) {
        ensureOpen();
        return entryAt(titles.entryIndex(i));
    }

    /** The title index in order: front articles sorted by title (or all entries by namespace and title). */
    public Stream<Entry> entriesByTitle() {
        ensureOpen();
        return IntStream.range(0, titles.size()).mapToObj(this::entryByTitleIndex);
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
        int from = titles.lowerBound(ns, key);
        return IntStream.range(from, titles.size())
                .takeWhile(t -> titles.compareAt(t, ns, key, true) == 0)
                .mapToObj(this::entryByTitleIndex);
    }

    /** The entry with exactly this title ({@code C}, then {@code A}, {@code I}, {@code J}, {@code -}). */
    public Optional<Entry> findEntryByTitle(String title) {
        ensureOpen();
        int t = titles.find(bytes(title));
        return t < 0 ? Optional.empty() : Optional.of(entryByTitleIndex(t));
    }

    /**
     * A random front article: uniform over the title index (new scheme) or the {@code A} namespace
     * (old scheme), as libzim's {@code getRandomEntry}.
     */
    public Entry randomEntry(RandomGenerator random) {
        ensureOpen();
        if (!hasNewNamespaceScheme()) {
            int b = paths.namespaceBegin('A');
            int n = paths.namespaceBegin('A' + 1) - b;
            if (n == 0) {
                throw new ZimEntryNotFoundException("no random entry: the A namespace is empty");
            }
            return entryAt(b + random.nextInt(n));
        }
        if (titles.size() == 0) {
            throw new ZimEntryNotFoundException("no random entry: the archive has no front article");
        }
        return entryByTitleIndex(random.nextInt(titles.size()));
    }

    // ---------------------------------------------------------------- main entry, metadata, illustrations

    /** Whether the header names a main page (libzim's {@code has_main_entry}). */
    public boolean hasMainEntry() {
        return header.hasMainPage();
    }

    /** The main entry: {@code W/mainPage} if present, else the header's main page. */
    public Optional<Entry> mainEntry() {
        ensureOpen();
        return metadata.mainEntry();
    }

    /** The metadata names (paths of the {@code M} namespace), in path order. */
    public List<String> metadataKeys() {
        ensureOpen();
        return metadata.keys();
    }

    /** The item of metadata {@code name} ({@code M/name}, redirects followed). */
    public Optional<Item> metadataItem(String name) {
        ensureOpen();
        return metadata.item(name);
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
        return metadata.illustrationSizes();
    }

    /** The illustration of {@code size}×{@code size} pixels (48: old archives' favicon as fallback). */
    public Optional<Item> illustration(int size) {
        ensureOpen();
        return metadata.illustration(size);
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

    // ---------------------------------------------------------------- parts

    Dirent dirent(int i) {
        return paths.dirent(i);
    }

    /** Where blobs are read (the one cluster reader of this archive). */
    ClusterReader clusters() {
        return clusters;
    }

    String mimeType(int index) {
        if (index < 0 || index >= mimeTypes.size()) {
            throw new ZimFormatException("unknown MIME type index " + index);
        }
        return mimeTypes.get(index);
    }

    /**
     * Facts about cluster {@code cluster}; a compressed cluster is decoded completely (without
     * touching the cache) to learn its size.
     */
    public ClusterInfo clusterInfo(int cluster) {
        ensureOpen();
        return clusters.clusterInfo(cluster);
    }

    static byte[] bytes(String s) {
        return PathIndex.bytes(s);
    }

    private void ensureOpen() {
        if (closed) {
            throw new ZimException(ZimErrors.CLOSED, "archive '" + name + "' is closed");
        }
    }

    /**
     * Drops this archive's decompressed clusters from its {@linkplain #clusterCache() cache} (a shared cache keeps
     * the other archives' clusters); they are decoded again when read. For an archive about to be closed, such as one
     * whose file {@linkplain #hasChanged() changed}.
     */
    public void evictCachedClusters() {
        clusters.evict();
    }

    /** Closes the files and drops this archive's cached clusters. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            clusters.evict();
            storage.close();
        }
    }

    @Override
    public String toString() {
        return "ZimArchive[" + name + ", " + entryCount + " entries]";
    }
}
