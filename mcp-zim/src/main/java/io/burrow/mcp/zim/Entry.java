package io.burrow.mcp.zim;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.zim.internal.Dirent;
import java.util.Objects;

/**
 * A directory entry of a {@link ZimArchive}: a content item, a redirect to another entry, or (in
 * old archives) a link target or deleted entry. Immutable and thread-safe.
 *
 * <pre>{@code
 * Entry e = archive.entry("wiki/Zurich.html");
 * if (e.isRedirect()) {
 *     String target = e.redirectEntry().path();
 * }
 * byte[] html = e.item().content();   // follows redirects
 * }</pre>
 */
public final class Entry {

    /** libzim's redirect hop limit. */
    public static final int MAX_REDIRECT_HOPS = 50;

    private final ZimArchive archive;
    private final int index;
    private final Dirent dirent;

    Entry(ZimArchive archive, int index, Dirent dirent) {
        this.archive = archive;
        this.index = index;
        this.dirent = dirent;
    }

    /** The archive. */
    public ZimArchive archive() {
        return archive;
    }

    /** Index in path order over all entries (libzim's entry index). */
    public int index() {
        return index;
    }

    /** The namespace character ({@code C}, {@code M}, {@code W}, {@code X}; old: {@code A}, {@code I}…). */
    public char namespace() {
        return dirent.namespace();
    }

    /**
     * The path as libzim's {@code Entry::getPath()} gives it: without namespace in new-scheme
     * archives ({@code wiki/Zurich.html}), with it in old ones ({@code A/Zurich}).
     */
    public String path() {
        return archive.hasNewNamespaceScheme() ? dirent.path() : fullPath();
    }

    /** The path with its namespace: {@code C/wiki/Zurich.html}. */
    public String fullPath() {
        return dirent.namespace() + "/" + dirent.path();
    }

    /** The title; the path when none is stored. */
    public String title() {
        return dirent.effectiveTitle();
    }

    /** Whether this entry redirects to another one. */
    public boolean isRedirect() {
        return dirent.isRedirect();
    }

    /** Whether this is a legacy link-target or deleted entry (no content, no target). */
    public boolean isLegacy() {
        return !dirent.isRedirect() && !dirent.isContent();
    }

    /** The target index of a redirect. */
    public int redirectIndex() {
        if (!isRedirect()) {
            throw new ZimException(ErrorCodes.INVALID_REQUEST,
                    "entry '" + path() + "' is not a redirect");
        }
        return (int) dirent.redirectIndex();
    }

    /** The entry this one redirects to (one hop). */
    public Entry redirectEntry() {
        long target = dirent.redirectIndex();
        if (!isRedirect()) {
            throw new ZimException(ErrorCodes.INVALID_REQUEST, "entry '" + path() + "' is not a redirect");
        }
        if (target >= archive.allEntryCount()) {
            throw new ZimFormatException("redirect '" + path() + "' points at entry " + target
                    + ", beyond the " + archive.allEntryCount() + " entries");
        }
        return archive.entryAt((int) target);
    }

    /** The item, following redirects (at most {@value #MAX_REDIRECT_HOPS} hops). */
    public Item item() {
        return item(true);
    }

    /**
     * The item of this entry.
     *
     * @param follow follow redirects; if false, a redirect raises an {@code INVALID_REQUEST} exception
     */
    public Item item(boolean follow) {
        Entry e = this;
        if (e.isRedirect()) {
            if (!follow) {
                throw new ZimException(ErrorCodes.INVALID_REQUEST, "entry '" + path() + "' is a redirect");
            }
            int hops = 0;
            while (e.isRedirect()) {
                if (++hops > MAX_REDIRECT_HOPS) {
                    throw new ZimFormatException("redirect chain from '" + path() + "' is longer than "
                            + MAX_REDIRECT_HOPS + " hops (loop?)");
                }
                e = e.redirectEntry();
            }
        }
        if (!e.dirent.isContent()) {
            throw new ZimFormatException("entry '" + e.path() + "' is a legacy link target or deleted entry");
        }
        return new Item(e);
    }

    Dirent dirent() {
        return dirent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry other && other.archive == archive && other.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(archive), index);
    }

    @Override
    public String toString() {
        return "Entry[" + index + " " + fullPath() + (isRedirect() ? " -> " + dirent.redirectIndex() : "") + "]";
    }
}
