package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.zim.ClusterCache;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archives served: those found in the configured directories (rescanned periodically), or the bundled demo
 * archive when no directory is configured. Resolves the {@code zim_file_path} a client gives to a loaded
 * archive, never to a file outside the directories, and never names a host path in an error.
 */
public final class ArchiveLibrary implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveLibrary.class);

    /** Name of the bundled demo archive. */
    public static final String DEMO_NAME = "burrow-demo.zim";
    static final String DEMO_RESOURCE = "/io/burrow/mcp/zim/demo/burrow-demo.zim";
    private static final int MAX_DEPTH = 3;
    private static final int MAX_PATH_ARGUMENT = 1000;
    private static final long CLOSE_GRACE_SECONDS = 60;
    private static final long DEMAND_RESCAN_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** An archive being served. */
    public static final class Loaded {
        private final String name;
        private final String stamp;
        private final ZimArchive archive;
        private volatile io.burrow.mcp.zim.search.ZimSearcher searcher;

        Loaded(String name, String stamp, ZimArchive archive) {
            this.name = name;
            this.stamp = stamp;
            this.archive = archive;
        }

        /** The name clients use ({@code zim_file_path}, {@code zim://} URIs): the path below its directory. */
        public String name() {
            return name;
        }

        /** The archive. */
        public ZimArchive archive() {
            return archive;
        }

        /** Size and modification time of the file when it was opened (changes when the file is replaced). */
        public String stamp() {
            return stamp;
        }

        /** Its searcher, opened on first use. */
        public io.burrow.mcp.zim.search.ZimSearcher searcher() {
            io.burrow.mcp.zim.search.ZimSearcher s = searcher;
            if (s == null) {
                synchronized (this) {
                    s = searcher;
                    if (s == null) {
                        s = io.burrow.mcp.zim.search.ZimSearcher.open(archive);
                        searcher = s;
                    }
                }
            }
            return s;
        }
    }

    /**
     * An archive file that could not be opened (reported by health, never served).
     *
     * @param name its name
     * @param stamp size and modification time (it is retried when they change)
     * @param code the error code ({@code ZIM_FORMAT_ERROR}, {@code ZIM_IO_ERROR}, …)
     */
    public record Failed(String name, String stamp, String code) {
    }

    private final List<Path> roots;
    private final List<Path> realRoots;
    private final ZimOptions options;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler;
    private final Object scanLock = new Object();
    /** When a request for a name not yet scanned last started a rescan ({@link System#nanoTime}). */
    private final AtomicLong lastDemandRescan = new AtomicLong(System.nanoTime() - DEMAND_RESCAN_NANOS);
    private volatile Map<String, Loaded> archives = Map.of();
    private volatile Map<String, Failed> failed = Map.of();
    private final Set<Loaded> retiring = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ArchiveLibrary(List<Path> roots, ZimOptions options, Runnable onChange, ScheduledExecutorService scheduler) {
        this.roots = List.copyOf(roots);
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            try {
                real.add(r.toRealPath());
            } catch (IOException e) {
                LOG.warn("ZIM directory {} is not readable: {}", r, e.toString());
                real.add(r.toAbsolutePath().normalize());
            }
        }
        this.realRoots = List.copyOf(real);
        this.options = options;
        this.onChange = onChange;
        this.scheduler = scheduler;
    }

    /**
     * Serves the archives of {@code directories}, or the demo archive when there are none and {@code demo} is set.
     *
     * @param onChange called after a rescan changed the set of archives
     * @param scheduler runs the rescans every {@code watchSeconds} (0: none)
     */
    public static ArchiveLibrary open(List<Path> directories, boolean demo, long clusterCacheBytes, int watchSeconds,
            Runnable onChange, ScheduledExecutorService scheduler) {
        ZimOptions options = ZimOptions.builder().clusterCache(ClusterCache.ofBytes(clusterCacheBytes)).build();
        List<Path> roots = directories.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        ArchiveLibrary lib = new ArchiveLibrary(roots, options, onChange, scheduler);
        if (roots.isEmpty()) {
            if (demo) {
                lib.archives = Map.of(DEMO_NAME, new Loaded(DEMO_NAME, "demo", openDemo(options)));
            }
        } else {
            lib.rescan(false);
            if (watchSeconds > 0 && scheduler != null) {
                scheduler.scheduleWithFixedDelay(() -> {
                    try {
                        lib.rescan(true);
                    } catch (RuntimeException e) {
                        LOG.warn("rescanning the ZIM directories failed", e);
                    }
                }, watchSeconds, watchSeconds, TimeUnit.SECONDS);
            }
        }
        LOG.info("serving {} ZIM archive(s){}", lib.archives.size(), roots.isEmpty() && demo ? " (the demo)" : "");
        return lib;
    }

    private static ZimArchive openDemo(ZimOptions options) {
        try (InputStream in = ArchiveLibrary.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo archive is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return ZimArchive.open(ByteBuffer.wrap(bytes), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster cache shared by the archives. */
    public ClusterCache clusterCache() {
        return options.clusterCache();
    }

    /** Whether directories are configured (false: the demo archive or nothing). */
    public boolean hasDirectories() {
        return !roots.isEmpty();
    }

    /** The number of configured directories that can be read now. */
    public int readableDirectories() {
        return (int) roots.stream().filter(Files::isDirectory).count();
    }

    /** The archives served, by name, in name order. */
    public Collection<Loaded> all() {
        return archives.values();
    }

    /** Archive files that could not be opened, by name. */
    public Collection<Failed> failures() {
        return failed.values();
    }

    /** Whether the bundled demo archive is what is served. */
    public boolean servesDemo() {
        return roots.isEmpty() && archives.containsKey(DEMO_NAME);
    }

    /**
     * The archive a client means by {@code zimFilePath}: its name (with or without {@code .zim}), its path below a
     * configured directory, or an absolute path inside one. Omitted, it is the only archive served.
     *
     * @throws BurrowException {@code INVALID_REQUEST} for a malformed or escaping path, {@code ARCHIVE_NOT_FOUND}
     *     for an archive that is not served
     */
    public Loaded resolve(String zimFilePath) {
        Map<String, Loaded> current = archives;
        if (zimFilePath == null || zimFilePath.isBlank()) {
            if (current.size() == 1) {
                return current.values().iterator().next();
            }
            if (current.isEmpty()) {
                throw noArchives();
            }
            throw new InvalidRequestException("zim_file_path is required: " + current.size() + " archives are loaded",
                    "Pass one of: " + names(current));
        }
        String wanted = cleanPathArgument(zimFilePath);
        Loaded hit = lookup(current, wanted);
        if (hit == null && onDisk(wanted) && demandRescanDue()) {
            rescan(true); // added since the last scan
            hit = lookup(archives, wanted);
        }
        if (hit == null) {
            throw notFound(wanted, archives);
        }
        return hit;
    }

    /**
     * Whether a request may start a rescan now: at most one a second, so that asking again and again for a file
     * that cannot be served (unreadable, leading outside the directories, too deep) does not rescan each time.
     */
    private boolean demandRescanDue() {
        long now = System.nanoTime();
        long last = lastDemandRescan.get();
        return now - last >= DEMAND_RESCAN_NANOS && lastDemandRescan.compareAndSet(last, now);
    }

    /** Whether {@code wanted} names an archive file present in a configured directory (worth a rescan). */
    private boolean onDisk(String wanted) {
        for (Path root : roots) {
            for (String name : List.of(wanted, wanted + ".zim")) {
                try {
                    Path p = root.resolve(name).normalize();
                    String fn = p.getFileName() == null ? "" : p.getFileName().toString();
                    String lower = fn.toLowerCase(Locale.ROOT);
                    if (p.startsWith(root) && (lower.endsWith(".zim") || lower.endsWith(".zimaa"))
                            && (Files.isRegularFile(p) || Files.isRegularFile(p.resolveSibling(fn + "aa")))) {
                        return true;
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private Loaded lookup(Map<String, Loaded> current, String wanted) {
        String name = wanted;
        Path asPath = null;
        try {
            asPath = Path.of(wanted);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidRequestException("zim_file_path is not a valid path");
        }
        if (asPath.isAbsolute()) {
            Path norm = asPath.normalize();
            name = null;
            for (int i = 0; i < roots.size() && name == null; i++) {
                for (Path root : List.of(roots.get(i), realRoots.get(i))) {
                    if (norm.startsWith(root) && !norm.equals(root)) {
                        name = slashes(root.relativize(norm));
                        break;
                    }
                }
            }
            if (name == null) {
                throw new InvalidRequestException("zim_file_path must name an archive inside the configured ZIM "
                        + "directories", "Pass the archive's name as listed by zim_health or the zim://files resource.");
            }
        }
        name = name.replace('\\', '/');
        if (name.matches("(?i).*\\.zima[a-z]")) {
            name = name.substring(0, name.length() - 2);
        }
        Loaded l = current.get(name);
        if (l == null && !name.toLowerCase(Locale.ROOT).endsWith(".zim")) {
            l = current.get(name + ".zim");
        }
        if (l == null) {
            for (Loaded c : current.values()) {
                String n = c.name();
                String base = n.substring(n.lastIndexOf('/') + 1);
                if (n.equalsIgnoreCase(name) || n.equalsIgnoreCase(name + ".zim") || base.equals(name)
                        || base.equals(name + ".zim")) {
                    if (l != null) {
                        return null; // ambiguous base name
                    }
                    l = c;
                }
            }
        }
        return l;
    }

    /**
     * Checks and decodes a {@code zim_file_path}: at most three rounds of percent-decoding, then no control
     * characters, no {@code ..} segments and none of {@code <>"|?*}.
     */
    static String cleanPathArgument(String raw) {
        if (raw.length() > MAX_PATH_ARGUMENT) {
            throw new InvalidRequestException("zim_file_path is too long (at most " + MAX_PATH_ARGUMENT + " characters)");
        }
        String s = raw.strip();
        for (int round = 0; round < 3 && s.indexOf('%') >= 0; round++) {
            s = PathCodec.percentDecode(s, "zim_file_path");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidRequestException("zim_file_path must not contain control characters");
            }
            if ("<>\"|?*".indexOf(c) >= 0) {
                throw new InvalidRequestException("zim_file_path must not contain any of <>\"|?*");
            }
        }
        for (String seg : s.split("[/\\\\]")) {
            if (seg.equals("..")) {
                throw new InvalidRequestException("zim_file_path must not contain '..' segments",
                        "Pass the archive's name as listed by zim_health or the zim://files resource.");
            }
        }
        if (s.startsWith("~")) {
            throw new InvalidRequestException("zim_file_path must not start with '~'");
        }
        if (s.isEmpty()) {
            throw new InvalidRequestException("zim_file_path is empty");
        }
        return s;
    }

    private BurrowException notFound(String wanted, Map<String, Loaded> current) {
        if (current.isEmpty()) {
            return noArchives();
        }
        String shown = wanted.substring(Math.max(wanted.lastIndexOf('/'), wanted.lastIndexOf('\\')) + 1);
        return new BurrowException("ARCHIVE_NOT_FOUND", "No archive named '" + shown + "' is loaded",
                "Loaded archives: " + names(current));
    }

    private BurrowException noArchives() {
        return new BurrowException("ARCHIVE_NOT_FOUND", "No ZIM archive is loaded",
                roots.isEmpty() ? "Start the server with ZIM_DIRECTORIES (or --zim-dir) naming a directory of .zim files."
                        : "Put .zim files into the configured ZIM directories; they are picked up within seconds.");
    }

    static String names(Map<String, Loaded> current) {
        List<String> n = new ArrayList<>(current.keySet());
        return n.size() <= 20 ? String.join(", ", n) : String.join(", ", n.subList(0, 20)) + ", … (" + n.size() + ")";
    }

    private static String slashes(Path p) {
        List<String> parts = new ArrayList<>();
        p.forEach(x -> parts.add(x.toString()));
        return String.join("/", parts);
    }

    // ------------------------------------------------------------------ scanning

    /** Rescans the directories; opens new and replaced archives, drops removed ones. */
    void rescan(boolean notify) {
        if (closed) {
            return;
        }
        boolean changed;
        synchronized (scanLock) {
            Map<String, Path> found = new LinkedHashMap<>();
            for (int i = 0; i < roots.size(); i++) {
                scanRoot(roots.get(i), realRoots.get(i), found);
            }
            Map<String, Loaded> old = archives;
            Map<String, Loaded> next = new java.util.TreeMap<>();
            Map<String, Failed> nextFailed = new java.util.TreeMap<>();
            changed = false;
            for (Map.Entry<String, Path> e : found.entrySet()) {
                String name = e.getKey();
                Path file = e.getValue();
                String stamp = stamp(file);
                Loaded prev = old.get(name);
                if (prev != null && Objects.equals(prev.stamp, stamp)) {
                    next.put(name, prev);
                    continue;
                }
                Failed before = failed.get(name);
                if (before != null && before.stamp().equals(stamp)) {
                    nextFailed.put(name, before);
                    continue;
                }
                try {
                    List<Path> real = new ArrayList<>();
                    for (Path part : ZimArchive.parts(file)) { // the very files open(file) maps
                        real.add(part.toRealPath());
                    }
                    if (real.stream().anyMatch(r -> realRoots.stream().noneMatch(r::startsWith))) {
                        // checked again at every open: a symbolic link swapped in must not lead outside
                        LOG.warn("skipping ZIM archive {}: it resolves outside the configured directories", name);
                        continue;
                    }
                    next.put(name, new Loaded(name, stamp, ZimArchive.open(file, options)));
                    changed = true;
                    LOG.info("opened ZIM archive {}", name);
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("cannot open ZIM archive {}: {}", name, ex.getMessage());
                    nextFailed.put(name, new Failed(name, stamp,
                            ex instanceof BurrowException be ? be.code() : "ZIM_IO_ERROR"));
                }
            }
            List<Loaded> gone = new ArrayList<>();
            for (Loaded prev : old.values()) {
                if (next.get(prev.name) != prev) {
                    gone.add(prev);
                    changed = true;
                }
            }
            archives = java.util.Collections.unmodifiableMap(next);
            failed = java.util.Collections.unmodifiableMap(nextFailed);
            for (Loaded g : gone) {
                LOG.info("ZIM archive {} was removed or replaced", g.name);
                closeLater(g);
            }
        }
        if (changed && notify && onChange != null) {
            onChange.run();
        }
    }

    private void closeLater(Loaded l) {
        retiring.add(l);
        Runnable close = () -> {
            if (retiring.remove(l)) {
                l.archive.close();
            }
        };
        if (scheduler != null && !closed) {
            try {
                scheduler.schedule(close, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS); // let in-flight calls finish
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
        close.run();
    }

    private static void scanRoot(Path root, Path realRoot, Map<String, Path> found) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            files.sorted().forEach(f -> {
                String fn = f.getFileName().toString();
                String lower = fn.toLowerCase(Locale.ROOT);
                Path logical;
                if (lower.endsWith(".zim")) {
                    logical = f;
                } else if (lower.endsWith(".zimaa")) {
                    logical = f.resolveSibling(fn.substring(0, fn.length() - 2));
                    if (Files.exists(logical)) {
                        return; // the single file wins
                    }
                } else {
                    return;
                }
                if (!Files.isRegularFile(f)) {
                    return;
                }
                String name = slashes(root.relativize(logical));
                if (found.containsKey(name)) {
                    return;
                }
                found.put(name, logical);
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot list a ZIM directory: {}", e.toString());
        }
    }

    private static String stamp(Path file) {
        try {
            Path f = Files.exists(file) ? file : file.resolveSibling(file.getFileName() + "aa");
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + a.fileKey();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (scanLock) {
            for (Loaded l : archives.values()) {
                l.archive.close();
            }
            for (Loaded l : retiring) {
                l.archive.close();
            }
            retiring.clear();
            archives = Map.of();
        }
    }
}
