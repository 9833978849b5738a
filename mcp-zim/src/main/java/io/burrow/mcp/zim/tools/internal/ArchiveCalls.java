package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.zim.ZimErrors;
import io.burrow.mcp.zim.internal.Storage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of tools, resources, prompts and completions: each records the archives it uses (on its thread) and is
 * checked against their files before it answers, so that a call that read an archive whose file changed answers
 * {@code ARCHIVE_CHANGED}.
 */
final class ArchiveCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveLibrary.class);

    /** The archives the current call (on this thread) has used, or null outside {@link #call}. */
    private static final ThreadLocal<List<LoadedArchive>> USED = new ThreadLocal<>();
    /** Whether the current call was answered from the result cache (see {@link #answeredFromCache()}). */
    private static final ThreadLocal<Boolean> FROM_CACHE = new ThreadLocal<>();

    private final Consumer<LoadedArchive> onChanged;

    /** @param onChanged retires an archive found changed (if it is still the one served) */
    ArchiveCalls(Consumer<LoadedArchive> onChanged) {
        this.onChanged = onChanged;
    }

    /** Counts {@code l} as used by the current call, if any. */
    static void used(LoadedArchive l) {
        List<LoadedArchive> used = USED.get();
        if (used != null) {
            used.add(l);
        }
    }

    /**
     * Notes that the current call was answered from the result cache: it read nothing after it resolved its
     * archives ({@link ArchiveLibrary#resolve} and {@link ArchiveLibrary#all} check each against its file), so they
     * are not checked a second time when it ends.
     */
    static void answeredFromCache() {
        if (USED.get() != null) {
            FROM_CACHE.set(Boolean.TRUE);
        }
    }

    /** Counts {@code all} as used by the current call, if any. */
    static void used(Collection<LoadedArchive> all) {
        List<LoadedArchive> used = USED.get();
        if (used != null) {
            used.addAll(all);
        }
    }

    /**
     * Runs one call of a tool, resource, prompt or completion. A call that used an archive
     * ({@link ArchiveLibrary#resolve}, {@link ArchiveLibrary#all}) whose file changed meanwhile (truncated, rewritten, replaced, removed) answers
     * {@code ARCHIVE_CHANGED}, whatever it read, failed or returned: the archive is retired and the file opened
     * again for the next call. Nothing but {@link BurrowException}s and errors of the JVM leaves: an
     * {@link InternalError} of a read (a fault of the file system) becomes {@code ZIM_IO_ERROR}.
     */
    <T> T call(java.util.function.Supplier<T> body) {
        List<LoadedArchive> outer = USED.get();
        Boolean outerCached = FROM_CACHE.get();
        List<LoadedArchive> used = new ArrayList<>();
        USED.set(used);
        FROM_CACHE.remove();
        try {
            T result = body.get();
            if (FROM_CACHE.get() == null) {
                checkUnchanged(used, null);
            }
            return result;
        } catch (RuntimeException e) {
            checkUnchanged(used, e);
            throw e;
        } catch (InternalError e) {
            checkUnchanged(used, e);
            LOG.error("reading a ZIM archive failed", e);
            throw new BurrowException(ZimErrors.IO_ERROR, "An archive could not be read",
                    "Check the archive with zim_health verify=true; retry later.", e);
        } finally {
            USED.set(outer);
            if (outerCached == null) {
                FROM_CACHE.remove();
            } else {
                FROM_CACHE.set(outerCached);
            }
        }
    }

    /** Throws {@code ARCHIVE_CHANGED} (after retiring it) if one of {@code used} changed on disk. */
    private void checkUnchanged(List<LoadedArchive> used, Throwable cause) {
        Set<LoadedArchive> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (LoadedArchive l : used) {
            if (seen.add(l) && l.archive().hasChanged()) {
                onChanged.accept(l);
                throw changed(l, cause);
            }
        }
    }

    /** {@code ARCHIVE_CHANGED} for {@code l}. */
    static BurrowException changed(LoadedArchive l, Throwable cause) {
        String shown = l.name().substring(l.name().lastIndexOf('/') + 1);
        return new BurrowException(ZimErrors.CHANGED, "Archive '" + shown + "' changed on disk while it was read",
                Storage.CHANGED_HINT, cause);
    }

    /**
     * Runs {@code body} on archive {@code l} (a part of a larger call, on another thread): {@code ARCHIVE_CHANGED}
     * when its file changed meanwhile, as {@link #call}.
     */
    <T> T callOn(LoadedArchive l, java.util.function.Supplier<T> body) {
        return call(() -> {
            List<LoadedArchive> used = USED.get();
            used.add(l);
            return body.get();
        });
    }
}
