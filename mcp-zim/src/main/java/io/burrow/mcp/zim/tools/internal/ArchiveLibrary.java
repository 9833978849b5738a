package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.zim.ClusterCache;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimException;
import io.burrow.mcp.zim.ZimOptions;
import io.burrow.mcp.zim.internal.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** No archive by the name asked for is served. */
    public static final io.burrow.mcp.core.ErrorCode ARCHIVE_NOT_FOUND = io.burrow.mcp.core.ErrorCode.notFound("ARCHIVE_NOT_FOUND");

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
        private static final AtomicLong OPENINGS = new AtomicLong();
        private final String name;
        private final Path file;
        private final String stamp;
        private final ZimArchive archive;
        private volatile io.burrow.mcp.zim.search.ZimSearcher searcher;

        Loaded(String name, Path file, ZimArchive archive) {
            this.name = name;
            this.file = file;
            this.stamp = "#" + OPENINGS.incrementAndGet();
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

        /** Which opening of the file this is: a new one when the file is replaced (keys of caches of its content). */
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
     * An archive file that could not be opened (reported by health and to calls naming it, never served).
     *
     * @param name its name
     * @param file its path (never shown)
     * @param stamp the {@link Storage.FileStamp}s of its parts when it failed (it is retried when they change)
     * @param code the error code ({@code ZIM_FORMAT_ERROR}, {@code ZIM_IO_ERROR}, {@code ZIM_UNSUPPORTED},
     *     {@code ARCHIVE_CHANGED})
     * @param message the reader's client-safe message (it names the file only)
     */
    public record Failed(String name, Path file, Object stamp, io.burrow.mcp.core.ErrorCode code, String message) {
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
    private final List<java.util.function.Consumer<Loaded>> retireListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The archives the current call (on this thread) has used, or null outside {@link #call}. */
    private static final ThreadLocal<List<Loaded>> USED = new ThreadLocal<>();
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
                lib.archives = Map.of(DEMO_NAME, new Loaded(DEMO_NAME, null, openDemo(options)));
            }
        } else {
            lib.rescan(false);
            if (watchSeconds > 0 && scheduler != null) {
                scheduler.scheduleWithFixedDelay(surviving("rescanning the ZIM directories", () -> lib.rescan(true)),
                        watchSeconds, watchSeconds, TimeUnit.SECONDS);
            }
        }
        LOG.info("serving {} ZIM archive(s){}", lib.archives.size(), roots.isEmpty() && demo ? " (the demo)" : "");
        return lib;
    }

    /**
     * {@code task} as a scheduled task that survives anything it throws: a task of a {@link ScheduledExecutorService}
     * that throws is never run again, so the failure is logged and the next run goes ahead.
     */
    static Runnable surviving(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) { // NOPMD: a periodic task must outlive any failure of one run
                try {
                    LOG.error("{} failed; trying again at the next run", what, t);
                } catch (Throwable ignored) { // NOPMD: logging failed too (out of memory?): the next run still comes
                    // nothing more to do
                }
            }
        };
    }

    /** Runs {@code listener} with each archive retired (replaced, changed or removed), to drop caches of it. */
    void onRetire(java.util.function.Consumer<Loaded> listener) {
        retireListeners.add(listener);
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

    /**
     * The archives served, by name, in name order; archives whose file changed are first retired (and opened again
     * if the file is valid). Inside {@link #call} they count as used by the call.
     */
    public Collection<Loaded> all() {
        Collection<Loaded> all = current();
        List<Loaded> used = USED.get();
        if (used != null) {
            used.addAll(all);
        }
        return all;
    }

    /** Like {@link #all()}, without counting the archives as used by the current call. */
    Collection<Loaded> current() {
        for (Loaded l : archives.values()) {
            if (l.archive.hasChanged()) {
                refresh(l.name);
            }
        }
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
        Loaded hit = find(zimFilePath);
        List<Loaded> used = USED.get();
        if (used != null) {
            used.add(hit);
        }
        return hit;
    }

    private Loaded find(String zimFilePath) {
        Map<String, Loaded> current = archives;
        if (zimFilePath == null || zimFilePath.isBlank()) {
            if (current.size() == 1) {
                return fresh(current.values().iterator().next(), null);
            }
            if (current.isEmpty()) {
                if (failed.size() == 1) { // the only archive cannot be read: say why
                    return fresh(null, failed.values().iterator().next());
                }
                throw noArchives();
            }
            throw new InvalidRequestException("zim_file_path is required: " + current.size() + " archives are loaded",
                    "Pass one of: " + names(current));
        }
        String wanted = cleanPathArgument(zimFilePath);
        Loaded hit = lookup(current, wanted, Loaded::name);
        if (hit != null) {
            return fresh(hit, null);
        }
        Failed f = lookup(failed, wanted, Failed::name);
        if (f != null) {
            return fresh(null, f);
        }
        if (onDisk(wanted) && demandRescanDue()) {
            rescan(true); // added since the last scan
            hit = lookup(archives, wanted, Loaded::name);
            if (hit != null) {
                return hit;
            }
            f = lookup(failed, wanted, Failed::name);
            if (f != null) {
                throw unreadable(f);
            }
        }
        throw notFound(wanted, archives);
    }

    /**
     * {@code hit} if its file is unchanged; else the archive as its file is now: opened again if it is a valid
     * archive (a replaced file), else the typed error of the file, or {@code ARCHIVE_NOT_FOUND} when it is gone.
     * A {@code failure} is tried again when its file changed since.
     */
    private Loaded fresh(Loaded hit, Failed failure) {
        String name = hit != null ? hit.name : failure.name();
        if (hit != null && !hit.archive.hasChanged()) {
            return hit;
        }
        refresh(name);
        Loaded now = archives.get(name);
        if (now != null) {
            return now;
        }
        Failed f = failed.get(name);
        if (f != null) {
            throw unreadable(f);
        }
        throw notFound(name, archives);
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

    private <T> T lookup(Map<String, T> current, String wanted, java.util.function.Function<T, String> nameOf) {
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
        T l = current.get(name);
        if (l == null && !name.toLowerCase(Locale.ROOT).endsWith(".zim")) {
            l = current.get(name + ".zim");
        }
        if (l == null) {
            for (T c : current.values()) {
                String n = nameOf.apply(c);
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
        return new BurrowException(ARCHIVE_NOT_FOUND, "No archive named '" + shown + "' is loaded",
                "Loaded archives: " + names(current));
    }

    private static BurrowException unreadable(Failed f) {
        String shown = f.name().substring(f.name().lastIndexOf('/') + 1);
        return new BurrowException(f.code(), "Archive '" + shown + "' cannot be read: " + f.message(),
                "The file is damaged, not a ZIM archive, or still being written; it is served as soon as it is a "
                        + "complete, valid archive. Replace archives by writing the new file elsewhere and renaming it "
                        + "over the old one.");
    }

    private BurrowException noArchives() {
        return new BurrowException(ARCHIVE_NOT_FOUND, "No ZIM archive is loaded",
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
        boolean changed = false;
        List<Loaded> gone = new ArrayList<>();
        synchronized (scanLock) {
            Map<String, Path> found = new LinkedHashMap<>();
            for (int i = 0; i < roots.size(); i++) {
                scanRoot(roots.get(i), realRoots.get(i), found);
            }
            Map<String, Loaded> old = archives;
            Map<String, Loaded> next = new java.util.TreeMap<>();
            Map<String, Failed> nextFailed = new java.util.TreeMap<>();
            for (Map.Entry<String, Path> e : found.entrySet()) {
                String name = e.getKey();
                Loaded prev = old.get(name);
                if (prev != null && !prev.archive.hasChanged()) {
                    next.put(name, prev);
                    continue;
                }
                Failed before = failed.get(name);
                if (prev == null && before != null && before.stamp().equals(stampOf(e.getValue()))) {
                    nextFailed.put(name, before);
                    continue;
                }
                Object opened = open(name, e.getValue());
                if (opened instanceof Loaded l) {
                    next.put(name, l);
                    changed = true;
                } else if (opened instanceof Failed f) {
                    nextFailed.put(name, f);
                }
            }
            for (Loaded prev : old.values()) {
                if (next.get(prev.name) != prev) {
                    gone.add(prev);
                    changed = true;
                }
            }
            archives = java.util.Collections.unmodifiableMap(next);
            failed = java.util.Collections.unmodifiableMap(nextFailed);
        }
        for (Loaded g : gone) {
            LOG.info("ZIM archive {} was removed or changed", g.name);
            retire(g);
        }
        if (changed && notify && onChange != null) {
            onChange.run();
        }
    }

    /**
     * Looks at one archive again: an archive whose file changed is retired and the file opened again (served if it
     * is a valid archive, else recorded as failed); a failed file that changed since is tried again.
     */
    private void refresh(String name) {
        Loaded retired = null;
        boolean changed = false;
        synchronized (scanLock) {
            if (closed) {
                return;
            }
            Loaded cur = archives.get(name);
            Failed before = failed.get(name);
            Path file = cur != null ? cur.file : before != null ? before.file() : null;
            if (file == null || (cur != null && !cur.archive.hasChanged())
                    || (cur == null && before.stamp().equals(stampOf(file)))) {
                return; // unchanged, or another call refreshed it already
            }
            Map<String, Loaded> next = new java.util.TreeMap<>(archives);
            Map<String, Failed> nextFailed = new java.util.TreeMap<>(failed);
            next.remove(name);
            nextFailed.remove(name);
            if (cur != null) {
                retired = cur;
                changed = true;
            }
            Object opened = exists(file) ? open(name, file) : null;
            if (opened instanceof Loaded l) {
                next.put(name, l);
                changed = true;
            } else if (opened instanceof Failed f) {
                nextFailed.put(name, f);
            }
            archives = java.util.Collections.unmodifiableMap(next);
            failed = java.util.Collections.unmodifiableMap(nextFailed);
        }
        if (retired != null) {
            LOG.info("ZIM archive {} changed on disk: retired", name);
            retire(retired);
        }
        if (changed && onChange != null) {
            onChange.run();
        }
    }

    private static boolean exists(Path file) {
        try {
            ZimArchive.parts(file);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Opens {@code file}: a {@link Loaded}, a {@link Failed}, or null when it must not be served (outside). */
    private Object open(String name, Path file) {
        Object stamp = stampOf(file);
        try {
            List<Path> real = new ArrayList<>();
            for (Path part : ZimArchive.parts(file)) { // the very files open(file) reads
                real.add(part.toRealPath());
            }
            if (real.stream().anyMatch(r -> realRoots.stream().noneMatch(r::startsWith))) {
                // checked again at every open: a symbolic link swapped in must not lead outside
                LOG.warn("skipping ZIM archive {}: it resolves outside the configured directories", name);
                return null;
            }
            Loaded l = new Loaded(name, file, ZimArchive.open(file, options));
            LOG.info("opened ZIM archive {}", name);
            return l;
        } catch (Throwable t) { // NOPMD: no failure of one file may stop the scan (an Error included)
            if (t instanceof VirtualMachineError v && !(t instanceof InternalError)) {
                throw v;
            }
            LOG.warn("cannot open ZIM archive {}: {}", name, t.getMessage());
            if (!(t instanceof BurrowException)) {
                LOG.debug("cannot open ZIM archive {}", name, t);
            }
            return t instanceof BurrowException be ? new Failed(name, file, stamp, be.errorCode(), be.getMessage())
                    : new Failed(name, file, stamp, ZimException.IO_ERROR, "the file could not be read");
        }
    }

    /** The stamps of the archive's files now, or "unreadable". */
    private static Object stampOf(Path file) {
        try {
            return Storage.FileStamp.of(ZimArchive.parts(file));
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    /** Takes a replaced, changed or removed archive out of service: its caches are dropped, its files closed soon. */
    private void retire(Loaded l) {
        l.archive.evictCachedClusters();
        l.searcher = null; // (calls still running keep theirs)
        for (java.util.function.Consumer<Loaded> listener : retireListeners) {
            try {
                listener.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("dropping the caches of ZIM archive {} failed", l.name, e);
            }
        }
        closeLater(l);
    }

    private void closeLater(Loaded l) {
        retiring.add(l);
        Runnable close = () -> {
            if (retiring.remove(l)) {
                l.archive.close();
            }
        };
        if (scheduler != null && !closed) {
            try { // let in-flight calls finish
                scheduler.schedule(surviving("closing a retired ZIM archive", close), CLOSE_GRACE_SECONDS,
                        TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
        close.run();
    }

    // ------------------------------------------------------------------ calls

    /**
     * Runs one call of a tool, resource, prompt or completion. A call that used an archive ({@link #resolve},
     * {@link #all}) whose file changed meanwhile (truncated, rewritten, replaced, removed) answers
     * {@code ARCHIVE_CHANGED}, whatever it read, failed or returned: the archive is retired and the file opened
     * again for the next call. Nothing but {@link BurrowException}s and errors of the JVM leaves: an
     * {@link InternalError} of a read (a fault of the file system) becomes {@code ZIM_IO_ERROR}.
     */
    <T> T call(java.util.function.Supplier<T> body) {
        List<Loaded> outer = USED.get();
        List<Loaded> used = new ArrayList<>();
        USED.set(used);
        try {
            T result = body.get();
            checkUnchanged(used, null);
            return result;
        } catch (RuntimeException e) {
            checkUnchanged(used, e);
            throw e;
        } catch (InternalError e) {
            checkUnchanged(used, e);
            LOG.error("reading a ZIM archive failed", e);
            throw new BurrowException(ZimException.IO_ERROR, "An archive could not be read",
                    "Check the archive with zim_health verify=true; retry later.", e);
        } finally {
            USED.set(outer);
        }
    }

    /** Throws {@code ARCHIVE_CHANGED} (after retiring it) if one of {@code used} changed on disk. */
    private void checkUnchanged(List<Loaded> used, Throwable cause) {
        Set<Loaded> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Loaded l : used) {
            if (seen.add(l) && l.archive.hasChanged()) {
                if (archives.get(l.name) == l) {
                    refresh(l.name);
                }
                throw changed(l, cause);
            }
        }
    }

    /** {@code ARCHIVE_CHANGED} for {@code l}. */
    static BurrowException changed(Loaded l, Throwable cause) {
        String shown = l.name.substring(l.name.lastIndexOf('/') + 1);
        return new BurrowException(ZimException.CHANGED, "Archive '" + shown + "' changed on disk while it was read",
                Storage.CHANGED_HINT, cause);
    }

    /**
     * Runs {@code body} on archive {@code l} (a part of a larger call, on another thread): {@code ARCHIVE_CHANGED}
     * when its file changed meanwhile, as {@link #call}.
     */
    <T> T callOn(Loaded l, java.util.function.Supplier<T> body) {
        return call(() -> {
            List<Loaded> used = USED.get();
            used.add(l);
            return body.get();
        });
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
