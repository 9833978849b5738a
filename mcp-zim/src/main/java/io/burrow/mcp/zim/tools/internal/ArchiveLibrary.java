package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.zim.ClusterCache;
import io.burrow.mcp.zim.ZimOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archives served: those found in the configured directories (rescanned periodically), or the bundled demo
 * archive when no directory is configured. Resolves the {@code zim_file_path} a client gives to a loaded
 * archive, never to a file outside the directories, and never names a host path in an error. Archives whose file
 * changed are retired (their caches dropped, their files closed after a grace period) and opened again.
 *
 * <p>Its parts by job: {@link ArchiveNames} (the names clients give), {@link ArchiveFiles} (finding and opening
 * files), {@link ArchiveCalls} (the check of every call against the files it used).
 */
public final class ArchiveLibrary implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveLibrary.class);

    /** Name of the bundled demo archive. */
    public static final String DEMO_NAME = "burrow-demo.zim";
    private static final long CLOSE_GRACE_SECONDS = 60;
    private static final long DEMAND_RESCAN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final List<Path> roots;
    private final ZimOptions options;
    private final ArchiveNames names;
    private final ArchiveFiles files;
    private final ArchiveCalls calls;
    private final boolean demo;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler;
    private final Object scanLock = new Object();
    /** Whether the archives were opened: on first use, not at start-up (no {@code initialize} needs them). */
    private volatile boolean loaded;
    /** When a request for a name not yet scanned last started a rescan ({@link System#nanoTime}). */
    private final AtomicLong lastDemandRescan = new AtomicLong(System.nanoTime() - DEMAND_RESCAN_NANOS);
    private volatile Map<String, LoadedArchive> archives = Map.of();
    private volatile Map<String, FailedArchive> failed = Map.of();
    private final Set<LoadedArchive> retiring = ConcurrentHashMap.newKeySet();
    private final List<java.util.function.Consumer<LoadedArchive>> retireListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ArchiveLibrary(List<Path> roots, ZimOptions options, boolean demo, Runnable onChange,
            ScheduledExecutorService scheduler) {
        this.roots = List.copyOf(roots);
        this.demo = demo;
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            try {
                real.add(r.toRealPath());
            } catch (IOException e) {
                LOG.warn("ZIM directory {} is not readable: {}", r, e.toString());
                real.add(r.toAbsolutePath().normalize());
            }
        }
        List<Path> realRoots = List.copyOf(real);
        this.options = options;
        this.names = new ArchiveNames(this.roots, realRoots);
        this.files = new ArchiveFiles(this.roots, realRoots, options);
        this.calls = new ArchiveCalls(l -> {
            if (archives.get(l.name()) == l) {
                refresh(l.name());
            }
        });
        this.onChange = onChange;
        this.scheduler = scheduler;
    }

    /**
     * Serves the archives of {@code directories}, or the demo archive when there are none and {@code demo} is set.
     * Nothing is opened yet: the directories are scanned and the archives opened on first use (a call, a health
     * check, the warm-up, the first rescan), so that start-up does not wait for them.
     *
     * @param onChange called after a rescan changed the set of archives
     * @param scheduler runs the rescans every {@code watchSeconds} (0: none)
     */
    public static ArchiveLibrary open(List<Path> directories, boolean demo, long clusterCacheBytes, int watchSeconds,
            Runnable onChange, ScheduledExecutorService scheduler) {
        ZimOptions options = ZimOptions.builder().clusterCache(ClusterCache.ofBytes(clusterCacheBytes)).build();
        List<Path> roots = directories.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        ArchiveLibrary lib = new ArchiveLibrary(roots, options, demo, onChange, scheduler);
        if (!roots.isEmpty() && watchSeconds > 0 && scheduler != null) {
            scheduler.scheduleWithFixedDelay(surviving("rescanning the ZIM directories", () -> lib.rescan(true)),
                    watchSeconds, watchSeconds, TimeUnit.SECONDS);
        }
        return lib;
    }

    /** Opens the archives, once: the first scan of the directories, or the demo archive. */
    private void load() {
        if (loaded) {
            return;
        }
        synchronized (scanLock) {
            if (loaded || closed) {
                return;
            }
            if (roots.isEmpty()) {
                if (demo) {
                    archives = Map.of(DEMO_NAME, new LoadedArchive(DEMO_NAME, null, ArchiveFiles.openDemo(options)));
                }
            } else {
                scan(false);
            }
            loaded = true;
            LOG.info("serving {} ZIM archive(s){}", archives.size(), roots.isEmpty() && demo ? " (the demo)" : "");
        }
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
    void onRetire(java.util.function.Consumer<LoadedArchive> listener) {
        retireListeners.add(listener);
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
    public Collection<LoadedArchive> all() {
        Collection<LoadedArchive> all = current();
        ArchiveCalls.used(all);
        return all;
    }

    /** Like {@link #all()}, without counting the archives as used by the current call. */
    Collection<LoadedArchive> current() {
        load();
        for (LoadedArchive l : archives.values()) {
            if (l.archive().hasChanged()) {
                refresh(l.name());
            }
        }
        return archives.values();
    }

    /** Archive files that could not be opened, by name. */
    public Collection<FailedArchive> failures() {
        load();
        return failed.values();
    }

    /** Whether the bundled demo archive is what is served. */
    public boolean servesDemo() {
        load();
        return roots.isEmpty() && archives.containsKey(DEMO_NAME);
    }

    /**
     * The archive a client means by {@code zimFilePath}: its name (with or without {@code .zim}), its path below a
     * configured directory, or an absolute path inside one. Omitted, it is the only archive served.
     *
     * @throws BurrowException {@code INVALID_REQUEST} for a malformed or escaping path, {@code ARCHIVE_NOT_FOUND}
     *     for an archive that is not served
     */
    public LoadedArchive resolve(String zimFilePath) {
        LoadedArchive hit = find(zimFilePath);
        ArchiveCalls.used(hit);
        return hit;
    }

    private LoadedArchive find(String zimFilePath) {
        load();
        Map<String, LoadedArchive> current = archives;
        if (zimFilePath == null || zimFilePath.isBlank()) {
            if (current.size() == 1) {
                return fresh(current.values().iterator().next(), null);
            }
            if (current.isEmpty()) {
                if (failed.size() == 1) { // the only archive cannot be read: say why
                    return fresh(null, failed.values().iterator().next());
                }
                throw names.noArchives();
            }
            throw new InvalidRequestException("zim_file_path is required: " + current.size() + " archives are loaded",
                    "Pass one of: " + ArchiveNames.names(current));
        }
        String wanted = names.cleanPathArgument(zimFilePath);
        LoadedArchive hit = names.lookup(current, wanted, LoadedArchive::name);
        if (hit != null) {
            return fresh(hit, null);
        }
        FailedArchive f = names.lookup(failed, wanted, FailedArchive::name);
        if (f != null) {
            return fresh(null, f);
        }
        if (names.onDisk(wanted) && demandRescanDue()) {
            rescan(true); // added since the last scan
            hit = names.lookup(archives, wanted, LoadedArchive::name);
            if (hit != null) {
                return hit;
            }
            f = names.lookup(failed, wanted, FailedArchive::name);
            if (f != null) {
                throw ArchiveNames.unreadable(f);
            }
        }
        throw names.notFound(wanted, archives);
    }

    /**
     * {@code hit} if its file is unchanged; else the archive as its file is now: opened again if it is a valid
     * archive (a replaced file), else the typed error of the file, or {@code ARCHIVE_NOT_FOUND} when it is gone.
     * A {@code failure} is tried again when its file changed since.
     */
    private LoadedArchive fresh(LoadedArchive hit, FailedArchive failure) {
        String name = hit != null ? hit.name() : failure.name();
        if (hit != null && !hit.archive().hasChanged()) {
            return hit;
        }
        refresh(name);
        LoadedArchive now = archives.get(name);
        if (now != null) {
            return now;
        }
        FailedArchive f = failed.get(name);
        if (f != null) {
            throw ArchiveNames.unreadable(f);
        }
        throw names.notFound(name, archives);
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

    /**
     * Rescans the directories; opens new and replaced archives, drops removed ones. Before the first use it opens
     * the archives and notifies nobody: no client has seen a list yet.
     */
    void rescan(boolean notify) {
        if (!loaded) {
            load();
        } else {
            scan(notify);
        }
    }

    private void scan(boolean notify) {
        if (closed) {
            return;
        }
        boolean changed = false;
        List<LoadedArchive> gone = new ArrayList<>();
        synchronized (scanLock) {
            Map<String, Path> found = files.scan();
            Map<String, LoadedArchive> old = archives;
            Map<String, LoadedArchive> next = new java.util.TreeMap<>();
            Map<String, FailedArchive> nextFailed = new java.util.TreeMap<>();
            for (Map.Entry<String, Path> e : found.entrySet()) {
                String name = e.getKey();
                LoadedArchive prev = old.get(name);
                if (prev != null && !prev.archive().hasChanged()) {
                    next.put(name, prev);
                    continue;
                }
                FailedArchive before = failed.get(name);
                if (prev == null && before != null && before.stamp().equals(ArchiveFiles.stampOf(e.getValue()))) {
                    nextFailed.put(name, before);
                    continue;
                }
                Object opened = files.open(name, e.getValue());
                if (opened instanceof LoadedArchive l) {
                    next.put(name, l);
                    changed = true;
                } else if (opened instanceof FailedArchive f) {
                    nextFailed.put(name, f);
                }
            }
            for (LoadedArchive prev : old.values()) {
                if (next.get(prev.name()) != prev) {
                    gone.add(prev);
                    changed = true;
                }
            }
            archives = java.util.Collections.unmodifiableMap(next);
            failed = java.util.Collections.unmodifiableMap(nextFailed);
        }
        for (LoadedArchive g : gone) {
            LOG.info("ZIM archive {} was removed or changed", g.name());
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
        LoadedArchive retired = null;
        boolean changed = false;
        synchronized (scanLock) {
            if (closed) {
                return;
            }
            LoadedArchive cur = archives.get(name);
            FailedArchive before = failed.get(name);
            Path file = cur != null ? cur.file() : before != null ? before.file() : null;
            if (file == null || (cur != null && !cur.archive().hasChanged())
                    || (cur == null && before.stamp().equals(ArchiveFiles.stampOf(file)))) {
                return; // unchanged, or another call refreshed it already
            }
            Map<String, LoadedArchive> next = new java.util.TreeMap<>(archives);
            Map<String, FailedArchive> nextFailed = new java.util.TreeMap<>(failed);
            next.remove(name);
            nextFailed.remove(name);
            if (cur != null) {
                retired = cur;
                changed = true;
            }
            Object opened = ArchiveFiles.exists(file) ? files.open(name, file) : null;
            if (opened instanceof LoadedArchive l) {
                next.put(name, l);
                changed = true;
            } else if (opened instanceof FailedArchive f) {
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

    /** Takes a replaced, changed or removed archive out of service: its caches are dropped, its files closed soon. */
    private void retire(LoadedArchive l) {
        l.archive().evictCachedClusters();
        l.dropSearcher(); // (calls still running keep theirs)
        for (java.util.function.Consumer<LoadedArchive> listener : retireListeners) {
            try {
                listener.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("dropping the caches of ZIM archive {} failed", l.name(), e);
            }
        }
        closeLater(l);
    }

    private void closeLater(LoadedArchive l) {
        retiring.add(l);
        Runnable close = () -> {
            if (retiring.remove(l)) {
                l.archive().close();
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

    /**
     * Runs one call of a tool, resource, prompt or completion (see {@link ArchiveCalls}): {@code ARCHIVE_CHANGED}
     * when an archive it used changed on disk meanwhile; nothing but {@link BurrowException}s and errors of the JVM
     * leaves.
     */
    <T> T call(java.util.function.Supplier<T> body) {
        return calls.call(body);
    }

    /** Runs {@code body} on archive {@code l}, a part of a larger call on another thread, as {@link #call}. */
    <T> T callOn(LoadedArchive l, java.util.function.Supplier<T> body) {
        return calls.callOn(l, body);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (scanLock) {
            for (LoadedArchive l : archives.values()) {
                l.archive().close();
            }
            for (LoadedArchive l : retiring) {
                l.archive().close();
            }
            retiring.clear();
            archives = Map.of();
        }
    }
}
